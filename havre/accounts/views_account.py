"""A member's own account, as JSON under ``/accounts/api/account/``: passphrase and second factors.

- ``GET account`` → ``{totp, totp_locked, passkeys: [{id, name, created_at,
  last_used_at}], recovery_codes_left}``.
- ``POST account/passphrase {old_login_secret, salt, kdf, login_secret,
  wrapped_private_key}``: the browser re-wrapped the same personal key under
  the new passphrase; the member's other sessions end.
- ``POST account/passkeys/options`` → the options for
  ``navigator.credentials.create``; ``POST account/passkeys {credential,
  name}`` enrols it; ``POST account/passkeys/<id>/remove``.
- ``POST account/totp`` → ``{uri, secret, qr_svg}`` (only without TOTP);
  ``POST account/totp/confirm {code}``; ``POST account/totp/remove`` (only
  with a passkey left).
- ``POST account/recovery-codes`` → ``{codes}``: ten new codes, shown once,
  replacing the earlier ones.

Removing the last factor is refused with 409 ``last_factor``.
"""

from __future__ import annotations

import uuid

from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from havre.accounts import actions, factors, ratelimit, resets, signin, totp
from havre.accounts.api import body, error, json_view, member_required, raw, text
from havre.accounts.models import User
from havre.vault.formats import KEY_SIZE


@require_GET
@never_cache
@member_required
def account(request: HttpRequest, user: User) -> HttpResponse:
    return JsonResponse(factors.summary(user))


@require_POST
@json_view
@member_required
@sensitive_variables("data", "old")
def passphrase(request: HttpRequest, user: User) -> HttpResponse:
    data = body(request)
    old = text(data, "old_login_secret", 64)
    kdf = data.get("kdf")
    if not isinstance(kdf, dict):
        return error("bad_kdf", 400)
    keys = [ratelimit.key("passphrase_change", str(user.pk))]
    if not ratelimit.attempt(keys):
        return error("too_many_attempts", 429)
    new = resets.NewPassphrase(
        salt=raw(data, "salt"),
        kdf=kdf,
        login_secret=raw(data, "login_secret", KEY_SIZE),
        wrapped_private_key=raw(data, "wrapped_private_key", actions.WRAPPED_KEY_SIZE),
    )
    try:
        resets.change_passphrase(user, old, new, keep_session=request.session.session_key)
    except resets.ResetRefusedError as exc:
        return error(exc.code, 400 if exc.code == "wrong_passphrase" else 409)
    ratelimit.forgive(keys)
    user.refresh_from_db()
    # This session goes on under the new login secret.
    update_session_auth_hash(request, user)
    return JsonResponse({"ok": True})


@require_POST
@never_cache
@member_required
def passkey_options(request: HttpRequest, user: User) -> HttpResponse:
    options, challenge = factors.registration_options(user)
    signin.keep_challenge(request, "register", challenge)
    return HttpResponse(options, content_type="application/json")


@require_POST
@json_view
@member_required
def add_passkey(request: HttpRequest, user: User) -> HttpResponse:
    data = body(request)
    credential = data.get("credential")
    name = data.get("name") or ""
    challenge = signin.take_challenge(request, "register")
    if challenge is None or not isinstance(credential, dict) or not isinstance(name, str):
        return error("passkey_not_verified", 400)
    try:
        passkey = factors.add_passkey(user, credential, challenge, name)
    except factors.FactorError as exc:
        return error(exc.code, 409)
    return JsonResponse({"id": str(passkey.pk), **factors.summary(user)})


@require_POST
@member_required
def remove_passkey(request: HttpRequest, user: User, passkey_id: uuid.UUID) -> HttpResponse:
    try:
        factors.remove_passkey(user, passkey_id)
    except factors.FactorError as exc:
        return error(exc.code, 404 if exc.code == "not_found" else 409)
    return JsonResponse(factors.summary(user))


@require_POST
@never_cache
@member_required
def start_totp(request: HttpRequest, user: User) -> HttpResponse:
    try:
        secret = actions.start_totp_enrolment(user)
    except actions.RefusedError as exc:
        return error(exc.reason, 409)
    uri = totp.provisioning_uri(user, secret)
    return JsonResponse({"uri": uri, "secret": secret, "qr_svg": totp.qr_svg(uri)})


@require_POST
@json_view
@member_required
@sensitive_variables("code")
def confirm_totp(request: HttpRequest, user: User) -> HttpResponse:
    code = text(body(request), "code", 16)
    keys = [ratelimit.key("second_factor", str(user.pk))]
    if not ratelimit.attempt(keys):
        return error("too_many_attempts", 429)
    if not actions.confirm_totp(user, code):
        return error("invalid_code", 400)
    ratelimit.forgive(keys)
    return JsonResponse(factors.summary(user))


@require_POST
@member_required
def remove_totp(request: HttpRequest, user: User) -> HttpResponse:
    try:
        factors.remove_totp(user)
    except factors.FactorError as exc:
        return error(exc.code, 409)
    user.refresh_from_db()
    return JsonResponse(factors.summary(user))


@require_POST
@never_cache
@member_required
def recovery_codes(request: HttpRequest, user: User) -> HttpResponse:
    return JsonResponse({"codes": factors.make_recovery_codes(user)})
