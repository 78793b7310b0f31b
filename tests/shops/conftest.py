"""Booth and catalogue fixtures live in tests/sellers.py (shared with the other folder)."""

from tests.sellers import _moderator_permissions, jpeg, other_seller, seller  # noqa: F401
