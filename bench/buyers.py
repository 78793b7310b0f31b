"""Signed-in shoppers over HTTP for `make bench`: add to cart, check out, and 50 buyers
racing for 10 units. Plain `http.client` with keep-alive, one connection per shopper, so
each shopper's requests stay in order (wrk cannot keep an add and its checkout together).

The CSRF token is a secret the bench makes up: the `csrftoken` cookie and the form field
carry the same 32 characters, which Django accepts as it accepts the browser's.
"""

import http.client
import statistics
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

ADDRESS = {
    "recipient_name": "Người mua thử",
    "phone": "0912345678",
    "province": "Bắc Ninh",
    "ward": "Phường Kinh Bắc",
    "street": "12 Nguyễn Trãi",
    "payment_method": "cod",
}


def pct(values, p):
    values = sorted(values)
    if not values:
        return 0.0
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


class _Form(HTMLParser):
    """The default values of the form whose action is *action*: inputs, checked radios,
    selected options, textareas."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.values, self._select = action, False, {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").endswith(self.action) and a.get(
                "method", ""
            ).lower() == "post"
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.values[a["name"]] = a.get("value", "on")
                else:
                    self.values.setdefault(a["name"], None)
            elif kind not in ("submit", "button"):
                self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
            self.values.setdefault(a["name"], None)
        elif tag == "option" and self._select:
            if "selected" in a or self.values.get(self._select) is None:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self.values[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


class Shopper:
    def __init__(self, port, session, csrf):
        self.port, self.session, self.csrf = port, session, csrf
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, data=None):
        headers = {"Cookie": f"sessionid={self.session}; csrftoken={self.csrf}"}
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                self.conn.close()  # gunicorn's sync workers close idle connections
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        return None

    def add(self, product_id, quantity=1):
        return self.request(
            "POST", "/gio-hang/them/", {"product": product_id, "quantity": quantity}
        )

    def checkout_form(self):
        status, page = self.request("GET", "/dat-hang/")
        if status != 200:
            return None
        parser = _Form("/dat-hang/")
        parser.feed(page)
        values = {k: v for k, v in parser.values.items() if v is not None}
        # The page's fee was quoted for the shopper's last address; this shopper's address
        # may differ, so no fee "seen" is sent (as a form without the quote script does).
        form = {k: v for k, v in values.items() if k == "fingerprint" or k.startswith("delivery_")}
        return {**form, **ADDRESS}

    def checkout(self, form):
        return self.request("POST", "/dat-hang/", form)


def run_checkouts(port, shoppers, product_ids, seconds):
    """Each shopper in a loop: add one unit, open checkout, place the order (cash on
    delivery). Returns checkouts/s, latency of the placing POST and errors."""
    stop = time.monotonic() + seconds
    placed, latencies, errors, lock = [0], [], [], threading.Lock()

    def loop(i, shopper):
        n = 0
        while time.monotonic() < stop:
            product = product_ids[(i + n) % len(product_ids)]
            n += 1
            try:
                status, _ = shopper.add(product)
                form = shopper.checkout_form() if status in (200, 302) else None
                if form is None:
                    raise RuntimeError(f"add/checkout page answered {status}")
                started = time.perf_counter()
                status, _ = shopper.checkout(form)
                took = (time.perf_counter() - started) * 1000
                if status != 302:
                    raise RuntimeError(f"checkout answered {status}")
                with lock:
                    placed[0] += 1
                    latencies.append(took)
            except Exception as exc:  # noqa: BLE001 - counted and shown
                with lock:
                    errors.append(str(exc)[:200])

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i, s)) for i, s in enumerate(shoppers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {
        "rps": placed[0] / elapsed,
        "requests": placed[0],
        "errors": len(errors),
        "error_samples": errors[:5],
        "p50_ms": statistics.median(latencies) if latencies else 0.0,
        "p95_ms": pct(latencies, 95),
        "p99_ms": pct(latencies, 99),
    }


def run_adds(port, shoppers, product_ids, seconds):
    """Each shopper adds one unit of a product in a loop (the cart is emptied between
    rounds by the caller)."""
    stop = time.monotonic() + seconds
    latencies, errors, lock = [], [], threading.Lock()

    def loop(i, shopper):
        n = 0
        while time.monotonic() < stop:
            product = product_ids[(i * 7 + n) % len(product_ids)]
            n += 1
            started = time.perf_counter()
            try:
                status, _ = shopper.add(product)
                ok = status == 302
            except Exception:  # noqa: BLE001
                ok, status = False, "connection"
            took = (time.perf_counter() - started) * 1000
            with lock:
                (latencies.append(took) if ok else errors.append(status))

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i, s)) for i, s in enumerate(shoppers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {
        "rps": len(latencies) / elapsed,
        "requests": len(latencies),
        "errors": len(errors),
        "error_samples": [str(e) for e in errors[:5]],
        "p50_ms": statistics.median(latencies) if latencies else 0.0,
        "p95_ms": pct(latencies, 95),
        "p99_ms": pct(latencies, 99),
    }


def race(port, shoppers, product_id):
    """Every shopper has one unit of *product_id* in the cart and the checkout form open;
    all place the order at once. Returns the count of each answer."""
    forms = []
    for shopper in shoppers:
        status, _ = shopper.add(product_id)
        form = shopper.checkout_form()
        if status != 302 or form is None:
            raise RuntimeError(f"could not prepare a buyer (add answered {status})")
        forms.append(form)
    barrier = threading.Barrier(len(shoppers))
    outcomes, lock = [], threading.Lock()

    def buy(shopper, form):
        barrier.wait()
        try:
            status, _ = shopper.checkout(form)
        except Exception as exc:  # noqa: BLE001
            status = repr(exc)
        if status == 302:
            result = "sold"
        elif status == 409:
            result = "sold out"
        else:
            result = f"error {status}"
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=buy, args=pair) for pair in zip(shoppers, forms, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
