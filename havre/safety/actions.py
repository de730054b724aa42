"""Safety tools in a conversation: code word, check-ins, blocking, writing first.

Every change the safety tools make goes through this module (and blocks.py).

The code word and a block's label are sealed by the advocate's browser to the
program key; the server checks only their shape and epoch, and stores them.
Numbers come from a browser that decrypted them, and are checked against the
conversation's route (as for replies) before anything is done with them.

Havre never writes first on its own: a due check-in reminds the advocates
(an event and a marker), and the only way to open a conversation towards a
texter is an advocate's explicit `open_to_number`, followed by a reply.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import phonenumbers
from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts.models import User
from havre.audit.actions import record
from havre.conversations.actions import team
from havre.conversations.actions.common import bump, require_key
from havre.conversations.actions.errors import (
    ActionError,
    ConversationClosed,
    InvalidNumber,
    NoProgramKey,
    StaleEpoch,
)
from havre.conversations.actions.lifecycle import check_may_close, close_conversation
from havre.conversations.actions.outbound import lock_open_conversation
from havre.conversations.actions.team_errors import AtCapacity
from havre.conversations.models import Channel, Conversation, Status
from havre.safety import blocks
from havre.safety.models import Block, CheckinReminder
from havre.vault import addresses, sealing
from havre.vault.addresses import AddressKind
from havre.vault.blocks import is_sealed_shape
from havre.vault.models import Epoch

logger = logging.getLogger(__name__)

# A code word is a word or a short phrase: its padded form fits in 256 bytes.
CODE_WORD_MAX_BUCKET = 256
CHECKIN_EVERY_MIN = timedelta(hours=1)
CHECKIN_EVERY_MAX = timedelta(days=90)
SNOOZE_MAX = timedelta(days=7)
CONFIRM_DIGITS = 4


class Forbidden(ActionError):  # noqa: N818 (reads as the condition it reports)
    code = "forbidden"


class InvalidSealed(ActionError):  # noqa: N818
    code = "invalid_sealed"


class InvalidInterval(ActionError):  # noqa: N818
    code = "invalid_interval"


class NoCheckin(ActionError):  # noqa: N818
    code = "no_checkin"


class NumbersDiffer(ActionError):  # noqa: N818
    code = "numbers_differ"


class LastDigitsWrong(ActionError):  # noqa: N818
    code = "last_digits_wrong"


class NumberBlocked(ActionError):  # noqa: N818
    code = "number_blocked"


class BlockRefused(ActionError):  # noqa: N818
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _member(by: User, conversation: Conversation) -> None:
    """Membership and the current key, before anything looks at the texter."""
    if by.program_id != conversation.program_id:
        raise Forbidden("not a member of this program")
    require_key(by)


def _lock_open(conversation: Conversation) -> Conversation:
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.status != Status.OPEN:
        raise ConversationClosed("conversation is closed")
    return conversation


def _current_epoch(conversation: Conversation, number: int) -> Epoch:
    current = sealing.current_epoch(conversation.program_id)
    if current is None:
        raise NoProgramKey("the program has no key yet")
    if current.number != number:
        raise StaleEpoch("sealed to an epoch that is not current")
    return current


# -- code word -------------------------------------------------------------------


def set_code_word(conversation: Conversation, *, by: User, sealed: bytes, epoch: int) -> None:
    """Record (or replace) the code word, sealed by the browser (`sealing.code_word_info`)."""
    _member(by, conversation)
    if not is_sealed_shape(sealed, CODE_WORD_MAX_BUCKET):
        raise InvalidSealed("not a sealed code word")
    with transaction.atomic():
        conversation = _lock_open(conversation)
        current = _current_epoch(conversation, epoch)
        replaced = conversation.code_word_sealed is not None
        Conversation.objects.filter(pk=conversation.pk).update(
            code_word_sealed=sealed, code_word_epoch=current
        )
        bump(conversation, activity=False)
        record(
            conversation.program,
            by,
            "code_word_replaced" if replaced else "code_word_set",
            conversation.pk,
        )


def clear_code_word(conversation: Conversation, *, by: User) -> None:
    _member(by, conversation)
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.code_word_sealed is None:
            return
        Conversation.objects.filter(pk=conversation.pk).update(
            code_word_sealed=None, code_word_epoch=None
        )
        bump(conversation, activity=False)
        record(conversation.program, by, "code_word_cleared", conversation.pk)


# -- check-ins ---------------------------------------------------------------------


def _reschedule(conversation: Conversation, **changes: object) -> None:
    CheckinReminder.objects.filter(conversation=conversation).delete()
    Conversation.objects.filter(pk=conversation.pk).update(**changes)
    bump(conversation, activity=False)


def set_checkins(conversation: Conversation, *, by: User, every: timedelta) -> None:
    """Remind the advocates, every `every`, to ask whether texting is still safe."""
    _member(by, conversation)
    if not CHECKIN_EVERY_MIN <= every <= CHECKIN_EVERY_MAX:
        raise InvalidInterval("interval out of range")
    with transaction.atomic():
        conversation = _lock_open(conversation)
        _reschedule(conversation, checkin_every=every, checkin_due_at=timezone.now() + every)
        record(conversation.program, by, "checkins_set", conversation.pk)


def checkin_done(conversation: Conversation, *, by: User) -> None:
    """The advocate asked: the next check-in is one interval from now."""
    _member(by, conversation)
    with transaction.atomic():
        conversation = _lock_open(conversation)
        if conversation.checkin_every is None:
            raise NoCheckin("no check-ins on this conversation")
        due = timezone.now() + conversation.checkin_every
        _reschedule(conversation, checkin_due_at=due)
        record(conversation.program, by, "checkin_done", conversation.pk)


def snooze_checkin(conversation: Conversation, *, by: User, delay: timedelta) -> None:
    _member(by, conversation)
    if not timedelta(minutes=1) <= delay <= SNOOZE_MAX:
        raise InvalidInterval("snooze out of range")
    with transaction.atomic():
        conversation = _lock_open(conversation)
        if conversation.checkin_every is None:
            raise NoCheckin("no check-ins on this conversation")
        _reschedule(conversation, checkin_due_at=timezone.now() + delay)
        record(conversation.program, by, "checkin_snoozed", conversation.pk)


def stop_checkins(conversation: Conversation, *, by: User) -> None:
    _member(by, conversation)
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.checkin_every is None and conversation.checkin_due_at is None:
            return
        _reschedule(conversation, checkin_every=None, checkin_due_at=None)
        record(conversation.program, by, "checkins_stopped", conversation.pk)


def sweep_checkins() -> int:
    """Turn check-ins that came due into reminders for the advocates (settings.HAVRE_SWEEPS).

    Each due time reminds once: the reminder row is the claim, so two workers
    sweeping together remind once. Nothing is sent to the texter.
    """
    due = Conversation.objects.filter(
        status=Status.OPEN,
        checkin_due_at__lte=timezone.now(),
        checkin_reminder__isnull=True,
    ).only("pk", "program_id", "checkin_due_at")
    count = 0
    for conversation in due:
        try:
            with transaction.atomic():
                CheckinReminder.objects.create(
                    conversation=conversation, due_at=conversation.checkin_due_at or timezone.now()
                )
                bump(conversation, activity=False)
        except IntegrityError:
            continue  # another worker reminded it
        count += 1
    if count:
        logger.info("check-in reminders: %s", count)
    return count


# -- blocking ----------------------------------------------------------------------


def block_texter(
    conversation: Conversation,
    *,
    by: User,
    number: str,
    block_id: uuid.UUID,
    label_sealed: bytes,
    epoch: int,
) -> Block:
    """Block the conversation's number and close the conversation.

    The number comes from the browser, which decrypted it; it must match the
    conversation's route. The conversation closes without any closing
    message: nothing more goes to a number the helpline has blocked.
    """
    _member(by, conversation)
    # Blocking closes the conversation: the same people may do it.
    check_may_close(conversation, by)
    with transaction.atomic():
        conversation, e164 = lock_open_conversation(conversation, number)
        current = _current_epoch(conversation, epoch)
        try:
            block = blocks.add_block(
                conversation.program,
                addresses.block_subject(conversation.channel.address_kind, e164),
                by=by,
                block_id=block_id,
                label_sealed=label_sealed,
                epoch=current,
            )
        except blocks.BlockRefusedError as exc:
            raise BlockRefused(exc.code) from None
        CheckinReminder.objects.filter(conversation=conversation).delete()
        Conversation.objects.filter(pk=conversation.pk).update(
            checkin_every=None, checkin_due_at=None
        )
        close_conversation(conversation, by=by)
        record(conversation.program_id, by, "blocked_and_closed", conversation.pk)
    return block


# -- writing first ----------------------------------------------------------------


def _e164(channel: Channel, raw: str) -> str:
    """The number in E.164; a national form is read in the channel's own country."""
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(channel.address, None))
        parsed = phonenumbers.parse(raw, region if raw.strip()[:1] != "+" else None)
        return sealing.normalize_number(
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        )
    except (phonenumbers.NumberParseException, sealing.InvalidNumberError):
        raise InvalidNumber("not a phone number") from None


def open_to_number(
    channel: Channel, *, by: User, number: str, number_again: str, last_digits: str
) -> tuple[Conversation, bool]:
    """An advocate writes first to a known client: the conversation to write in.

    The number was typed twice and its last digits confirmed; all three must
    agree. A blocked number is refused. An open conversation with the number
    is reused (False), otherwise one is opened (True), held by the advocate;
    its first message then goes out as a reply. Only SMS channels write
    first: WhatsApp and Messenger allow no message to someone who has not
    written in the last 24 hours, and Signal knows her by an account, not a
    number typed here.
    """
    if by.program_id != channel.program_id or channel.removed_at is not None:
        raise Forbidden("not a channel of this program")
    # Before the number is even read: a session without the key learns
    # nothing of which numbers have a conversation.
    require_key(by)
    if channel.address_kind != AddressKind.PHONE:
        raise Forbidden("only SMS channels write first")
    e164 = _e164(channel, number)
    if _e164(channel, number_again) != e164:
        raise NumbersDiffer("the two numbers differ")
    if last_digits.strip() != e164[-CONFIRM_DIGITS:]:
        raise LastDigitsWrong("the last digits do not match")
    if blocks.is_blocked(channel.program_id, e164):
        raise NumberBlocked("this number is blocked")
    routes = sealing.routes_for(channel.program_id, e164)
    for _attempt in range(3):
        try:
            return _open_or_reuse(channel, by, e164, routes)
        except IntegrityError:
            continue  # a text from the same number opened it meanwhile
    raise ActionError("could not open the conversation")


def _open_or_reuse(
    channel: Channel, by: User, e164: str, routes: list[tuple[int, str]]
) -> tuple[Conversation, bool]:
    """Under any route key in use, her open conversation; otherwise a new one under the current."""
    with transaction.atomic():
        existing = Conversation.objects.filter(
            program_id=channel.program_id,
            route__in=[route for _, route in routes],
            status=Status.OPEN,
        ).first()
        if existing is not None:
            if existing.stopped_at is not None:
                raise ConversationClosed("the texter asked to stop")
            record(channel.program, by, "write_first_reused", existing.pk)
            return existing, False
        epoch = sealing.current_epoch(channel.program_id)
        if epoch is None:
            raise NoProgramKey("the program has no key yet")
        # The writer will hold it: writing first counts against their cap
        # like taking one from the queue.
        if not team.has_room(team.lock_member(by)):
            raise AtCapacity("the writer is at their cap")
        conversation_id = uuid.uuid4()
        conversation = Conversation.objects.create(
            id=conversation_id,
            program_id=channel.program_id,
            channel=channel,
            route=routes[0][1],
            route_key=routes[0][0],
            number_epoch=epoch,
            number_sealed=sealing.seal_number(epoch, conversation_id, e164),
            assigned_to=by,
        )
        bump(conversation, activity=False)
        team.team_event(channel.program_id, "assignment", conversation)
        record(channel.program, by, "write_first_opened", conversation.pk)
    return conversation, True
