"""The visitor's address, as seen through the reverse proxies the operator trusts.

Behind nginx every request comes from the proxy's address; the visitor's is in a header
the proxy adds. A client can send that header too, so it is read only when the operator
says how many proxies stand in front (`TRUSTED_PROXY_COUNT`) or which single header the
proxy sets (`CLIENT_IP_HEADER`, e.g. `X-Real-IP`). See docs/security.md.

With N trusted proxies, each appends the address it saw to X-Forwarded-For, so the
client's address is the N-th entry from the right ("rightmost untrusted"); anything to
its left was written by the client and is ignored.
"""

import ipaddress

from django.conf import settings


def _clean(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:5123"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as a string (the socket's peer when nothing is trusted)."""
    remote = _clean(request.META.get("REMOTE_ADDR")) or "0.0.0.0"
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        return _clean(request.headers.get(header, "")) or remote
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = request.headers.get("X-Forwarded-For", "")
    if count <= 0 or not forwarded:
        return remote
    hops = [hop for hop in (part.strip() for part in forwarded.split(",")) if hop]
    if not hops:
        return remote
    # Fewer hops than trusted proxies: the request skipped the outer proxy; every entry
    # came from a trusted one, so the leftmost is the best we have.
    candidate = hops[-count] if len(hops) >= count else hops[0]
    return _clean(candidate) or remote
