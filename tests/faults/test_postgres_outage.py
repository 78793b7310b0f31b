"""Issue 12, row 7 and the 500 page: PostgreSQL restarted or stopped under gunicorn.

The site runs under gunicorn with the production settings (persistent connections,
`CONN_MAX_AGE` = 600, `CONN_HEALTH_CHECKS` on) against a private PostgreSQL cluster that
the test restarts and stops; the shared server is never touched.

- After a restart, the worker's old connection is dead: the health check notices it
  before the request uses it and opens a new one, so no request fails.
- While the database is down, pages that need it answer the friendly 500 page in the
  visitor's language (rendered without database or cache), and `/healthz` answers 503.
  (A booth's page is asked for: it always reads its row. A list whose count and cards are
  all in the fragment cache may still be served, which is what a visitor would want.)
"""

import pytest

from tests.faults.services import Gunicorn

pytestmark = pytest.mark.services

PAGES = ["/healthz", "/san-pham/", "/", "/en/san-pham/"]


@pytest.fixture(scope="module")
def site(private_postgres):
    server = Gunicorn(private_postgres.url, conn_max_age=600)
    server.manage("migrate", "--noinput", "--verbosity", "0")
    server.start()
    yield server
    server.close()


def test_production_settings_check_reused_connections(site):
    checked = site.manage(
        "shell",
        "-c",
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
    )
    assert checked.stdout.split()[-2:] == ["600", "True"]


def test_a_postgres_restart_fails_no_request(site, private_postgres):
    for path in PAGES:  # the worker now holds a persistent connection
        assert site.get(path)[0] == 200, path

    private_postgres.restart()  # every server-side connection is gone

    statuses = [(path, site.get(path)[0]) for _ in range(3) for path in PAGES]
    assert statuses == [(path, 200) for _ in range(3) for path in PAGES]


def test_database_down_shows_the_friendly_500_page_in_both_languages(site, private_postgres):
    assert site.get("/san-pham/")[0] == 200
    private_postgres.stop()
    try:
        status, body = site.get("/gian-hang/mot-gian-hang/")
        assert status == 500
        assert '<html lang="vi">' in body
        assert "Đã có lỗi xảy ra" in body and "Something went wrong" in body
        assert body.index("Đã có lỗi xảy ra") < body.index("Something went wrong")

        status, body = site.get("/en/gian-hang/mot-gian-hang/")
        assert status == 500
        assert '<html lang="en">' in body
        assert body.index("Something went wrong") < body.index("Đã có lỗi xảy ra")
        assert 'href="/en/"' in body

        status, body = site.get("/healthz")
        assert status == 503 and '"database": "down"' in body
    finally:
        private_postgres.start()
    assert site.get("/san-pham/")[0] == 200
