"""Benchmark corpus: N news-like articles recombined from the public sets in ../shared/eval.

python benchmarks/corpus.py N [--seed S] [--copies 0.05] > corpus.jsonl

Sentences come from the PLOVER gold records and the seed articles (conflict events) and from
ECB+, GeoWebNews and LGL (ordinary news); place names (GeoWebNews/LGL toponym spans) and actor
names (PLOVER actor spans) inside them are swapped for others from the same sets. Each article
has a headline, a dateline and 10-24 sentences in short paragraphs; a share (`--copies`) are
re-publications of a recent article under a new headline, so near-copy detection has work.
Articles are generated one at a time (any N streams in constant memory but for a set of
8-byte text hashes) and no text is produced twice. The same seed gives the same corpus.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SEEDS = EVAL.parent / "seeds" / "articles.jsonl"
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“A-Z])")
CONFLICT_SHARE = 0.4  # of body sentences drawn from the event-bearing pool
SWAP_SHARE = 0.5  # of name spans replaced by another name
FIRST_DAY = dt.date(2018, 1, 1).toordinal()
DAYS = 6 * 365
SOURCES = [f"wire-{i:02d}" for i in range(40)]


@dataclass
class Sentence:
    """A sentence with the spans (start, end, kind) whose names may be swapped; kind is place or actor."""

    text: str
    spans: list[tuple[int, int, str]]


def jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        yield from (json.loads(line) for line in f if line.strip())


def split(text: str, spans: list[tuple[int, int, str]]) -> Iterator[Sentence]:
    """Sentences of a text with the name spans that fall inside each (offsets made local)."""
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
    for lo, hi in zip(starts, starts[1:] + [len(text)]):
        chunk = text[lo:hi].strip()
        if 40 <= len(chunk) <= 400:
            shift = lo + text[lo:hi].index(chunk)
            inside = [(s - shift, e - shift, k) for s, e, k in spans if shift <= s and e <= shift + len(chunk)]
            yield Sentence(chunk, inside)


def actor_spans(record: dict) -> list[tuple[int, int, str]]:
    """Where the PLOVER record's actor texts occur in its sentence."""
    out = []
    for actor in record.get("actor", []) + record.get("recipient", []):
        at = record["text"].find(actor.get("actorText") or "\0")
        if at >= 0:
            out.append((at, at + len(actor["actorText"]), "actor"))
    return sorted(out)


class Pools:
    """Sentences (conflict and ordinary news) and the names that can be swapped into them, from
    the sets under `root` (plover/gold.jsonl, stories/ecbplus.jsonl, geo/*.jsonl) and the
    articles of `seeds`; the tests pass their own small sets (tests/data/news)."""

    def __init__(self, root: Path = EVAL, seeds: Path = SEEDS) -> None:
        self.conflict: list[Sentence] = []
        self.news: list[Sentence] = []
        self.names: dict[str, list[str]] = {"place": [], "actor": []}
        for rec in jsonl(root / "plover" / "gold.jsonl"):
            spans = actor_spans(rec)
            self.conflict.append(Sentence(rec["text"], spans))
            self.names["actor"] += [rec["text"][s:e] for s, e, _ in spans]
        for rec in jsonl(seeds):
            self.conflict += split(rec["text"].replace("\n", " "), [])
        for rec in jsonl(root / "stories" / "ecbplus.jsonl"):
            self.news += split(rec["text"].replace("\n", " "), [])
        for path in sorted((root / "geo").glob("*.jsonl")):  # geowebnews, lgl
            for rec in jsonl(path):
                spans = [(t["start"], t["end"], "place") for t in rec["toponyms"] if t["text"][:1].isupper()]
                self.names["place"] += [rec["text"][s:e] for s, e, _ in spans]
                self.news += split(rec["text"], spans)
        self.names = {kind: sorted(set(names)) for kind, names in self.names.items()}


class Generator:
    """Streams distinct articles; `copies` of them re-publish one of the last 50 articles."""

    def __init__(self, seed: int = 0, copies: float = 0.05, pools: Pools | None = None) -> None:
        self.rng = random.Random(seed)
        self.seed, self.copies = seed, copies
        self.pools = pools or Pools()
        self.recent: deque[dict] = deque(maxlen=50)
        self.seen: set[bytes] = set()

    def sentence(self, pool: list[Sentence]) -> str:
        s = self.rng.choice(pool)
        text, shift = s.text, 0
        for start, end, kind in s.spans:
            if self.rng.random() < SWAP_SHARE:
                name = self.rng.choice(self.pools.names[kind])
                text = text[: start + shift] + name + text[end + shift :]
                shift += len(name) - (end - start)
        return text

    def headline(self) -> str:
        words = self.sentence(self.pools.conflict).split()
        return " ".join(words[: self.rng.randint(6, 12)]).rstrip(",.;:")

    def body(self) -> list[str]:
        """Paragraphs of one to three sentences; the first carries a dateline."""
        n = self.rng.randint(10, 24)
        sentences = [self.sentence(self.pools.conflict if self.rng.random() < CONFLICT_SHARE else self.pools.news)
                     for _ in range(n)]
        paragraphs = []
        while sentences:
            k = self.rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[:k]))
            sentences = sentences[k:]
        place = self.rng.choice(self.pools.names["place"]).upper()
        paragraphs[0] = f"{place} ({self.rng.choice(SOURCES)}) - {paragraphs[0]}"
        return paragraphs

    def article(self, i: int) -> dict:
        if self.recent and self.rng.random() < self.copies:
            original = self.rng.choice(self.recent)
            paragraphs = original["paragraphs"][: max(3, len(original["paragraphs"]) - self.rng.randint(0, 2))]
            day = dt.date.fromisoformat(original["published"]).toordinal() + self.rng.randint(0, 2)
        else:
            paragraphs = self.body()
            day = FIRST_DAY + self.rng.randrange(DAYS)
        title = self.headline()
        return {"id": f"syn{self.seed}-{i:07d}", "title": title, "text": "\n\n".join([title, *paragraphs]),
                "published": dt.date.fromordinal(day).isoformat(), "source": self.rng.choice(SOURCES),
                "paragraphs": paragraphs}

    def __call__(self, n: int) -> Iterator[dict]:
        """n articles as JSONL-ready dicts ({"id", "title", "text", "published", "source"})."""
        for i in range(n):
            while True:
                art = self.article(i)
                key = hashlib.blake2b(art["text"].encode(), digest_size=8).digest()
                if key not in self.seen:
                    break
            self.seen.add(key)
            self.recent.append(art)
            yield {k: v for k, v in art.items() if k != "paragraphs"}


def generate(n: int, seed: int = 0, copies: float = 0.05, pools: Pools | None = None) -> Iterator[dict]:
    return Generator(seed, copies, pools)(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--copies", type=float, default=0.05, help="share of articles that re-publish a recent one")
    args = ap.parse_args()
    out = sys.stdout
    for art in generate(args.n, args.seed, args.copies):
        out.write(json.dumps(art, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
