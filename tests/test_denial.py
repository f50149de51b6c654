"""Denials (watchpost/events/denial.py): who denies which claim, recorded on the claim as `disputed_by`.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from watchpost.events.denial import CLAIM_NOUNS, DENY_VERBS
from watchpost.model import Document

TEXTS = {
    "accusation": "The Sudanese army accused the RSF of shelling a camp in El Geneina on Sunday, killing nine people. "
                  "The RSF denied the accusation.",
    "lies": "Activists said Russian jets bombed a bakery in Ariha on Monday. Moscow dismissed the reports as lies.",
    "claims": "Ukrainian officials said Russian drones struck a power plant in Kharkiv on Tuesday. "
              "The Kremlin rejected the claims.",
    "responsibility": "Gunmen killed six worshippers at a church in Kaya on Friday, police said. "
                      "JNIM denied responsibility for the attack.",
    "act": "The army accused M23 of shelling a school in Sake on Thursday. M23 denied shelling the school.",
    "own": "The army said it shelled rebel positions near Sake on Thursday. The army denied shelling the town.",
    "unrelated": "Floods cut the road to Kaya on Friday, police said. The mayor rejected the claims of looting.",
}


@pytest.fixture(scope="module")
def extracted(extractor):
    docs = [Document(id=key, text=text, published="2024-05-12") for key, text in TEXTS.items()]
    return {d.id: ms for d, ms in extractor.extract(docs)}


def disputed(mentions):
    return [m for m in mentions if m.disputed_by]


@pytest.mark.parametrize("key, denier", [("accusation", "RSF"), ("lies", "Russia"), ("claims", "Russia"),
                                         ("responsibility", "JNIM")])
def test_a_denial_with_no_act_of_its_own_disputes_the_claim_before_it(extracted, key, denier):
    found = disputed(extracted[key])
    assert len(found) == 1, [(m.type, m.sentence, m.disputed_by) for m in extracted[key]]
    claim, text = found[0], TEXTS[key]
    assert claim.type == "ASSAULT" and claim.status == "occurred" and claim.start == 0  # the first sentence's act
    (dispute,) = claim.disputed_by
    assert denier.lower() in dispute.by.name.lower()
    assert text[dispute.by.start : dispute.by.end] == dispute.by.text  # the denier's words, with their span
    assert text[dispute.start : dispute.end] == dispute.sentence and dispute.start > 0  # the second sentence
    line = claim.to_json()["disputed_by"][0]
    assert {"text", "name", "country", "kind", "start", "end", "doc_id", "mention_id"} <= set(line)
    assert line["doc_id"] == key


def test_a_denial_names_the_mention_coded_from_it(extracted):
    (claim,) = disputed(extracted["accusation"])
    denial = next(m for m in extracted["accusation"] if m.index == claim.disputed_by[0].mention)
    assert denial.type == "REJECT" and denial.trigger == "denied"


def test_an_act_told_as_denied_disputes_the_same_act_claimed_before(extracted):
    mentions = extracted["act"]
    denied = [m for m in mentions if m.status == "denied"]
    assert denied and denied[0].denier is not None and "M23" in denied[0].denier.name
    (claim,) = disputed(mentions)
    assert claim.status == "occurred" and claim.type == "ASSAULT" and claim.sentence.startswith("The army accused")
    assert claim.disputed_by[0].mention == denied[0].index and claim.disputed_by[0].by.name == denied[0].denier.name


def test_the_same_source_claiming_and_denying_is_no_dispute(extracted):
    mentions = extracted["own"]
    assert any(m.status == "denied" for m in mentions) and any(m.status == "occurred" for m in mentions)
    assert disputed(mentions) == []


def test_a_denial_of_something_else_disputes_no_act(extracted):
    assert extracted["unrelated"] and disputed(extracted["unrelated"]) == []


def test_the_word_lists():
    assert {"deny", "reject", "dismiss"} <= DENY_VERBS
    assert {"accusation", "claim", "report", "responsibility", "involvement"} <= CLAIM_NOUNS
