"""How the open-licence fixtures in this folder were made (run once, by hand, where the project's
evaluation kit is checked out beside the repository as ../shared; the tests never run this).

python tests/data/news/build.py ../shared/eval

- plover/gold.jsonl: the first 4 records of each PLOVER type from the kit's plover/gold.jsonl
  (CC BY-SA 4.0, Open Event Data Alliance: github.com/openeventdata/PLOVER @5e0c24f,
  gold_standard_records/PLOVER_GSR_CAMEO.txt), fields id, text, type, actor.
- stories/ecbplus.jsonl: every article of ECB+ topics 1, 3, 4, 8, 12 and 18 (both
  sub-topics each: two similar happenings), cut after the sentence that passes 500 characters
  (CC BY 3.0, NewsReader project: github.com/tommasoc80/EventStoryLine @46edefe,
  ECB+_LREC2014/ECB+/, text rebuilt from tokens), with the gold story of each (`story`).
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"1", "3", "4", "8", "12", "18"}
CUT_AFTER = 500
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+")


def lines(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cut(text: str) -> str:
    for m in SENTENCE_END.finditer(text):
        if m.start() >= CUT_AFTER:
            return text[: m.start()].strip()
    return text.strip()


def write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main(kit: Path) -> None:
    per_type: dict[str, list[dict]] = defaultdict(list)
    for rec in lines(kit / "plover" / "gold.jsonl"):
        if len(per_type[rec["type"]]) < 4:
            per_type[rec["type"]].append({k: rec[k] for k in ("id", "text", "type", "actor")})
    write(HERE / "plover" / "gold.jsonl", [r for t in sorted(per_type) for r in per_type[t]])
    story = dict(line.split("\t") for line in (kit / "stories" / "gold.tsv").read_text().split("\n") if line)
    chosen = [{"id": r["id"], "story": story[r["id"]], "text": cut(r["text"])}
              for r in lines(kit / "stories" / "ecbplus.jsonl") if story.get(r["id"], "").rstrip("ab") in TOPICS]
    write(HERE / "stories" / "ecbplus.jsonl", sorted(chosen, key=lambda r: r["id"]))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
