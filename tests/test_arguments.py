"""Arguments from the clause (watchpost/events/arguments.py): who wielded the attack a verb happened by.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from watchpost.extract import Extractor
from watchpost.model import Document

CASES = [
    ("At least 10 people were killed in shelling by the paramilitary Rapid Support Forces (RSF) in El Fasher.", "Rapid Support Forces"),
    ("Two people were killed in a strike by an Israeli drone on a car in southern Lebanon.", "Israel"),
    ("A Russian missile strike killed 23 people near Zaporizhzhia on Friday.", "Russia"),
    ("Four soldiers were killed in an attack blamed on the ADF near Beni.", "Allied Democratic Forces"),
    ("Thirteen civilians were killed on Monday when the Rapid Support Forces targeted residential neighbourhoods.",
     "Rapid Support Forces"),
    ("The armed group Jama'at Nusrat al-Islam wal-Muslimin (JNIM) attacked a convoy near Djibo.", "JNIM"),
]


@pytest.fixture(scope="module")
def extracted():
    docs = [Document(id=str(i), text=text, published="2024-05-10") for i, (text, _) in enumerate(CASES)]
    return {d.id: ms for d, ms in Extractor().extract(docs)}


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[1] for c in CASES])
def test_actor_from_the_attack_it_happened_by(extracted, index):
    text, who = CASES[index]
    acts = [m for m in extracted[str(index)] if m.type == "ASSAULT"]
    assert acts, f"no ASSAULT in {text!r}"
    assert acts[0].actor1 is not None and who in acts[0].actor1.name, acts[0].actor1


def test_victims_belong_to_the_place_not_the_attacker(extracted):
    victims = [m.actor2 for m in extracted["1"] if m.type == "ASSAULT" and m.actor2]
    assert victims and all(v.kind == "CVL" and v.country == "LBN" for v in victims)
