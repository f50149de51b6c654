"""The package's shape: every class name is unique across watchpost/ (one `Mention`, one `Detector`)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "watchpost"


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
