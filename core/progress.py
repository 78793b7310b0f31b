"""A small text progress bar for long management commands (seed, index rebuild, import)."""

import sys
import time


class ProgressBar:
    def __init__(self, total, *, label="", stream=None, width=30, min_interval=0.2):
        self.total = max(int(total or 0), 0)
        self.label = label
        self.stream = stream or sys.stdout
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._last_draw = 0.0
        self.min_interval = min_interval
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, n=1):
        self.done += n
        now = time.monotonic()
        if self._tty and (now - self._last_draw >= self.min_interval or self.done >= self.total):
            self._last_draw = now
            self._draw(end="")

    def _draw(self, end=""):
        total = self.total or 1
        frac = min(self.done / total, 1.0)
        filled = int(self.width * frac)
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {self.done}/{self.total} {frac:4.0%} {rate:,.0f}/s{end}"
        )
        self.stream.flush()

    def finish(self):
        self._draw(end="\n")
        return self.done

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.finish()
        else:
            self.stream.write("\n")
