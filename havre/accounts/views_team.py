"""The team, for admins of one program: members, invitations and grants.

Described with the rest of the API at the top of `views.py`.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from havre.accounts import actions, links
from havre.accounts import grants as keyring
from havre.accounts.api import admin_required, body, error, json_view, raw, text
from havre.accounts.models import Role, User
from havre.vault.formats import b64e
from havre.vault.models import Grant
from havre.vault.sealing import current_epoch


@require_GET
@never_cache
@admin_required
def team(request: HttpRequest, admin: User) -> HttpResponse:
    epoch = current_epoch(admin.program_id)
    granted = (
        set(Grant.objects.filter(epoch=epoch).values_list("user_id", flat=True)) if epoch else set()
    )
    members = User.objects.filter(program=admin.program).order_by("email")
    return JsonResponse(
        {
            "epoch": epoch.number if epoch else None,
            "members": [
                {
                    "id": str(m.pk),
                    "email": m.email,
                    "display_name": m.display_name,
                    "role": m.role,
                    "is_active": m.is_active,
                    "public_key": b64e(bytes(m.public_key)) if m.public_key else None,
                    "signed_up": actions.has_finished_signup(m),
                    "has_grant": m.pk in granted,
                }
                for m in members
            ],
        }
    )


@require_POST
@json_view
@admin_required
def invite(request: HttpRequest, admin: User) -> HttpResponse:
    data = body(request)
    email = text(data, "email", 254)
    role = text(data, "role", 16)
    if role not in Role.values or "@" not in email:
        return error("bad_request", 400)
    display_name = data.get("display_name") or ""
    if not isinstance(display_name, str) or len(display_name) > 120:
        return error("bad_display_name", 400)
    try:
        user, token = actions.invite(admin.program, email, role, admin, display_name=display_name)
    except actions.RefusedError as exc:
        return error(exc.reason, 409)
    return JsonResponse({"user_id": str(user.pk), "signup_url": links.url(token)})


def _member_of(admin: User, user_id: object) -> User | None:
    try:
        pk = uuid.UUID(str(user_id))
    except ValueError:
        return None
    return User.objects.filter(pk=pk, program=admin.program).first()


@require_POST
@json_view
@admin_required
def grants(request: HttpRequest, admin: User) -> HttpResponse:
    data = body(request)
    epoch = data.get("epoch")
    if isinstance(epoch, bool) or not isinstance(epoch, int):
        return error("bad_epoch", 400)
    sealed = raw(data, "sealed_key", keyring.SEALED_KEY_SIZE)
    # Someone in another program is answered as if they did not exist.
    member = _member_of(admin, data.get("user_id"))
    if member is None:
        return error("not_found", 404)
    try:
        keyring.grant(admin, member, epoch, sealed)
    except keyring.GrantRefusedError as exc:
        return error(exc.reason.value, 409)
    return JsonResponse({"ok": True})
