"""N concurrent page loads from N visitors add exactly N, with Redis and without."""

import http.client
import threading
from urllib.parse import urlsplit

import pytest

from counters import flush
from tests.factories import ProductFactory

from .conftest import BROWSER_UA, site_visits

N = 24


def _load_concurrently(live_server, path, n, requests_per_visitor=1):
    """n threads, each a separate visitor (its own cookie), hitting the live server."""
    address = urlsplit(live_server.url)
    barrier = threading.Barrier(n)
    statuses, errors = [], []

    def visitor():
        try:
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            cookie = ""
            barrier.wait()
            for _ in range(requests_per_visitor):
                headers = {"User-Agent": BROWSER_UA, "Accept": "text/html"}
                if cookie:
                    headers["Cookie"] = cookie
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                statuses.append(response.status)
                set_cookie = response.getheader("Set-Cookie")
                if set_cookie:
                    cookie = set_cookie.split(";", 1)[0]
            connection.close()
        except Exception as exc:  # reported below, with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=visitor) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


@pytest.mark.django_db(transaction=True)
def test_n_concurrent_visitors_add_exactly_n(counter_backend, counter_urls, live_server):
    product = ProductFactory()
    statuses = _load_concurrently(live_server, f"/thu-dem/san-pham/{product.pk}/", N)
    assert statuses == [200] * N

    first = flush()
    product.refresh_from_db()
    assert product.view_count == N
    assert site_visits() == N
    assert (first["visits"], first["product"]) == (N, N)

    # Repeated flushes add nothing more.
    assert flush()["keys"] == 0
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (N, N)


@pytest.mark.django_db(transaction=True)
def test_concurrent_visitors_reloading_count_once_each(counter_backend, counter_urls, live_server):
    product = ProductFactory()
    statuses = _load_concurrently(
        live_server, f"/thu-dem/san-pham/{product.pk}/", 8, requests_per_visitor=3
    )
    assert statuses == [200] * 24
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (8, 8)


@pytest.mark.django_db(transaction=True)
def test_concurrent_flushes_apply_every_increment_once(counter_backend, counter_urls, live_server):
    product = ProductFactory()
    _load_concurrently(live_server, f"/thu-dem/san-pham/{product.pk}/", N)

    errors = []

    def run_flush():
        from django.db import connection

        try:
            flush()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    flushers = [threading.Thread(target=run_flush) for _ in range(4)]
    for thread in flushers:
        thread.start()
    for thread in flushers:
        thread.join()
    assert errors == []
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (N, N)
