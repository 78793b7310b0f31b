def test_healthz_without_elasticsearch_says_not_configured(client, db, settings):
    settings.ELASTICSEARCH_URL = ""
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["elasticsearch"] == "not configured"


def test_healthz_with_unreachable_elasticsearch_says_down(client, db, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    response = client.get("/healthz")
    assert response.status_code == 200  # the database is up: the site can serve
    assert response.json()["elasticsearch"] == "down"


def test_healthz_is_get_only(client, db):
    assert client.post("/healthz").status_code == 405
