"""The rooms of the project and who may import whom (docs/architecture.md).

The graph is read from the source by `scripts/import_graph.py` (no code is run); a new
arrow that is not in ALLOWED fails here, and so does any circle.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# app -> the project apps it may import. Generic rooms (core, counters) import no domain
# app; domain apps register with them instead. Nothing imports `demo` or `figures`.
ALLOWED = {
    "marketplace": {"core"},
    "core": set(),
    "accounts": {"core"},
    "images": {"core"},
    "areas": {"accounts", "core"},
    "counters": {"core"},
    "catalog": {"accounts", "areas", "core", "counters", "images"},
    "shops": {"accounts", "areas", "catalog", "core", "counters", "images"},
    "cms": {"accounts", "catalog", "core", "counters", "images", "shops"},
    "search": {"accounts", "areas", "catalog", "cms", "core", "shops"},
    "orders": {"accounts", "areas", "catalog", "core", "search", "shops"},
    "reviews": {"accounts", "catalog", "core", "images", "orders", "shops"},
    "figures": {"accounts", "catalog", "core", "counters", "orders", "shops"},
    "demo": {
        "accounts",
        "areas",
        "catalog",
        "cms",
        "core",
        "counters",
        "figures",
        "images",
        "orders",
        "reviews",
        "search",
        "shops",
    },
}


def _graph_module():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts/import_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_app_is_a_known_room():
    graph = _graph_module()
    assert set(graph.project_packages()) == set(ALLOWED)


def test_apps_import_only_what_the_rules_allow():
    graph = _graph_module()
    arrows = graph.graph()
    unexpected = {
        app: sorted(set(targets) - ALLOWED[app])
        for app, targets in arrows.items()
        if set(targets) - ALLOWED[app]
    }
    assert unexpected == {}


def test_no_circles_between_apps_or_files():
    graph = _graph_module()
    assert graph.circles(graph.graph()) == []
    assert graph.circles(graph.graph(by_file=True)) == []


def test_the_checker_sees_a_circle_when_there_is_one():
    graph = _graph_module()
    assert graph.circles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
