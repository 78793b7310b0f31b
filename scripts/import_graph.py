"""The project's import graph, app by app, read from the source with `ast` (nothing is run).

    python scripts/import_graph.py            # print the arrows and any circles
    python scripts/import_graph.py --files    # the same, file by file

An arrow A -> B means a module of A imports a module of B (at the top or inside a
function). Tests, benchmarks and migrations are left out. `tests/foundation/
test_architecture.py` holds the rules (docs/architecture.md) against this graph.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "tests", "bench", "migrations", "node_modules", "scripts", "static"}


def project_packages():
    return sorted(
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and (p / "__init__.py").exists() and p.name not in SKIP_DIRS
    )


def source_files():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in SKIP_DIRS or any(part in SKIP_DIRS for part in rel.parts[:-1]):
            continue
        if len(rel.parts) == 1:
            continue  # manage.py
        yield rel


def module_name(rel):
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(rel):
    """Absolute names of the modules *rel* imports (relative imports resolved)."""
    tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"), str(rel))
    package = module_name(rel).split(".")
    if rel.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            for alias in node.names:
                # "from pkg import module" names the module; "from pkg import thing", pkg
                yield f"{name}.{alias.name}"


def graph(by_file=False):
    packages = set(project_packages())
    modules = {module_name(rel): rel for rel in source_files()}
    arrows = defaultdict(set)
    for name, rel in modules.items():
        here = name if by_file else name.split(".")[0]
        for target in imports_of(rel):
            top = target.split(".")[0]
            if top not in packages:
                continue
            if by_file:
                # the longest project module the import names
                parts = target.split(".")
                while parts and ".".join(parts) not in modules:
                    parts.pop()
                there = ".".join(parts)
            else:
                there = top
            if there and there != here:
                arrows[here].add(there)
    return {node: sorted(targets) for node, targets in sorted(arrows.items())}


def circles(arrows):
    """Strongly connected groups of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in arrows.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for node in list(arrows):
        if node not in index:
            visit(node)
    return found


def main(argv):
    by_file = "--files" in argv
    arrows = graph(by_file=by_file)
    for node, targets in arrows.items():
        print(f"{node} -> {', '.join(targets)}")
    found = circles(arrows)
    print(f"\n{sum(len(t) for t in arrows.values())} arrows, {len(found)} circles")
    for group in found:
        print("circle:", " <-> ".join(group))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
