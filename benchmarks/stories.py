"""Story clustering at scale: time and peak memory of re-clustering a store of N generated articles.

python benchmarks/stories.py [--sizes 10000,100000] [--chain]

For each size one child process writes N articles of corpus.generate into a fresh SQLite store
(no near copies marked: every article is clustered), and a second child re-clusters it as ingest
does at the end of every run (`Pipeline.restory`: texts streamed from the store, stories written
back). The second child reports its wall and CPU seconds, the CPU seconds of each stage (read +
features + TF-IDF, close pairs, per-component linkage, writing), its resident memory before and
its peak, and the sizes of the components clustered on their own. BLAS is held to one thread.
--chain makes the worst case instead: article i is the texts of generated articles i and i+1,
all on one day, so that the N documents form one chain-shaped component. Prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from common import cpu_clocks, peak_rss_mb, report  # first: one BLAS thread
from corpus import generate

from watchpost.merge import stories
from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store


class NoMentions:
    def extract(self, docs):
        return ((doc, []) for doc in docs)


def build(path: Path, n: int, chain: bool) -> dict:
    """Write n generated articles (or, chained, n overlapping pairs of them) into a new store,
    1,000 per transaction."""
    t0 = time.perf_counter()
    with Store.open(path) as store:
        batch: list[Document] = []
        articles = generate(n + chain)
        last = next(articles) if chain else None
        for art in articles:
            if chain:  # the last article's text, then this one's
                art, last = {**art, "text": f"{last['text']}\n\n{art['text']}", "published": "2021-03-01"}, art
            batch.append(Document(id=art["id"], text=art["text"], title=art["title"], published=art["published"], source=art["source"]))
            if len(batch) == 1000:
                with store.transaction():
                    store.add_documents(batch)
                batch = []
        if batch:
            with store.transaction():
                store.add_documents(batch)
    return {"build_s": round(time.perf_counter() - t0, 1), "db_mb": round(path.stat().st_size / 1e6)}


def staged() -> tuple[dict[str, float], dict]:
    """Wrap the clustering stages to add up their CPU seconds (flat_clusters includes close_pairs)
    and to keep the sizes of the components."""
    spent = cpu_clocks(stories, ["tfidf", "close_pairs", "flat_clusters"])
    seen: dict = {}
    components = stories.components

    def recorded(*args):
        comp = components(*args)
        sizes = np.bincount(comp)
        seen.update(close_pairs=len(args[1]), components=len(sizes), largest_component=int(sizes.max()),
                    docs_in_components_over_1=int(sizes[sizes > 1].sum()))
        return comp
    stories.components = recorded
    return spent, seen


def restory(path: Path) -> dict:
    """Re-cluster the stored documents in this process: time, stage CPU, memory, components."""
    status = Path("/proc/self/status").read_text().splitlines()
    rss_before = int(next(line.split()[1] for line in status if line.startswith("VmRSS"))) / 1024
    spent, seen = staged()
    with Store.open(path) as store:
        ingester = Pipeline(store, NoMentions())
        t0, c0 = time.perf_counter(), time.process_time()
        ingester.restory()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        n_stories = store.counts()["stories"]
    stages = {"read_features_tfidf": spent["tfidf"], "close_pairs": spent["close_pairs"],
              "components_linkage": spent["flat_clusters"] - spent["close_pairs"],
              "story_ids_and_writing": cpu - spent["tfidf"] - spent["flat_clusters"]}
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "stage_cpu_s": {k: round(v, 1) for k, v in stages.items()},
            "rss_before_mb": round(rss_before, 1), "peak_rss_mb": peak_rss_mb(), "stories": n_stories, **seen}


def child(*args: str) -> dict:
    """Run this script with these arguments in a fresh process; its JSON line."""
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--chain", action="store_true", help="one chain-shaped component of N documents")
    ap.add_argument("--build", nargs=2, metavar=("DB", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--restory", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build:
        print(json.dumps(build(Path(args.build[0]), int(args.build[1]), args.chain)))
        return
    if args.restory:
        print(json.dumps(restory(Path(args.restory))))
        return
    runs = {}
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "stories.db")
            built = child("--build", db, str(n), *["--chain"] * args.chain)
            runs[str(n)] = {**built, **child("--restory", db)}
        print(json.dumps({str(n): runs[str(n)]}), file=sys.stderr, flush=True)
    report({"benchmark": "stories", "chain": args.chain, "max_component": stories.MAX_COMPONENT, "runs": runs})


if __name__ == "__main__":
    main()
