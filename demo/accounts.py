"""Demo accounts. The passwords are public (README): demo data only."""

from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User

DEMO_ACCOUNTS = [
    # e-mail, password, full name, flags, groups
    (
        "admin@cho-tinh.local",
        "admin-demo-2026",
        "Quản trị hệ thống",
        {"is_staff": True, "is_superuser": True},
        [],
    ),
    (
        "bientap@cho-tinh.local",
        "editor-demo-2026",
        "Nguyễn Thị Biên Tập",
        {"is_staff": True},
        [roles.EDITORS],
    ),
    (
        "duyetbai@cho-tinh.local",
        "approver-demo-2026",
        "Trần Văn Duyệt",
        {"is_staff": True},
        [roles.EDITORS, roles.APPROVERS],
    ),
    (
        "quantri@cho-tinh.local",
        "moderator-demo-2026",
        "Lê Thị Quản Trị",
        {"is_staff": True},
        [roles.MODERATORS],
    ),
    ("nguoiban@cho-tinh.local", "seller-demo-2026", "Hoàng Văn Bán", {}, []),
    ("nguoimua@cho-tinh.local", "shopper-demo-2026", "Phạm Thị Mua", {}, []),
]


def ensure_groups():
    return {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (roles.EDITORS, roles.APPROVERS, roles.MODERATORS)
    }


def run(ctx):
    from allauth.account.models import EmailAddress

    groups = ensure_groups()
    for email, password, full_name, flags, group_names in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, **flags}
        )
        if created:
            user.set_password(password)
            user.save()
        for name in group_names:
            user.groups.add(groups[name])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
