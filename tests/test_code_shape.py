"""The package's shape: every class name is unique across watchpost/ (one `Mention`, one `Detector`); no module
assigns one of its names twice at its top level; no SQL outside watchpost/store/ and the gazetteer's own cache;
every actor row names its source."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "watchpost"
#: Statements of SQL, or a database call, in upper-case SQL as the code writes it (English prose in
#: docstrings is not upper case).
SQL = re.compile(r"\bSELECT\b.*\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
                 r"|\b(?:CREATE|ALTER|DROP)\s+(?:TABLE|INDEX|VIEW|UNIQUE|TRIGGER)\b|\bPRAGMA\s+\w+|\bJOIN\s+\w+\s+\w*\s*ON\b"
                 r"|\.execute(?:many|script)?\(|\bcursor\(\)")
#: Where SQL may be written: the store, and the gazetteer's own SQLite cache (built and read by gazetteer.py,
#: read once by the maintainer tool derive.py), which is not the store.
SQL_HOMES = ("watchpost/store/", "watchpost/geo/gazetteer.py", "watchpost/geo/derive.py")


def class_homes(root: Path) -> dict[str, list[str]]:
    """Class name → the modules (relative paths) that define a class of that name, nested ones included."""
    homes: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        if "vendor" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.ClassDef):
                homes[node.name].append(str(path.relative_to(root.parent)))
    return homes


def test_class_names_are_unique():
    homes = class_homes(PACKAGE)
    assert len(homes) > 50  # the walk found the package's classes at all
    duplicated = {name: where for name, where in homes.items() if len(where) > 1}
    assert not duplicated, f"class names defined more than once: {duplicated}"


def test_duplicate_class_is_caught(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("class Mention:\n    pass\n")
    (package / "sub" / "b.py").write_text("def f():\n    class Mention:\n        pass\n")
    assert class_homes(package)["Mention"] == ["pkg/a.py", "pkg/sub/b.py"]


def twice_assigned(path: Path) -> list[str]:
    """The names a module assigns more than once at its top level (a second constant of one name hides the first)."""
    seen: defaultdict[str, int] = defaultdict(int)
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                seen[target.id] += 1
    return [name for name, n in seen.items() if n > 1]


def test_no_module_assigns_a_name_twice():
    twice = {str(p.relative_to(PACKAGE.parent)): names for p in sorted(PACKAGE.rglob("*.py"))
             if "vendor" not in p.parts and (names := twice_assigned(p))}
    assert not twice, f"module-level names assigned more than once: {twice}"


def test_a_name_assigned_twice_is_caught(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('UNIT_WORDS = frozenset()\nOTHER: int = 1\nUNIT_WORDS = frozenset(("region",))\n')
    assert twice_assigned(module) == ["UNIT_WORDS"]


def test_every_actor_row_names_its_source():
    import csv

    folder = PACKAGE / "data" / "actors"
    files = sorted(folder.glob("*.csv"))
    assert len(files) >= 5
    for path in files:
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows, path.name
        assert "source" in rows[0], f"{path.name} has no source column"
        missing = [i + 2 for i, row in enumerate(rows) if not (row["source"] or "").strip()]
        assert not missing, f"{path.name}: rows without a source on lines {missing[:10]}"


def sql_lines(root: Path, allowed: tuple[str, ...]) -> list[str]:
    """'path:line: text' for each line of a module outside `allowed` that writes SQL or calls a database."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = str(path.relative_to(root.parent))
        if rel.startswith(allowed) or "vendor" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    return found


def test_no_sql_outside_the_store():
    assert any(PACKAGE.joinpath(home).exists() for home in ("store/query.py", "store/db.py"))
    found = sql_lines(PACKAGE, SQL_HOMES)
    assert not found, "SQL outside watchpost/store/ (call a store method instead):\n" + "\n".join(found)


def test_sql_outside_the_store_is_caught(tmp_path):
    package = tmp_path / "watchpost"
    (package / "store").mkdir(parents=True)
    (package / "store" / "query.py").write_text('ROWS = "SELECT id FROM event"\n')
    (package / "api.py").write_text(
        '"""Select the events from the store."""\n'
        'def f(db):\n'
        '    return db.execute(\n'
        '        "SELECT id, type FROM event WHERE status = ?", ("occurred",))\n'
        'Q = "UPDATE event SET status = ?"\n'
    )
    assert sql_lines(package, ("watchpost/store/",)) == [
        "watchpost/api.py:3: return db.execute(",
        'watchpost/api.py:4: "SELECT id, type FROM event WHERE status = ?", ("occurred",))',
        'watchpost/api.py:5: Q = "UPDATE event SET status = ?"',
    ]
