"""Members of programs A and B with keys, shared by the accounts and grant tests.

Import them into a conftest or test module to use them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from havre.accounts.models import Role
from tests.accounts.helpers import Member, make_member
from tests.conftest import ProgramKeys


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Failure counters live in the cache; one test's must not limit the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_a(keys_a: ProgramKeys) -> Member:
    return make_member(keys_a.program, "ada.keys@a.example", Role.ADMIN, keys_a.private_key)


@pytest.fixture
def advocate_a(keys_a: ProgramKeys) -> Member:
    """Signed up, but not yet granted the program key."""
    return make_member(keys_a.program, "alex.keys@a.example", Role.ADVOCATE)


@pytest.fixture
def admin_b(keys_b: ProgramKeys) -> Member:
    """Charlie's counterpart with keys: an admin of B, who must reach nothing of A's."""
    return make_member(keys_b.program, "charlie.keys@b.example", Role.ADMIN, keys_b.private_key)
