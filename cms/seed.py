"""Demo data for this app (filled in by its issue)."""


def run(ctx):
    return None
