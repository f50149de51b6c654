"""Attribution (watchpost/events/attribution.py): by whose account. Sentences written for these tests."""

from __future__ import annotations

import pytest

from watchpost.extract import Extractor
from watchpost.model import Document

CASES = [
    ("Five soldiers were killed in an ambush near Gao on Monday, the army said.", "army", "MIL"),
    ("Activists said government warplanes bombed the market in Ariha on Sunday.", "Activists", "CVL"),
    ("According to the United Nations, 40 villagers were killed in the attack on Tuesday.", "United Nations", "IGO"),
    ("The Sudanese Armed Forces claimed that the RSF shelled the hospital on Friday.", "Sudanese Armed Forces", "MIL"),
]


@pytest.fixture(scope="module")
def extracted():
    docs = [Document(id=str(i), text=text, published="2024-05-10") for i, (text, _, _) in enumerate(CASES)]
    return {d.id: ms for d, ms in Extractor().extract(docs)}


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[1] for c in CASES])
def test_the_claim_has_its_source(extracted, index):
    text, source, kind = CASES[index]
    acts = [m for m in extracted[str(index)] if m.type == "ASSAULT"]
    assert acts, f"no ASSAULT in {text!r}"
    src = acts[0].according_to
    assert src is not None and source.lower() in f"{src.text} {src.name}".lower()
    assert src.kind == kind
    assert text[src.start : src.end] == src.text  # the source's words, with their span


def test_a_report_in_its_own_voice_has_no_source():
    ((_, found),) = list(
        Extractor().extract(
            [Document(id="own", text="Gunmen killed 12 villagers in Zamfara on Sunday.", published="2024-05-10")]
        )
    )
    assert found and all(m.according_to is None for m in found)
