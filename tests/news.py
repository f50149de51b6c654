"""News text for tests, all held in the repository: the open-licence sets in tests/data/news
(PLOVER records, ECB+ articles, places; see the README there) and the example reports written
for the project (examples/), and articles generated from them by the benchmark generator
(benchmarks/corpus.py), so no test needs the evaluation kit in ../shared."""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
NEWS = Path(__file__).resolve().parent / "data" / "news"
REPORTS = ROOT / "examples" / "reports.jsonl"
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import Pools, generate  # noqa: E402


@lru_cache(maxsize=1)
def pools() -> Pools:
    return Pools(NEWS, REPORTS)


def articles(n: int, seed: int = 0, copies: float = 0.05) -> Iterator[dict]:
    """n generated news-like articles ({"id", "title", "text", "published", "source"}), some of
    them (`copies`) re-publications of a recent one; the same seed gives the same articles."""
    return generate(n, seed, copies, pools())


@lru_cache(maxsize=1)
def ecb_texts() -> tuple[str, ...]:
    """The ECB+ articles of tests/data/news/stories: 159 reports of 12 happenings (6 topics, two similar
    happenings each)."""
    path = NEWS / "stories" / "ecbplus.jsonl"
    return tuple(json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
