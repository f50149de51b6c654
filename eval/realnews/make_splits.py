"""Merge the hand-coded parts and fix the dev/test split by a rule chosen before any tuning.

python eval/realnews/make_splits.py

Within each group (the label for acled.jsonl, the country for articles.jsonl) rows are ordered by
the SHA-1 of their id; the first 45 % (rounded half up) are `test`, the rest `dev`. Writes acled.jsonl,
articles.jsonl and their .dev.jsonl / .test.jsonl halves beside this file.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST_SHARE = 0.45


def split(rows: list[dict], group: str) -> list[dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r.get(group) or "?"].append(r)
    for members in groups.values():
        members.sort(key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        cut = math.floor(TEST_SHARE * len(members) + 0.5)
        for i, r in enumerate(members):
            r["split"] = "test" if i < cut else "dev"
    return rows


def write(name: str, rows: list[dict]) -> None:
    def dump(path: Path, subset: list[dict]) -> None:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in subset), encoding="utf-8")

    dump(HERE / f"{name}.jsonl", rows)
    for part in ("dev", "test"):
        dump(HERE / f"{name}.{part}.jsonl", [r for r in rows if r["split"] == part])
    tests = sum(r["split"] == "test" for r in rows)
    print(f"{name}: {len(rows)} rows, {tests} test ({100 * tests / max(len(rows), 1):.0f} %)")


def load(pattern: str) -> list[dict]:
    rows = []
    for path in sorted((HERE / "parts").glob(pattern)):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def main() -> None:
    for name, pattern, group in (("acled", "acled_*.jsonl", "label"), ("articles", "articles_*.jsonl", "country")):
        rows = load(pattern)
        if rows:
            write(name, split(rows, group))


if __name__ == "__main__":
    main()
