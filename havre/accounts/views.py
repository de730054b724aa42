"""Sign-in and the signed-in member, as JSON under ``/accounts/api/``.

All POSTs are CSRF-protected: send the ``csrftoken`` cookie's value in an
``X-CSRFToken`` header (``GET me`` sets the cookie, signed in or not). Bodies
and answers are JSON; bytes are base64url without padding. Errors answer
``{"error": code}`` with 400 (bad input or credentials), 401 (not signed in),
403 (not allowed), 404, 409 (state does not allow it) or 429 (too many tries).

Sign-in (`frontend/src/session.ts` drives these):

- ``POST prelogin {email}`` → ``{salt, kdf}``. Unknown addresses get a stable
  decoy salt and the default parameters.
- ``POST login {email, login_secret}`` → ``{next: "second_factor"}``, or
  ``{next: "ready"}`` in the demo (no second factor). Failures are counted per
  address and per client: 10 in 15 minutes, then 429.
- ``POST second-factor {code}`` → ``{next: "ready"}``: a TOTP code, each time
  step usable once. Same limits.
- ``GET me`` → the member, their program, KDF parameters, keys and grants.
- ``POST logout``; ``POST language {language: "en"|"fr"}``.

Admins, within their own program (`views_team.py`, driven by `team.ts`):

- ``GET team`` → ``{epoch, members: [{id, email, display_name, role, is_active,
  public_key, signed_up, has_grant}]}``.
- ``POST invite {email, role, display_name?}`` → ``{user_id, signup_url}``.
- ``POST grants {user_id, epoch, sealed_key}`` → ``{ok: true}``.

Sign-up with a one-time link (`views_signup.py`, driven by `signup.ts`):

- ``GET /accounts/signup/<token>/``: the page.
- ``POST signup/<token> {login_secret, public_key, wrapped_private_key,
  program_public_key?, grant?}`` → ``{next: "second_factor" | "done"}``.
- ``POST signup/<token>/totp`` → ``{uri, secret, qr_svg}``.
- ``POST signup/<token>/totp/confirm {code}`` → ``{next: "done"}``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from havre.accounts import actions, ratelimit, signin, totp
from havre.accounts.api import body, error, json_view, member_required, text
from havre.accounts.models import User
from havre.vault.formats import b64e
from havre.vault.models import Grant
from havre.vault.sealing import current_epoch


def login_page(request: HttpRequest) -> HttpResponse:
    """Sign-in happens inside the console page, which keeps the unlocked keys."""
    return redirect("/console/")


@require_POST
@json_view
def prelogin(request: HttpRequest) -> HttpResponse:
    email = signin.normalise_email(text(body(request), "email"))
    found = signin.kdf_for(email)
    return JsonResponse({"salt": b64e(found["salt"]), "kdf": found["kdf"]})


@require_POST
@json_view
@sensitive_variables("data", "secret")
def login(request: HttpRequest) -> HttpResponse:
    data = body(request)
    email = signin.normalise_email(text(data, "email"))
    secret = text(data, "login_secret", 64)
    keys = [ratelimit.key("email", email), ratelimit.client_key(request)]
    if ratelimit.is_limited(keys):
        return error("too_many_attempts", 429)
    user, ok = signin.check_login_secret(email, secret)
    if user is None or not ok:
        ratelimit.note_failure(keys)
        signin.note_failed(user, "sign_in")
        return error("invalid_credentials", 400)
    if not settings.HAVRE_REQUIRE_SECOND_FACTOR:
        signin.finish(request, user)
        ratelimit.clear(keys[:1])
        return JsonResponse({"next": "ready"})
    if not totp.is_enrolled(user):
        # Only someone who knows the passphrase gets this far, so saying why is safe.
        return error("signup_unfinished", 403)
    signin.start_pending(request, user)
    return JsonResponse({"next": "second_factor"})


@require_POST
@json_view
@sensitive_variables("data", "code")
def second_factor(request: HttpRequest) -> HttpResponse:
    user = signin.pending_user(request)
    if user is None:
        return error("no_sign_in_pending", 401)
    data = body(request)
    code = text(data, "code", 16)
    keys = [ratelimit.key("second_factor", str(user.pk)), ratelimit.client_key(request)]
    if ratelimit.is_limited(keys):
        return error("too_many_attempts", 429)
    if not totp.verify(user, code):
        ratelimit.note_failure(keys)
        signin.note_failed(user, "second_factor")
        return error("invalid_code", 400)
    signin.finish(request, user)
    ratelimit.clear([ratelimit.key("email", user.email), keys[0]])
    return JsonResponse({"next": "ready"})


def _me(user: User) -> dict[str, Any]:
    program = user.program
    epoch = current_epoch(program.pk)
    grants = Grant.objects.filter(user=user, epoch__program=program).select_related("epoch")
    return {
        "id": str(user.pk),
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "language": user.language,
        "program": {
            "id": str(program.pk),
            "name": program.name,
            "idle_lock_minutes": program.idle_lock_minutes,
        },
        "kdf": {"salt": b64e(bytes(user.kdf_salt)), "params": user.kdf_params},
        "public_key": b64e(bytes(user.public_key)) if user.public_key else None,
        "wrapped_private_key": (
            b64e(bytes(user.wrapped_private_key)) if user.wrapped_private_key else None
        ),
        "grants": [
            {
                "epoch": g.epoch.number,
                "public_key": b64e(bytes(g.epoch.public_key)),
                "sealed_key": b64e(bytes(g.sealed_key)),
            }
            for g in sorted(grants, key=lambda g: g.epoch.number)
        ],
        "current_epoch": (
            {"number": epoch.number, "public_key": b64e(bytes(epoch.public_key))} if epoch else None
        ),
    }


@require_GET
@never_cache
@ensure_csrf_cookie
@member_required
def me(request: HttpRequest, user: User) -> HttpResponse:
    return JsonResponse(_me(user))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return JsonResponse({"ok": True})


@require_POST
@json_view
def language(request: HttpRequest) -> HttpResponse:
    chosen = text(body(request), "language", 8)
    if chosen not in actions.LANGUAGES:
        return error("unknown_language", 400)
    request.session[signin.LANGUAGE_KEY] = chosen
    if isinstance(request.user, User):
        actions.set_language(request.user, chosen)
    return JsonResponse({"language": chosen})
