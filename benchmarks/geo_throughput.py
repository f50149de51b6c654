"""Geoparse-only throughput, cold start and resident memory.

    python benchmarks/geo_throughput.py [--set geowebnews|lgl] [--limit N]

Reads the eval corpus texts, parses them once with the shared spaCy pipeline (not timed), then times
Geoparser.parse over the pre-parsed docs (recognition filters + resolution), so the figure is the
geoparser's own cost: first pass (every name looked up for the first time) and a second, warm pass.
Prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "geo"


def rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="geowebnews")
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    t0 = time.perf_counter()
    from watchpost.geo import Geoparser
    geo = Geoparser()
    geo.resolve("Idlib")
    cold = time.perf_counter() - t0
    rss_gazetteer = rss_mb()

    from watchpost.nlp import parse_text as parse
    texts = [json.loads(line)["text"] for line in (EVAL / f"{args.set}.jsonl").open(encoding="utf-8")][: args.limit]
    t1 = time.perf_counter()
    parsed = [parse(t) for t in texts]
    spacy_s = time.perf_counter() - t1

    t2 = time.perf_counter()
    n_places = sum(len(geo.parse(t, p)) for t, p in zip(texts, parsed))
    geo_s = time.perf_counter() - t2
    t3 = time.perf_counter()  # again, with the names' lookups cached
    for t, p in zip(texts, parsed):
        geo.parse(t, p)
    warm_s = time.perf_counter() - t3
    chars = sum(map(len, texts))
    print(json.dumps({"set": args.set, "docs": len(texts), "places": n_places, "cold_start_s": round(cold, 2),
                      "rss_after_gazetteer_mb": round(rss_gazetteer), "rss_peak_mb": round(rss_mb()),
                      "geoparse_docs_per_s": round(len(texts) / geo_s, 1),
                      "geoparse_kchars_per_s": round(chars / geo_s / 1000, 1),
                      "geoparse_warm_docs_per_s": round(len(texts) / warm_s, 1),
                      "spacy_docs_per_s": round(len(texts) / spacy_s, 1)}))


if __name__ == "__main__":
    main()
