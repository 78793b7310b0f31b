"""Checks `/healthz` runs beside the database and the cache, registered by the apps.

An app that depends on an outside service registers a check from its
`AppConfig.ready()`:

    health.register("elasticsearch", check_elasticsearch)

A check returns "ok", "down" or "not configured"; an exception counts as "down".
"""

_checks = {}


def register(name, check):
    _checks[name] = check


def run_checks():
    results = {}
    for name, check in _checks.items():
        try:
            results[name] = check()
        except Exception:
            results[name] = "down"
    return results
