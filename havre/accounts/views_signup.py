"""Sign-up with a one-time link: passphrase and keys, then the second factor.

Described with the rest of the API at the top of `views.py`. The keys are made
by `signup.ts` in the browser; this side stores what it is sent and checks
who may send what.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from havre.accounts import actions, links, ratelimit, totp
from havre.accounts.api import body, error, json_view, optional_raw, raw, text
from havre.accounts.grants import SEALED_KEY_SIZE
from havre.accounts.models import SignupLink
from havre.accounts.strings import signup_strings
from havre.vault.formats import KEY_SIZE, b64e
from havre.vault.sealing import current_epoch

SESSION_KEY = "havre_signup_user"


def _page_data(token: str, link: SignupLink, stage: str) -> dict[str, Any]:
    user = link.user
    epoch = current_epoch(user.program_id)
    return {
        "stage": stage,
        "user_id": str(user.pk),
        "email": user.email,
        "program_id": str(user.program_id),
        "program_name": user.program.name,
        "salt": b64e(bytes(user.kdf_salt)),
        "kdf": user.kdf_params,
        "epoch": (
            {"number": epoch.number, "public_key": b64e(bytes(epoch.public_key))} if epoch else None
        ),
        "needs_program_key": actions.needs_program_key(user),
        "require_second_factor": bool(settings.HAVRE_REQUIRE_SECOND_FACTOR),
        "api": {
            "signup": reverse("accounts:api-signup", args=[token]),
            "totp": reverse("accounts:api-signup-totp", args=[token]),
            "confirm": reverse("accounts:api-signup-totp-confirm", args=[token]),
        },
        "console_url": "/console/",
    }


@require_GET
@never_cache
@ensure_csrf_cookie
def signup_page(request: HttpRequest, token: str) -> HttpResponse:
    link = links.find_unused(token)
    stage = "passphrase"
    if link is None:
        link = links.find_enrolling(token, request.session.get(SESSION_KEY))
        stage = "second_factor"
        if link is not None and totp.is_enrolled(link.user):
            link = None
    if link is None:
        return render(request, "accounts/signup_invalid.html", status=404)
    context = {
        "program_name": link.user.program.name,
        "email": link.user.email,
        "signup_data": _page_data(token, link, stage),
        "signup_strings": signup_strings(),
    }
    return render(request, "accounts/signup.html", context)


@require_POST
@json_view
@sensitive_variables("data")
def signup(request: HttpRequest, token: str) -> HttpResponse:
    link = links.find_unused(token)
    if link is None:
        return error("link_not_valid", 404)
    data = body(request)
    keys = actions.SignupKeys(
        login_secret=raw(data, "login_secret", KEY_SIZE),
        public_key=raw(data, "public_key", KEY_SIZE),
        wrapped_private_key=raw(data, "wrapped_private_key", actions.WRAPPED_KEY_SIZE),
        program_public_key=optional_raw(data, "program_public_key", KEY_SIZE),
        grant=optional_raw(data, "grant", SEALED_KEY_SIZE),
    )
    try:
        stage = actions.complete_signup(link, keys)
    except actions.RefusedError as exc:
        return error(exc.reason, 409)
    request.session[SESSION_KEY] = str(link.user_id)
    return JsonResponse({"next": stage.value})


def _enrolling(request: HttpRequest, token: str) -> SignupLink | None:
    if not settings.HAVRE_REQUIRE_SECOND_FACTOR:
        return None
    return links.find_enrolling(token, request.session.get(SESSION_KEY))


@require_POST
@never_cache
def signup_totp(request: HttpRequest, token: str) -> HttpResponse:
    link = _enrolling(request, token)
    if link is None:
        return error("link_not_valid", 404)
    try:
        secret = actions.start_totp_enrolment(link.user)
    except actions.RefusedError as exc:
        return error(exc.reason, 409)
    uri = totp.provisioning_uri(link.user, secret)
    return JsonResponse({"uri": uri, "secret": secret, "qr_svg": totp.qr_svg(uri)})


@require_POST
@json_view
@sensitive_variables("code")
def signup_totp_confirm(request: HttpRequest, token: str) -> HttpResponse:
    link = _enrolling(request, token)
    if link is None:
        return error("link_not_valid", 404)
    code = text(body(request), "code", 16)
    keys = [ratelimit.key("second_factor", str(link.user_id)), ratelimit.client_key(request)]
    if ratelimit.is_limited(keys):
        return error("too_many_attempts", 429)
    if not actions.confirm_totp(link.user, code):
        ratelimit.note_failure(keys)
        return error("invalid_code", 400)
    request.session.pop(SESSION_KEY, None)
    return JsonResponse({"next": "done"})
