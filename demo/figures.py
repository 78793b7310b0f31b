"""Last step: the footer figures are recomputed from the new data."""

from figures.market import invalidate_figures


def run(ctx):
    invalidate_figures()
