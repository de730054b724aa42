"""The team, for admins of one program: members, invitations and grants.

Described with the rest of the API at the top of `views.py`.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from havre.accounts import actions, epochs, factors, links, resets
from havre.accounts import grants as keyring
from havre.accounts.api import (
    admin_required,
    body,
    error,
    json_view,
    named_or_404,
    raw,
    text,
    whole,
)
from havre.accounts.models import Program, Role, User
from havre.vault.formats import KEY_SIZE, b64e
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
    epochs_held: dict[object, list[int]] = {}
    for user_id, number in Grant.objects.filter(epoch__program=admin.program).values_list(
        "user_id", "epoch__number"
    ):
        epochs_held.setdefault(user_id, []).append(number)
    members = User.objects.filter(program=admin.program).order_by("email")
    return JsonResponse(
        {
            "epoch": epoch.number if epoch else None,
            "keys": epochs.key_state(admin.program),
            "program": {
                "idle_lock_minutes": admin.program.idle_lock_minutes,
                "key_max_age_days": admin.program.key_max_age_days,
            },
            "members": [
                {
                    "id": str(m.pk),
                    "email": m.email,
                    "display_name": m.display_name,
                    "role": m.role,
                    "is_active": m.is_active,
                    "on_duty": m.on_duty,
                    "public_key": b64e(bytes(m.public_key)) if m.public_key else None,
                    "signed_up": actions.has_finished_signup(m),
                    "has_grant": m.pk in granted,
                    "epochs_held": sorted(epochs_held.get(m.pk, [])),
                }
                for m in members
            ],
        }
    )


@require_GET
@never_cache
@admin_required
def rotation(request: HttpRequest, admin: User) -> HttpResponse:
    """What the admin's browser needs to make the next epoch: whom to seal it to."""
    epoch = current_epoch(admin.program_id)
    if epoch is None:
        return error("no_program_key", 409)
    return JsonResponse(
        {
            "program_id": str(admin.program_id),
            "current": {"number": epoch.number, "public_key": b64e(bytes(epoch.public_key))},
            "next": epoch.number + 1,
            "holders": [
                {
                    "id": str(u.pk),
                    "email": u.email,
                    "display_name": u.display_name,
                    "public_key": b64e(bytes(u.public_key or b"")),
                }
                for u in epochs.holders(admin.program, epoch)
            ],
        }
    )


@require_POST
@json_view
@admin_required
def new_epoch(request: HttpRequest, admin: User) -> HttpResponse:
    """The new program key and a grant of it per holder, stored in one transaction."""
    data = body(request)
    listed = data.get("grants")
    if not isinstance(listed, list) or len(listed) > 1000:
        return error("bad_grants", 400)
    grants: dict[uuid.UUID, bytes] = {}
    for item in listed:
        if not isinstance(item, dict):
            return error("bad_grants", 400)
        try:
            user_id = uuid.UUID(str(item.get("user_id")))
        except ValueError:
            return error("bad_grants", 400)
        grants[user_id] = raw(item, "sealed_key", keyring.SEALED_KEY_SIZE)
    new = epochs.NewEpoch(
        number=whole(data, "number"),
        public_key=raw(data, "public_key", KEY_SIZE),
        grants=grants,
    )
    try:
        epoch = epochs.create_epoch(admin, new)
    except epochs.EpochRefusedError as exc:
        return error(exc.code, 409)
    return JsonResponse(epochs.key_state(Program.objects.get(pk=epoch.program_id)))


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
    member = named_or_404(_member_of(admin, data.get("user_id")))
    try:
        keyring.grant(admin, member, epoch, sealed)
    except keyring.GrantRefusedError as exc:
        return error(exc.reason.value, 409)
    return JsonResponse({"ok": True})


@require_POST
@json_view
@admin_required
def program_security(request: HttpRequest, admin: User) -> HttpResponse:
    data = body(request)
    try:
        actions.set_program_security(
            admin.program,
            admin,
            idle_lock_minutes=whole(data, "idle_lock_minutes"),
            key_max_age_days=whole(data, "key_max_age_days"),
        )
    except actions.RefusedError as exc:
        return error(exc.reason, 400)
    program = admin.program
    return JsonResponse(
        {
            "idle_lock_minutes": program.idle_lock_minutes,
            "key_max_age_days": program.key_max_age_days,
        }
    )


@require_POST
@json_view
@admin_required
def reset_passphrase(request: HttpRequest, admin: User, user_id: uuid.UUID) -> HttpResponse:
    member = named_or_404(_member_of(admin, user_id))
    try:
        token = resets.issue_passphrase_reset(admin, member)
    except resets.ResetRefusedError as exc:
        return error(exc.code, 409)
    return JsonResponse({"link": links.url(token)})


@require_POST
@json_view
@admin_required
def reset_second_factor(request: HttpRequest, admin: User, user_id: uuid.UUID) -> HttpResponse:
    member = named_or_404(_member_of(admin, user_id))
    try:
        token = factors.reset_second_factor(admin, member)
    except factors.FactorError as exc:
        return error(exc.code, 409)
    return JsonResponse({"link": links.url(token)})
