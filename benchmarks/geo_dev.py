"""Development loop for the geoparser: score GeoWebNews/LGL from cached spaCy parses and list the errors.

    python benchmarks/geo_dev.py --set lgl [--limit N] [--errors FILE]

The spaCy parses of the eval texts are cached under /tmp (keyed by the ruler patterns), so a run times
and scores only Geoparser.parse; the figures match `../shared/eval/score_geo.py`, which runs the CLI.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / ".." / "shared" / "eval"
CACHE = Path("/tmp/watchpost-geo-dev")


def cached_parses(name: str, texts: list[str]) -> list:
    from spacy.tokens import DocBin

    from watchpost.clean import content_blocks
    from watchpost.nlp import load, ruler_patterns

    tag = hashlib.sha1(json.dumps(ruler_patterns(), sort_keys=True).encode()).hexdigest()[:10]
    path = CACHE / f"{name}-{len(texts)}-{tag}.pkl"
    nlp = load()
    if path.exists():
        offsets, data = pickle.loads(path.read_bytes())
        docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    else:
        chunks = [[(b.start, t[b.start:b.end]) for b in content_blocks(t)] for t in texts]  # as nlp.parse_texts
        offsets = [[o for o, _ in c] for c in chunks]
        docs = list(nlp.pipe(p for c in chunks for _, p in c))
        CACHE.mkdir(exist_ok=True)
        path.write_bytes(pickle.dumps((offsets, DocBin(store_user_data=False, docs=docs).to_bytes())))
    out, i = [], 0
    for offs in offsets:
        out.append(list(zip(offs, docs[i:i + len(offs)])))
        i += len(offs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="geowebnews")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", help="write recognition and resolution errors here (JSONL)")
    args = ap.parse_args()
    sys.path.insert(0, str(EVAL))
    from score_geo import km, score

    docs = [json.loads(line) for line in (EVAL / "geo" / f"{args.set}.jsonl").open(encoding="utf-8")][: args.limit]
    parsed = cached_parses(args.set, [d["text"] for d in docs])
    from watchpost.geo import Geoparser

    geo = Geoparser()
    t0 = time.perf_counter()
    places = []
    for d, p in zip(docs, parsed):
        for pl in geo.parse(d["text"], p):
            places.append({"doc_id": d["id"], **pl.contract_json(d["id"], explain=True)})
    secs = time.perf_counter() - t0
    result = score(docs, places)
    result["geoparse_docs_per_s"] = round(len(docs) / secs, 1)
    if args.errors:
        by_doc = {}
        for p in places:
            by_doc.setdefault(p["doc_id"], []).append(p)
        with open(args.errors, "w", encoding="utf-8") as fh:
            for d in docs:
                preds = by_doc.get(d["id"], [])
                hit = set()
                for g in d["toponyms"]:
                    m = [i for i, p in enumerate(preds) if p["start"] < g["end"] and p["end"] > g["start"]]
                    hit.update(m)
                    if not m:
                        kind, p = "FN", None
                    else:
                        p = preds[m[0]]
                        if g.get("lat") is None:
                            continue
                        if p.get("lat") is None:
                            kind = "NULL"
                        else:
                            kind = "WRONG" if km(g["lat"], g["lon"], p["lat"], p["lon"]) > 161 else "OK"
                    ctx = d["text"][max(0, g["start"] - 60):g["end"] + 60].replace("\n", " ")
                    fh.write(json.dumps({"kind": kind, "doc": d["id"], "gold": g, "pred": p, "ctx": ctx}, ensure_ascii=False) + "\n")
                for i, p in enumerate(preds):
                    if i not in hit:
                        ctx = d["text"][max(0, p["start"] - 60):p["end"] + 60].replace("\n", " ")
                        fh.write(json.dumps({"kind": "FP", "doc": d["id"], "pred": p, "ctx": ctx}, ensure_ascii=False) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
