"""Store benchmarks: story clustering speed, ingest throughput, query latency, re-ingest cost.

python benchmarks/store.py [JSONL] [--no-extract]   (default: the ECB+ stories set in ../shared/eval/stories)
--no-extract stores documents without mentions, timing the store and near-copy index alone.
Prints one JSON line.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from watchpost.merge.stories import annotate
from watchpost.pipeline import Pipeline
from watchpost.read import read_inputs
from watchpost.store import EventFilter, Store

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "stories" / "ecbplus.jsonl"


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


class NoMentions:
    def extract(self, docs):
        return ((doc, []) for doc in docs)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--no-extract"]
    extractor = NoMentions() if "--no-extract" in sys.argv else None
    source = args[0] if args else str(DEFAULT)
    docs = [d for d in read_inputs([source]) if hasattr(d, "text")]
    _, story_s = timed(lambda: annotate(docs))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with Store.open(path) as store:
            ingester, load_s = timed(lambda: Pipeline(store, extractor))
            stats, ingest_s = timed(lambda: ingester.run(d for d in read_inputs([source]) if hasattr(d, "text")))
            _, again_s = timed(lambda: Pipeline(store, extractor).run(d for d in read_inputs([source]) if hasattr(d, "text")))
            counts = store.counts()
            _, query_s = timed(lambda: [store.query_events(EventFilter(statuses=None)) for _ in range(10)])
        size = path.stat().st_size
    print(json.dumps({
        "documents": len(docs), "stories_docs_per_s": round(len(docs) / story_s, 1),
        "ingest_docs_per_s": round(stats.documents / ingest_s, 2), "extractor_load_s": round(load_s, 2),
        "reingest_s": round(again_s, 2), "query_all_events_ms": round(query_s * 100, 1),
        "db_mb": round(size / 1e6, 2), **counts,
    }))


if __name__ == "__main__":
    main()
