"""Usage: python tests/import_cycles.py [REPO].

Import cycles among watchpost's modules, counting imports made anywhere (module level, inside
functions, under TYPE_CHECKING excluded). Importing a.b.c also imports the packages a.b and a
unless the importer is inside them (Python runs a package's __init__ before its submodule)."""

import ast
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
pkg = root / "watchpost"
modules = {}
for path in pkg.rglob("*.py"):
    if "vendor" in path.parts:
        continue
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_pkg = parts[-1] == "__init__"
    if is_pkg:
        parts = parts[:-1]
    modules[".".join(parts)] = (path, is_pkg)


def type_checking_nodes(tree):
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                skip.update(id(n) for n in ast.walk(sub))
    return skip


def resolve(name):
    """The longest known module prefix of a dotted name."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


graph = {m: set() for m in modules}
for mod, (path, is_pkg) in modules.items():
    tree = ast.parse(path.read_text())
    skip = type_checking_nodes(tree)
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                prefix = ".".join(anchor + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [f"{prefix}.{a.name}" for a in node.names] + [prefix]
        for t in targets:
            found = resolve(t)
            if not found or not found.startswith("watchpost"):
                continue
            chain = found.split(".")
            for i in range(1, len(chain) + 1):  # the module and the packages above it
                target = ".".join(chain[:i])
                if target in modules and target != mod and not (mod + ".").startswith(target + "."):
                    graph[mod].add(target)

# strongly connected components (Tarjan)
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in graph[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))


for v in graph:
    if v not in index:
        visit(v)
for comp in sccs:
    print("cycle:", " <-> ".join(comp))
print(f"{len(modules)} modules, {sum(map(len, graph.values()))} import edges, {len(sccs)} cycles")
sys.exit(1 if sccs else 0)
