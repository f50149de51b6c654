"""Peak memory of each Dask worker (and of the client) when ingesting a small and a large corpus.

python benchmarks/memory.py [--sizes 1000,10000] [--workers 2]

Each size runs in a child process with its own LocalCluster and store; the articles are
generated on the fly and streamed, never held in a list. For every worker it reports the peak
resident memory over its life (models included) and the resident memory at the end; for the
client its peak (the client keeps the near-copy index and the events being merged, which grow
with the store). Prints one JSON line with both sizes and the growth of the largest worker peak.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import peak_rss_mb, report
from corpus import generate

from watchpost.model import Document
from watchpost.scale import connect, parallel_ingest
from watchpost.store import Store


def worker_memory() -> dict:
    """Runs on a worker: its peak and current resident memory in MB."""
    import resource

    status = Path("/proc/self/status").read_text()
    rss_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
    return {"peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "end_mb": round(rss_kb / 1024, 1)}


def run_size(n: int, workers: int) -> dict:
    """Ingest n generated articles through a fresh cluster; memory figures and time."""
    docs = (Document(id=a["id"], text=a["text"], title=a["title"], published=a["published"], source=a["source"])
            for a in generate(n))
    with tempfile.TemporaryDirectory() as tmp, connect(workers=workers) as client:
        t0 = time.perf_counter()
        with Store.open(Path(tmp) / "memory.db") as store:
            stats = parallel_ingest(store, docs, client, batch_size=32)
        wall = time.perf_counter() - t0
        per_worker = list(client.run(worker_memory).values())
    return {"docs": stats.documents, "mentions": stats.mentions, "wall_s": round(wall, 1),
            "docs_s": round(stats.documents / wall, 2), "workers": per_worker, "client_peak_mb": peak_rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_size(args.child, args.workers)))
        return
    runs = {}
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--child", str(n), "--workers", str(args.workers)],
                             check=True, capture_output=True, text=True).stdout
        runs[str(n)] = json.loads(out.strip().splitlines()[-1])
    peaks = [max(w["peak_mb"] for w in r["workers"]) for r in runs.values()]
    report({"benchmark": "memory", "runs": runs, "worker_peak_growth_pct": round(100 * (peaks[-1] / peaks[0] - 1), 1)})


if __name__ == "__main__":
    main()
