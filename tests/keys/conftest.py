"""Members with real keys (tests/accounts) and conversations through the real pipeline."""

from tests.accounts.fixtures import _fresh_cache, admin_a, admin_b, advocate_a  # noqa: F401 (fixtures)
