"""Parallel ingest speed from 1 to 2 Dask workers (LocalCluster processes, one thread each).

python benchmarks/scaling.py [--docs 600] [--rounds 2] [--workers 1,2]

A cluster per worker count is started first (models loaded on every worker, not timed); the
rounds then alternate between a plain in-process ingest (`watchpost ingest` without workers)
and the clusters, each ingesting the same corpus file into a fresh store: extraction on the
workers, near copies, merging and writing in this process. Prints one
JSON line: documents per second for each count per round with the CPU seconds of the client
and of each worker and the cores they got on average, the medians, and the speed-up of each
count over one worker and over the plain ingest.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from common import corpus_file, report

from watchpost.extract import Extractor
from watchpost.model import Document
from watchpost.pipeline import IngestStats, Pipeline
from watchpost.read import read_inputs
from watchpost.scale import connect, parallel_ingest
from watchpost.store import Store


def workers_cpu(client) -> list[float]:
    """CPU seconds each of the client's workers has used so far."""
    return list(client.run(time.process_time).values())


def timed_ingest(ingest: Callable[[Store, Iterator[Document]], IngestStats], corpus: Path, db: Path, client=None) -> dict:
    """Ingest the corpus file into a fresh store; `cores_used` is the CPU time of this process and the
    client's workers over the wall time: what the machine's other users left to the run."""
    before = workers_cpu(client) if client else []
    wall, cpu = time.perf_counter(), time.process_time()
    with Store.open(db) as store:
        stats = ingest(store, (d for d in read_inputs([str(corpus)]) if hasattr(d, "text")))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    on_workers = [round(after - b, 1) for b, after in zip(before, workers_cpu(client))] if client else []
    return {"docs_s": round(stats.documents / wall, 2), "wall_s": round(wall, 1), "client_cpu_s": round(cpu, 1),
            "workers_cpu_s": on_workers, "cores_used": round((cpu + sum(on_workers)) / wall, 2),
            "mentions": stats.mentions}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    args = ap.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        corpus = corpus_file(Path(tmp), args.docs)
        t0 = time.perf_counter()
        clients = {n: stack.enter_context(connect(workers=n)) for n in counts}
        startup_s = time.perf_counter() - t0
        extractor = Extractor()
        runs = {"plain": (lambda store, docs: Pipeline(store, extractor).run(docs), None)}
        runs |= {str(n): (partial(parallel_ingest, client=clients[n], batch_size=32), clients[n]) for n in counts}
        rounds = [{name: timed_ingest(ingest, corpus, Path(tmp) / f"r{i}-{name}.db", client)
                   for name, (ingest, client) in runs.items()} for i in range(args.rounds)]
    median = {name: statistics.median(r[name]["docs_s"] for r in rounds) for name in runs}
    report({"benchmark": "scaling", "docs": args.docs, "clusters_start_s": round(startup_s, 1), "rounds": rounds,
            "median_docs_s": median,
            "speedup_over_1_worker": {k: round(v / median[str(counts[0])], 2) for k, v in median.items()},
            "speedup_over_plain": {k: round(v / median["plain"], 2) for k, v in median.items()}})


if __name__ == "__main__":
    main()
