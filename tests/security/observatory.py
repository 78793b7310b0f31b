"""The HTTP Observatory's header rules (MDN Observatory, scoring v2), as this suite checks them.

A site starts at 100; each test adds its modifier; bonuses count only when the score
before them is at least 90. A+ is 100 or more. Rules checked here, with their modifiers:

| test | outcome | modifier |
|---|---|---|
| Content-Security-Policy | missing or unparsable | −25 |
| | script-src (or default-src) allows 'unsafe-inline' without a nonce/hash | −20 |
| | script-src/object-src allow http:, https:, *, data: (insecure scheme) | −20 |
| | 'unsafe-eval' in script-src | −10 |
| | img-src/media-src allow http: or * (passive content) | −10 |
| | only style-src allows 'unsafe-inline' | 0 |
| | no unsafe source, default-src 'self' | +5 |
| | no unsafe source, default-src 'none' | +10 |
| Cookies | a cookie without Secure (under HSTS) | −5 |
| | a session cookie without HttpOnly | −10 |
| | all Secure, session cookies HttpOnly, all SameSite | +5 |
| Referrer-Policy | no-referrer, same-origin, strict-origin(-when-cross-origin) | +5 |
| | unsafe-url, no-referrer-when-downgrade, origin… | −5 |
| Strict-Transport-Security | missing | −20 |
| | max-age below six months | −10 |
| X-Content-Type-Options | not "nosniff" | −5 |
| X-Frame-Options | CSP frame-ancestors set | +5 |
| | DENY or SAMEORIGIN only | 0 |
| | neither | −20 |
| Cross-Origin-Opener-Policy (v2 reports it) | missing | 0, but this suite requires same-origin |

Subresource integrity is not scored for same-origin scripts (the site loads no other),
redirections are checked by production's SECURE_SSL_REDIRECT.
"""

SESSION_HINTS = ("session", "sess", "sid")
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {
    "unsafe-url",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
}
INSECURE = {"http:", "https:", "*", "data:"}


def parse_csp(header):
    policy = {}
    for part in (header or "").split(";"):
        words = part.strip().split()
        if words:
            policy.setdefault(words[0].lower(), words[1:])
    return policy


def _effective(policy, directive):
    return policy.get(directive, policy.get("default-src", []))


def csp_modifier(header):
    if not header:
        return -25, "csp-not-implemented"
    policy = parse_csp(header)
    if "default-src" not in policy and "script-src" not in policy:
        return -25, "csp-header-invalid"
    scripts = _effective(policy, "script-src")
    has_nonce = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in scripts)
    if "'unsafe-inline'" in scripts and not has_nonce:
        return -20, "csp-implemented-with-unsafe-inline"
    objects = _effective(policy, "object-src")
    if INSECURE & set(scripts) or INSECURE & set(objects):
        return -20, "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in scripts:
        return -10, "csp-implemented-with-unsafe-eval"
    for passive in ("img-src", "media-src"):
        if {"http:", "*"} & set(_effective(policy, passive)):
            return -10, "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if "'unsafe-inline'" in _effective(policy, "style-src"):
        return 0, "csp-implemented-with-unsafe-inline-in-style-src-only"
    if policy.get("default-src") == ["'none'"]:
        return 10, "csp-implemented-with-no-unsafe-default-src-none"
    return 5, "csp-implemented-with-no-unsafe"


def cookie_modifier(cookies):
    """*cookies*: a SimpleCookie (Django's response.cookies)."""
    if not cookies:
        return 0, "cookies-not-found"
    all_secure = all(morsel["secure"] for morsel in cookies.values())
    sessions = [m for name, m in cookies.items() if any(h in name.lower() for h in SESSION_HINTS)]
    if not all_secure:
        return -5, "cookies-without-secure-flag-but-protected-by-hsts"
    if any(not m["httponly"] for m in sessions):
        return -10, "cookies-session-without-httponly-flag"
    if all(m["samesite"] for m in cookies.values()):
        return 5, "cookies-secure-with-httponly-sessions-and-samesite"
    return 0, "cookies-secure-with-httponly-sessions"


def referrer_modifier(header):
    values = [v.strip().lower() for v in (header or "").split(",") if v.strip()]
    if not values:
        return 0, "referrer-policy-not-implemented"
    if values[-1] in PRIVATE_REFERRERS:
        return 5, "referrer-policy-private"
    if values[-1] in UNSAFE_REFERRERS:
        return -5, "referrer-policy-unsafe"
    return -5, "referrer-policy-header-invalid"


def hsts_modifier(header):
    if not header:
        return -20, "hsts-not-implemented"
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "max-age":
            return (
                (0, "hsts-implemented-max-age-at-least-six-months")
                if int(value) >= 15_768_000
                else (
                    -10,
                    "hsts-implemented-max-age-less-than-six-months",
                )
            )
    return -20, "hsts-header-invalid"


def nosniff_modifier(header):
    if (header or "").strip().lower() == "nosniff":
        return 0, "x-content-type-options-nosniff"
    return -5, "x-content-type-options-not-implemented"


def framing_modifier(csp_header, xfo_header):
    if "frame-ancestors" in parse_csp(csp_header):
        return 5, "xfo-implemented-via-csp"
    if (xfo_header or "").upper() in ("DENY", "SAMEORIGIN"):
        return 0, "xfo-sameorigin-or-deny"
    return -20, "xfo-not-implemented"


def score(response):
    """(score, {test: outcome}) for a Django test-client response served over TLS."""
    results = {
        "csp": csp_modifier(response.get("Content-Security-Policy")),
        "cookies": cookie_modifier(response.cookies),
        "referrer": referrer_modifier(response.get("Referrer-Policy")),
        "hsts": hsts_modifier(response.get("Strict-Transport-Security")),
        "nosniff": nosniff_modifier(response.get("X-Content-Type-Options")),
        "framing": framing_modifier(
            response.get("Content-Security-Policy"), response.get("X-Frame-Options")
        ),
    }
    penalties = 100 + sum(m for m, _ in results.values() if m < 0)
    bonuses = sum(m for m, _ in results.values() if m > 0)
    total = penalties + (bonuses if penalties >= 90 else 0)
    return total, {name: outcome for name, (_m, outcome) in results.items()}


def grade(total):
    return "A+" if total >= 100 else "A" if total >= 90 else "B" if total >= 70 else "C"
