"""Extraction of the acts that end or break a deal: collapse, declared over, breach, ended."""
from __future__ import annotations

import pytest

from watchpost.extract import Extractor
from watchpost.model import Document

TEXT = """Ceasefire collapses in Hodeidah

The truce in Hodeidah collapsed on Monday after the Houthis shelled government positions.

The government declared the ceasefire over and accused the rebels of breaching the truce.

Saudi Arabia ended the truce it had brokered last year.
"""


@pytest.fixture(scope="module")
def found():
    ((_, mentions),) = list(Extractor().extract([Document(id="hodeidah", text=TEXT, published="2023-03-16")]))
    return mentions


def by_trigger(found, word):
    return [m for m in found if m.trigger == word]


def test_collapse_is_a_rejection_and_the_shelling_stays_an_attack(found):
    (collapse,) = by_trigger(found, "collapsed")
    assert collapse.type == "REJECT" and collapse.date.start == "2023-03-13"
    (shelling,) = by_trigger(found, "shelled")
    assert shelling.type == "ASSAULT" and shelling.status == "occurred"
    assert shelling.actor1.name == "Houthis"


def test_declared_over_ends_rather_than_starts(found):
    (declared,) = by_trigger(found, "declared")
    assert declared.type == "REJECT"
    assert declared.actor1.country == "YEM" and declared.actor1.kind == "GOV"


def test_accusation_coordinated_with_a_declaration_keeps_its_subject(found):
    (accused,) = by_trigger(found, "accused")
    assert accused.type == "ACCUSE"
    assert accused.actor1 is not None and accused.actor1.kind == "GOV"
    assert accused.actor2.kind == "REB"
    assert not by_trigger(found, "breaching")  # the content of the accusation, not a second event


def test_ending_a_truce_names_who_ended_it(found):
    (ended,) = by_trigger(found, "ended")
    assert ended.type == "REJECT" and ended.actor1.country == "SAU"


def test_a_threatened_strike_is_kept_as_threatened_with_its_target_and_place():
    text = "Turkey warns Damascus\n\nTurkey threatened to strike Syrian forces in Afrin if the attacks continue."
    ((_, found),) = list(Extractor().extract([Document(id="afrin", text=text, published="2020-03-10")]))
    (threat,) = [m for m in found if m.trigger == "threatened"]
    assert threat.type == "THREATEN" and threat.status == "occurred"
    (strike,) = [m for m in found if m.trigger == "strike"]
    assert strike.type == "ASSAULT" and strike.status == "threatened"
    assert strike.actor1.country == "TUR" and strike.actor2.country == "SYR"
    assert strike.location.text == "Afrin" and strike.location.country == "SYR" and strike.acled is None
