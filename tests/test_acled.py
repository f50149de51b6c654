"""ACLED typing (watchpost/events/acled.py, data/patterns/acled.yml): one sentence per sub-event type,
written for these tests, and reports that ACLED does not code."""
from __future__ import annotations

import pytest
import yaml

from watchpost.config import DATA_DIR
from watchpost.events.acled import Codebook, codebook
from watchpost.extract import Extractor
from watchpost.model import Document

CASES = [
    ("Armed clash", "Government troops and rebels clashed near the town of Rutshuru on Monday, leaving six fighters dead."),
    ("Armed clash", "Militants ambushed an army patrol on the road to Gao, and soldiers returned fire for an hour."),
    ("Government regains territory", "The army recaptured the town of Mafa from the insurgents on Saturday."),
    ("Non-state actor overtakes territory", "Rebel fighters seized the town of Bunagana after two days of fighting with the army."),
    ("Chemical weapon", "Dozens of residents choked after a chlorine attack hit the district on Sunday night."),
    ("Air/drone strike", "An airstrike hit a militant position outside Kunduz on Tuesday night."),
    ("Air/drone strike", "A drone strike killed four suspected fighters in a car near Marib."),
    ("Suicide bomb", "A suicide bomber blew himself up at a checkpoint in the city, killing seven police officers."),
    ("Shelling/artillery/missile attack", "Artillery shells landed on the market in Kharkiv, wounding nine people."),
    ("Remote explosive/landmine/IED", "A landmine exploded under a minibus on the Bamenda road, wounding three children."),
    ("Remote explosive/landmine/IED", "Bus bombing kills 12 in Quetta."),
    ("Grenade", "Gunmen hurled grenades at a police checkpoint in Bujumbura late on Friday."),
    ("Sexual violence", "Two women were raped by militiamen near the camp last week."),
    ("Attack", "Gunmen killed 15 villagers in an attack on Kadisau village on Sunday."),
    ("Abduction/forced disappearance", "Armed men kidnapped 30 students from a school in Kagara on Wednesday."),
    ("Peaceful protest", "Thousands of teachers marched peacefully through the capital demanding unpaid wages."),
    ("Protest with intervention", "Police fired tear gas to disperse the rally outside parliament."),
    ("Excessive force against protesters", "Security forces opened fire on peaceful protesters in the square, killing five."),
    ("Violent demonstration", "Protesters threw stones at police and set tyres on fire in the main avenue."),
    ("Mob violence", "A mob lynched a man accused of theft at the market on Saturday."),
    ("Agreement", "The warring parties signed a ceasefire agreement in the capital on Friday."),
    ("Arrests", "Police arrested the opposition leader and six of his aides at his home."),
    ("Change to group/activity", "Forty fighters of the militia surrendered to the army with their weapons."),
    ("Change to group/activity", "Two rebel groups announced their merger into a new coalition."),
    ("Disrupted weapons use", "Police defused a car bomb near the market on Thursday."),
    ("Disrupted weapons use", "Security forces seized a weapons cache in a house on the outskirts."),
    ("Disrupted weapons use", "Air defences intercepted two ballistic missiles over the city."),
    ("Headquarters or base established", "The army set up a new base outside the town last month."),
    ("Looting/property destruction", "Shops owned by foreigners were looted and burned."),
    ("Non-violent transfer of territory", "The militia took over the town without a fight after the army withdrew."),
]

NOT_ACLED = [
    "The earthquake killed 300 people in the mountains on Monday.",
    "A factory fire killed 12 workers in the industrial zone.",
    "The court sentenced the former minister to five years in prison for corruption.",
    "The striker scored twice as the home side attacked throughout the second half of the match.",
    "The two companies signed an agreement to build a new steel plant.",
    "A gas cylinder explosion at a restaurant killed three people.",
    "Police said the man killed his wife after a domestic dispute.",
]


@pytest.fixture(scope="module")
def typed() -> dict[str, list]:
    texts = [t for _, t in CASES] + NOT_ACLED
    docs = [Document(id=f"d{i}", text=t, published="2023-03-16") for i, t in enumerate(texts)]
    return {doc.id: ms for doc, ms in Extractor().extract(docs)}


def top_sub_type(mentions) -> str | None:
    """What an analyst filtering on ACLED sees first: the sub-type of the most confident coded mention."""
    coded = [m for m in mentions if m.acled]
    return max(coded, key=lambda m: m.confidence).acled["sub_event_type"] if coded else None


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{s}: {t[:40]}" for s, t in CASES])
def test_sub_type(typed, index):
    want, text = CASES[index]
    found = typed[f"d{index}"]
    assert found, f"no event in {text!r}"
    assert top_sub_type(found) == want, [(m.type, m.mode, m.trigger, m.acled) for m in found]


@pytest.mark.parametrize("index", range(len(NOT_ACLED)), ids=[t[:40] for t in NOT_ACLED])
def test_no_acled_event(typed, index):
    found = typed[f"d{len(CASES) + index}"]
    assert top_sub_type(found) is None, [(m.type, m.trigger, m.acled) for m in found]


def test_event_type_follows_sub_type(typed):
    book = codebook()
    coded = [m.acled for ms in typed.values() for m in ms if m.acled]
    assert coded
    assert all(book.event_type[a["sub_event_type"]] == a["event_type"] for a in coded)


def test_every_sub_type_has_a_rule():
    book = codebook()
    assert set(book.event_type) - {"Other"} <= {r.sub for r in book.rules}
    assert len(book.event_type) == 25 and len(set(book.event_type.values())) == 6


def test_cues_are_words_not_substrings():
    book = codebook()
    assert "explosive" not in book.cues_in("The minister spoke of a mine of information.")
    assert "explosive" in book.cues_in("Three soldiers died when their truck hit a landmine.")
    assert "suicide" in book.cues_in("The attacker self-detonated at the gate.")


def test_a_rule_naming_an_unknown_cue_is_refused():
    spec = yaml.safe_load((DATA_DIR / "patterns" / "acled.yml").read_text(encoding="utf-8"))
    spec["rules"].append({"sub": "Attack", "cue": ["no_such_cue"]})
    with pytest.raises(ValueError, match="no_such_cue"):
        Codebook(spec)
