"""The site's stylesheets, bundled per page type by the project itself (no node, no CDN).

Every page links ONE stylesheet: the bundle of its page type (``catalog``, ``search``, …),
chosen by the template's ``page_css`` block, or the ``base`` bundle (layout, header,
footer, forms, cards) alone when it has none. Each page-type bundle starts with the base
sources, so the first paint waits for one CSS request, not two (a second render-blocking
file costs a connection and a round trip on a phone; Lighthouse counts it). A bundle is
its source files from ``static/css/`` concatenated in order and lightly minified into
``static/css/bundles/<name>.css``.

The bundles are committed, so ``collectstatic`` (ManifestStaticFilesStorage hashes them)
and WhiteNoise's finders need no build step; ``manage.py build_css`` rewrites them after a
source changes and ``manage.py build_css --check`` (run by the tests) fails when a
committed bundle is stale.
"""

import re
from pathlib import Path

BASE: tuple[str, ...] = ("site.css", "components.css")
BUNDLES: dict[str, tuple[str, ...]] = {
    "base": BASE,
    "catalog": (*BASE, "catalog.css"),
    "shops": (*BASE, "shops.css"),
    "cms": (*BASE, "cms.css"),
    "search": (*BASE, "search.css"),
    "orders": (*BASE, "orders.css"),
    "dashboard": (*BASE, "dashboard.css", "orders.css", "stats.css"),
}

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([{};,>])\s*")


def minify(css: str) -> str:
    """Drop comments and the whitespace no rule needs; keeps one rule per line."""
    css = _COMMENT.sub("", css)
    css = _SPACE.sub(" ", css)
    css = _AROUND.sub(r"\1", css)
    css = css.replace(";}", "}")
    return css.replace("}", "}\n").strip() + "\n"


def render(name: str, source_dir: Path) -> str:
    parts = [(source_dir / file).read_text(encoding="utf-8") for file in BUNDLES[name]]
    header = f"/* {name} bundle, built by `manage.py build_css` from {', '.join(BUNDLES[name])}: edit those */\n"
    return header + minify("\n".join(parts))


def bundle_path(name: str, source_dir: Path) -> Path:
    return source_dir / "bundles" / f"{name}.css"


def stale(source_dir: Path) -> list[str]:
    """The bundles whose committed file differs from what the sources build."""
    return [
        name
        for name in BUNDLES
        if not bundle_path(name, source_dir).exists()
        or bundle_path(name, source_dir).read_text(encoding="utf-8") != render(name, source_dir)
    ]


def build(source_dir: Path) -> list[Path]:
    written = []
    for name in BUNDLES:
        path = bundle_path(name, source_dir)
        path.parent.mkdir(exist_ok=True)
        path.write_text(render(name, source_dir), encoding="utf-8")
        written.append(path)
    return written
