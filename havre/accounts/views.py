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

from havre.accounts import actions, devices, factors, hashers, ratelimit, sessions, signin
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
    user = signin.find_member(email)
    device = devices.recognised(request, email, user)
    keys = devices.attempt_keys(request, email, device)
    # Counted before any hashing: attempts past the limit cost nothing.
    if not ratelimit.attempt(keys):
        return error("too_many_attempts", 429)
    try:
        with hashers.slot():
            ok = signin.check_login_secret(user, secret)
    except hashers.BusyError:
        ratelimit.forgive(keys)
        return busy()
    if user is None or not ok:
        signin.note_failed(user, "sign_in")
        return error("invalid_credentials", 400)
    ratelimit.forgive(keys)
    if not settings.HAVRE_REQUIRE_SECOND_FACTOR:
        signin.finish(request, user)
        response = JsonResponse({"next": "ready"})
        devices.remember(response, user)
        return response
    if not factors.has_second_factor(user):
        # Only someone who knows the passphrase gets this far, so saying why is safe.
        return error("signup_unfinished", 403)
    signin.start_pending(request, user, device)
    return JsonResponse({"next": "second_factor", "methods": signin.methods(user)})


def busy() -> HttpResponse:
    response = error("busy", 503)
    response["Retry-After"] = "5"
    return response


@require_POST
@json_view
@sensitive_variables("data", "code")
def second_factor(request: HttpRequest) -> HttpResponse:
    """A TOTP code (`code`) or a recovery code (`recovery_code`)."""
    user = signin.pending_user(request)
    if user is None:
        return error("no_sign_in_pending", 401)
    data = body(request)
    keys = signin.second_step_keys(request, user)
    if not ratelimit.attempt(keys):
        return error("too_many_attempts", 429)
    if "recovery_code" in data:
        if not factors.use_recovery_code(user, text(data, "recovery_code", 40)):
            signin.note_failed(user, "recovery_code")
            return error("invalid_recovery_code", 400)
    else:
        try:
            ok = factors.check_totp(user, text(data, "code", 16))
        except factors.FactorError as exc:
            return error(exc.code, 403)
        if not ok:
            signin.note_failed(user, "second_factor")
            if factors.totp_locked(user):
                return error("second_factor_locked", 403)
            return error("invalid_code", 400)
    return _signed_in(request, user, keys)


def _signed_in(request: HttpRequest, user: User, keys: list[str]) -> HttpResponse:
    ratelimit.clear(keys[:1])
    ratelimit.forgive(keys[1:])
    signin.finish(request, user)
    response = JsonResponse(
        {"next": "ready", "recovery_codes_left": factors.summary(user)["recovery_codes_left"]}
    )
    devices.remember(response, user)
    return response


@require_POST
@never_cache
def passkey_options(request: HttpRequest) -> HttpResponse:
    """The challenge for `navigator.credentials.get`, kept in the pending session."""
    user = signin.pending_user(request)
    if user is None:
        return error("no_sign_in_pending", 401)
    try:
        options, challenge = factors.sign_in_options(user)
    except factors.FactorError as exc:
        return error(exc.code, 409)
    signin.keep_challenge(request, "sign_in", challenge)
    return HttpResponse(options, content_type="application/json")


@require_POST
@json_view
def passkey_sign_in(request: HttpRequest) -> HttpResponse:
    user = signin.pending_user(request)
    if user is None:
        return error("no_sign_in_pending", 401)
    credential = body(request).get("credential")
    challenge = signin.take_challenge(request, "sign_in")
    keys = signin.second_step_keys(request, user)
    if not ratelimit.attempt(keys):
        return error("too_many_attempts", 429)
    if (
        challenge is None
        or not isinstance(credential, dict)
        or not factors.check_passkey(user, credential, challenge)
    ):
        signin.note_failed(user, "passkey")
        return error("passkey_not_verified", 400)
    return _signed_in(request, user, keys)


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
            "key_max_age_days": program.key_max_age_days,
            "new_key_needed_since": (
                program.new_key_needed_since.isoformat() if program.new_key_needed_since else None
            ),
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
@member_required
def active(request: HttpRequest, user: User) -> HttpResponse:
    """The console was in use: the session lives on for another lock's length."""
    sessions.mark_active(request.session, user)
    return JsonResponse({"idle_lock_minutes": user.program.idle_lock_minutes})


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
