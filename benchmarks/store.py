"""Store benchmarks: story clustering speed, ingest throughput, query latency, re-ingest cost.

python benchmarks/store.py [JSONL]   (default: the ECB+ stories set in ../shared/eval/stories)
Prints one JSON line.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from watchpost.merge.stories import annotate
from watchpost.read import read_inputs
from watchpost.store import EventFilter, Store
from watchpost.store.ingest import Ingester

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "stories" / "ecbplus.jsonl"


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    docs = [d for d in read_inputs([source]) if hasattr(d, "text")]
    _, story_s = timed(lambda: annotate(docs))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with Store.open(path) as store:
            ingester, load_s = timed(lambda: Ingester(store))
            stats, ingest_s = timed(lambda: ingester.run(read_doc for read_doc in read_inputs([source]) if hasattr(read_doc, "text")))
            _, again_s = timed(lambda: Ingester(store).run(d for d in read_inputs([source]) if hasattr(d, "text")))
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
