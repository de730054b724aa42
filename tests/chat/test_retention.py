"""A web chat's session and the visitor's copies go when retention erases the conversation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from havre.chat.models import ChatSession, VisitorCopy
from havre.conversations import actions
from havre.conversations.models import Conversation, Message
from havre.retention import sweep
from havre.retention.policy import Change, set_policy

pytestmark = pytest.mark.django_db


def test_the_session_goes_with_its_conversation(visitor, alice, keys_a):
    assert visitor.start().status_code == 201
    assert visitor.send("je suis dans la salle de bain").status_code in (200, 201)
    conversation = Conversation.objects.get(pk=visitor.conversation)
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=alice)
    conversation.refresh_from_db()
    actions.close_conversation(conversation, by=alice)
    assert VisitorCopy.objects.exists()
    set_policy(keys_a.program, Change(delete_after=timedelta(0)), by=None)
    sweep.purge(program=keys_a.program)
    assert not Message.objects.filter(conversation=conversation).exists()
    assert not VisitorCopy.objects.exists()
    assert not ChatSession.objects.filter(conversation_ref=conversation.pk).exists()
