"""The CSS each page type links: the base bundle and its own, built by the project."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core import cssbundles

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "bundle"),
    [
        ("/", "cms"),
        ("/san-pham/", "catalog"),
        ("/gian-hang/", "shops"),
        ("/gio-hang/", "orders"),
        ("/tim-kiem/?q=vai", "search"),
    ],
)
def test_a_page_links_one_stylesheet_its_own_bundle(client, path, bundle):
    from cms.site_setup import ensure_home_page

    ensure_home_page()
    links = STYLESHEET.findall(client.get(path).content.decode())
    # one render-blocking stylesheet; the home page loads no dashboard or search CSS
    assert links == [f"/static/css/bundles/{bundle}.css"]


@pytest.mark.django_db
def test_a_page_without_its_own_bundle_links_the_base_one(client):
    links = STYLESHEET.findall(client.get(reverse("account_login")).content.decode())
    assert links == ["/static/css/bundles/base.css"]


def test_every_page_type_bundle_starts_with_the_base_rules():
    for name, files in cssbundles.BUNDLES.items():
        assert files[: len(cssbundles.BASE)] == cssbundles.BASE, name


def test_the_committed_bundles_are_built_from_the_current_sources():
    call_command("build_css", "--check", verbosity=0)


def test_a_stale_bundle_is_reported(tmp_path, settings):
    (tmp_path / "static" / "css").mkdir(parents=True)
    for name in {f for files in cssbundles.BUNDLES.values() for f in files}:
        (tmp_path / "static" / "css" / name).write_text(f".{name[:-4]} {{ color: red; }}\n")
    settings.BASE_DIR = tmp_path
    call_command("build_css", verbosity=0)
    assert (tmp_path / "static/css/bundles/dashboard.css").read_text().count("color: red") == 5
    (tmp_path / "static" / "css" / "site.css").write_text("body { margin: 0 }\n")
    with pytest.raises(CommandError, match="base"):
        call_command("build_css", "--check", verbosity=0)


def test_minify_keeps_the_rules():
    css = "/* note */\n.a > .b ,  .c {\n  color : red ;\n}\n@media (max-width: 800px) { .a { top: calc(1px + 2px); } }"
    assert cssbundles.minify(css) == (
        ".a>.b,.c{color : red}\n@media (max-width: 800px){.a{top: calc(1px + 2px)}\n}\n"
    )
