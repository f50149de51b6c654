"""Which triggers tell an act of their own (watchpost/events/filtering.py). Sentences written for these tests."""
from __future__ import annotations

from watchpost.events.coref import Trigger
from watchpost.events.filtering import keep
from watchpost.events.lexicon import lexicon
from watchpost.events.scene import Scene
from watchpost.nlp import parse_text


def kept(text: str) -> set[str]:
    (offset, doc), = parse_text(text)
    sent = next(iter(doc.sents))
    found = [Trigger(t, spec, sent, 0, offset) for t in sent if (spec := lexicon().match(t))]
    assert found, f"no trigger in {text!r}"
    return {t.token.text for t in found if keep(t, found, Scene([], "2025-06-12"))}


def test_the_content_of_a_demand_is_no_act():
    assert "offensive" not in kept("Turkey urged Russia to stop the offensive on Idlib.")


def test_an_accusation_keeps_the_act_it_charges():
    assert "shelling" in kept("The army accused the rebels of shelling the market.")


def test_a_participle_describing_a_noun_is_no_act():
    assert "wounded" not in kept("Doctors treated the wounded soldiers at the field hospital.")


def test_a_death_by_a_natural_cause_is_no_attack_but_opened_fire_is():
    assert "killed" not in kept("Four people were killed in the earthquake.")
    assert "opened" in kept("Gunmen opened fire on the bus.")


def test_a_verbal_attack_is_no_act_of_violence():
    assert "attacked" not in kept("The president attacked the opposition in a fiery speech on Monday.")
    assert "attacked" in kept("Militants attacked a police post on Monday.")


def test_a_natural_cause_as_the_clauses_subject_kills_no_one_by_violence():
    assert "killing" not in kept("Lightning struck a school building, killing four pupils.")


def test_a_cause_word_describing_an_offensive_is_no_cause():
    assert "retook" in kept("Iraqi forces retook the town in a lightning offensive on Friday.")


def test_a_month_is_no_march():
    assert "March" not in kept("At least 14 people were killed on Friday, the deadliest day since March.")
    assert "marched" in kept("Protesters marched through Khartoum on Monday.")
