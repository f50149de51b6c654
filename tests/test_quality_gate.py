"""The quality gate, in the style of trafilatura's evaluation: floors in eval/floors.json.

The ACLED typing of the real-news dev split (eval/realnews/acled.dev.jsonl, in the repository) is
scored here with the Python API, so it runs everywhere. The seed articles and the PLOVER records are
scored by the project's evaluation kit, which lives outside the repository (../shared/eval, or
$WATCHPOST_EVAL_KIT); without the kit those two skip, saying why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from watchpost.config import DATA_DIR
from watchpost.model import Document

ROOT = Path(__file__).resolve().parent.parent
KIT = Path(os.environ.get("WATCHPOST_EVAL_KIT", ROOT.parent / "shared" / "eval"))
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
needs_kit = pytest.mark.skipif(
    not (KIT / "score_seeds.py").is_file(),
    reason=f"no evaluation kit at {KIT} (../shared/eval beside the repository, or "
    "$WATCHPOST_EVAL_KIT): these gates score against its gold data",
)


def kit_score(script: str) -> dict:
    proc = subprocess.run([sys.executable, str(KIT / script)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@needs_kit
def test_seed_articles_meet_the_quality_floor():
    score = kit_score("score_seeds.py")
    assert score["recall"] >= FLOORS["seeds"]["recall"] and score["precision"] >= FLOORS["seeds"]["precision"], score
    assert score["must_not_violations"] == 0 and score["boilerplate_events"] == 0, score
    assert score["offsets_valid"] == 1.0, score


@needs_kit
def test_plover_records_meet_the_quality_floor():
    score = kit_score("score_plover.py")
    assert score["accuracy"] >= FLOORS["plover"]["accuracy"], score


def acled_dev_scores(extractor) -> dict[str, float]:
    """Weighted F1 and accuracy of the ACLED sub-event type of each dev report's most confident coded event."""
    rows = [
        json.loads(line)
        for line in (ROOT / "eval" / "realnews" / "acled.dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    docs = [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    predicted = {}
    for doc, mentions in extractor.extract(docs):
        coded = [m for m in mentions if m.acled]
        predicted[doc.id] = max(coded, key=lambda m: m.confidence).acled["sub_event_type"] if coded else "NONE"
    pairs = [(r["label"], predicted[r["id"]]) for r in rows]
    f1 = 0.0
    for label, support in Counter(g for g, _ in pairs).items():
        tp = sum(g == p == label for g, p in pairs)
        pred = sum(p == label for _, p in pairs)
        precision, recall = tp / pred if pred else 0.0, tp / support
        f1 += support * (2 * precision * recall / (precision + recall) if tp else 0.0)
    return {"weighted_f1": f1 / len(pairs), "accuracy": sum(g == p for g, p in pairs) / len(pairs)}


def test_acled_typing_of_the_dev_split_meets_the_floor(extractor):
    scores = acled_dev_scores(extractor)
    floor = FLOORS["acled_dev"]
    assert scores["weighted_f1"] >= floor["weighted_f1"] and scores["accuracy"] >= floor["accuracy"], scores


def test_a_broken_trigger_file_fails_the_gate(extractor, monkeypatch, tmp_path):
    """The gate can fail: with the violent verbs taken out of the trigger file, the dev split falls below the floor."""
    from watchpost.events import lexicon as lexicon_module

    spec = yaml.safe_load((DATA_DIR / "patterns" / "triggers.yml").read_text(encoding="utf-8"))
    for verb in (
        "kill",
        "attack",
        "shell",
        "bomb",
        "explode",
        "arrest",
        "detain",
        "protest",
        "clash",
        "seize",
        "capture",
    ):
        spec["verbs"].pop(verb, None)
    broken = lexicon_module.Lexicon(spec)
    monkeypatch.setattr("watchpost.events.detect.lexicon", lambda: broken)
    scores = acled_dev_scores(extractor)
    assert scores["weighted_f1"] < FLOORS["acled_dev"]["weighted_f1"], scores
