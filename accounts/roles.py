"""Roles on the market, decided in one place.

- shopper: every signed-in user;
- booth staff: a `shops.BoothMembership` row (owner or staff) — see `shops.permissions`;
- editor: member of the "Biên tập viên" group (drafts and submits pages in Wagtail);
- approver: member of the "Duyệt bài" group (approves and publishes pages);
- moderator: member of the "Quản trị sàn" group, or a superuser (booths, products, orders).
"""

EDITORS = "Biên tập viên"
APPROVERS = "Duyệt bài"
MODERATORS = "Quản trị sàn"


def in_group(user, name):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_group_names_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._group_names_cache = cache
    return name in cache


def is_moderator(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or in_group(user, MODERATORS))
    )
