"""Make sure the Wagtail tree has the market's home page and a default site.

The data migration `cms.0002_create_homepage` does this on a fresh database; this
function does the same with the real models for places where the tree may have been
emptied (transactional tests flush every table) and is used by `seed_demo`.
"""

from django.db import transaction


@transaction.atomic
def ensure_home_page():
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    if not Locale.objects.exists():
        Locale.objects.create(language_code="vi")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(title="Root", slug="root")
        Page.objects.filter(depth=2, slug="home").delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Chợ Tỉnh", slug="trang-chu"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Chợ Tỉnh",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
