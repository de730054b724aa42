"""The grant tests use the accounts tests' members with keys."""

from tests.accounts.fixtures import _fresh_cache, admin_a, admin_b, advocate_a  # noqa: F401 (fixtures)
