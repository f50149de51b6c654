"""End-to-end ingest throughput on one core, against bare spaCy on the same corpus in the same run.

python benchmarks/throughput.py [--docs 1000] [--rounds 3]

Each round times (1) bare spaCy: `nlp.pipe` of the stock model (`spacy.load` of the configured
package) over the article texts, doing nothing with the parses; (2) the same with Watchpost's
pipeline (watchpost.nlp.load(): the stock model with the fast attribute ruler and the
EntityRuler); (3) `watchpost ingest` in-process: read the JSONL file, extract, detect near
copies, merge events, write a fresh SQLite store, re-cluster stories (with the CPU share of
spaCy parsing, of mention extraction and of the rest). Rounds alternate the three so that load
from other users of the machine hits all alike; ratios are taken per round (`ratio_*`: ingest
against bare spaCy, the issue's measure; `own_parse_ratio_*`: ingest against Watchpost's own
parse alone). BLAS is held to one thread, so the process uses one core. Prints one JSON line
with per-round figures, medians, and the store's size per 1,000 events.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path

import spacy
from common import corpus_file, cpu_clocks, report

from watchpost.config import SPACY_MODEL
from watchpost.extract import Extractor
from watchpost.pipeline import Pipeline
from watchpost.read import read_inputs
from watchpost.store import Store


class Clock:
    """Wall and CPU seconds of a block (CPU time is what other users' load does not inflate)."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def bare_spacy(nlp, texts: list[str]) -> Clock:
    """nlp.pipe over the texts, parses dropped."""
    with Clock() as clock:
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    return clock


def end_to_end(extractor: Extractor, spent: dict[str, float], corpus: Path, db: Path) -> tuple[Clock, dict, dict, int]:
    """Ingest the corpus file into a fresh store: the time, each stage's share of its CPU time, the store's
    counts and its size in bytes."""
    before = dict(spent)
    with Store.open(db) as store:
        with Clock() as clock:
            Pipeline(store, extractor).run(d for d in read_inputs([str(corpus)]) if hasattr(d, "text"))
        counts = store.counts()
    shares = {k: round((spent[k] - before[k]) / clock.cpu, 3) for k in spent}
    shares["read, store, near copies, merge, stories"] = round(1 - sum(shares.values()), 3)
    return clock, shares, counts, db.stat().st_size


def rates(n: int, bare: Clock, own: Clock, e2e: Clock) -> dict:
    """Documents per wall second and per CPU second of the three runs, and the ingest's ratios."""
    out = {}
    for kind in ("wall", "cpu"):
        b, o, e = getattr(bare, kind), getattr(own, kind), getattr(e2e, kind)
        out |= {f"spacy_docs_s_{kind}": round(n / b, 2), f"own_parse_docs_s_{kind}": round(n / o, 2),
                f"e2e_docs_s_{kind}": round(n / e, 2), f"ratio_{kind}": round(b / e, 3), f"own_parse_ratio_{kind}": round(o / e, 3)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_file(Path(tmp), args.docs)
        texts = [d.text for d in read_inputs([str(corpus)]) if hasattr(d, "text")]
        stock = spacy.load(SPACY_MODEL)
        with Clock() as load:
            extractor = Extractor()
        list(extractor.extract(islice(read_inputs([str(corpus)]), 20)))  # warm caches
        spent = cpu_clocks(extractor, ["parse", "mentions"])  # spaCy, and everything after it
        rounds = []
        for i in range(args.rounds):
            bare, own = bare_spacy(stock, texts), bare_spacy(extractor.nlp, texts)
            e2e, shares, counts, size = end_to_end(extractor, spent, corpus, Path(tmp) / f"round{i}.db")
            rounds.append(rates(len(texts), bare, own, e2e) | {"e2e_cpu_shares": shares})
    report({
        "benchmark": "throughput", "docs": len(texts), "chars_per_doc": round(sum(map(len, texts)) / len(texts)),
        "extractor_load_s": round(load.wall, 2), "rounds": rounds,
        "median": {k: statistics.median(r[k] for r in rounds) for k in rounds[0] if k != "e2e_cpu_shares"},
        **counts, "store_mb": round(size / 1e6, 2), "store_kb_per_1000_events": round(size / 1024 / counts["events"] * 1000),
    })


if __name__ == "__main__":
    main()
