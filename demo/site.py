from wagtail.models import Site

from cms.site_setup import ensure_home_page
from core.models import SiteSettings


def run(ctx):
    ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.operator_name:
        settings_obj.site_name = "Chợ Tỉnh"
        settings_obj.operator_name = "Trung tâm Xúc tiến Thương mại tỉnh (bản mẫu)"
        settings_obj.contact_phone = "0204 3 854 000"
        settings_obj.contact_email = "lienhe@cho-tinh.local"
        settings_obj.contact_address = "Số 1 Đường Trung tâm, phường Trung tâm, tỉnh mẫu"
        settings_obj.save()
