"""Status before type: modality cues on real parses (threat, plan, fear, speculation, denial, negation,
condition, ongoing); reported speech keeps 'occurred'."""

from __future__ import annotations

import pytest

from watchpost.events.status import cues, status_of


def status(nlp, sentence: str, trigger: str) -> tuple[str, str]:
    doc = nlp(sentence)
    matches = [t for t in doc if t.text == trigger]
    assert len(matches) == 1, f"{trigger!r} must occur once in {sentence!r}"
    return status_of(matches[0])


def test_cues_come_from_the_pattern_file():
    c = cues()
    assert {"threaten", "warn"} <= c["threatened"]
    assert "fear" in c["hypothetical"] and "deny" in c["denied"] and "plan" in c["planned"]
    assert {"if", "unless"} <= c["conditional_marks"]


CASES = [
    # threat: the threatened act has not happened
    (
        "Separatist rebels threatened to attack army bases in Kidal unless the government withdrew its troops.",
        "attack",
        "threatened",
        "threatened",
    ),
    ("The Houthis vowed to strike tankers in the Red Sea.", "strike", "threatened", "vowed"),
    # plan
    ("The Houthis will hold talks with Saudi officials in Muscat next week.", "hold", "planned", "will"),
    ("Egypt plans to send aid to Port Sudan, the foreign ministry said.", "send", "planned", "plans"),
    ("Turkey intends to host a meeting of foreign ministers in Ankara.", "host", "planned", "intends"),
    # fear
    (
        "Residents of Misrata fear that the militias would retaliate against the city.",
        "retaliate",
        "hypothetical",
        "fear",
    ),
    ("Aid workers worry that the army will bomb the camp again.", "bomb", "hypothetical", "worry"),
    # speculation
    ("Analysts said Russian mercenaries may have attacked the airport in Khartoum.", "attacked", "hypothetical", "may"),
    (
        "Officials suspect that Iranian advisers helped the Houthis attack the tanker.",
        "attack",
        "hypothetical",
        "suspect",
    ),
    # denial
    ("Russia denied that its forces had shelled the market in Kharkiv on Monday.", "shelled", "denied", "denied"),
    ("The junta denied that soldiers had executed prisoners near Mopti.", "executed", "denied", "denied"),
    # negation
    ("The army said its troops did not attack the village of Tessit.", "attack", "denied", "not"),
    ("Police never fired on the protesters, the minister said.", "fired", "denied", "never"),
    ("No soldiers were killed in the ambush, the army said.", "killed", "denied", "soldiers"),
    # condition
    ("If the rebels attack Nyala, the army will respond with force.", "attack", "hypothetical", "if"),
    ("The army will strike back if the rebels attack Nyala.", "attack", "hypothetical", "if"),
    # ongoing
    (
        "Russian forces have been shelling the city of Kherson for weeks, the governor said.",
        "shelling",
        "ongoing",
        "progressive",
    ),
    ("Government troops are besieging the town of Sirte.", "besieging", "ongoing", "progressive"),
    # reported speech stays occurred
    ("Ukrainian officials said Russian troops attacked the town of Izium on Thursday.", "attacked", "occurred", ""),
    (
        "Russian troops attacked the town of Izium on Thursday, according to Ukrainian officials.",
        "attacked",
        "occurred",
        "",
    ),
    ("The Houthis claimed they had fired drones at a Saudi oil facility in Jizan.", "fired", "occurred", ""),
    ("Yemen's coast guard reported that gunmen seized a fishing boat off Aden.", "seized", "occurred", ""),
]


@pytest.mark.parametrize(
    "sentence, trigger, expected, cue", CASES, ids=[f"{c[2]}:{c[1]}:{i}" for i, c in enumerate(CASES)]
)
def test_status(nlp, sentence, trigger, expected, cue):
    found, reason = status(nlp, sentence, trigger)
    assert found == expected, reason
    assert cue in reason  # the reason names the cue that decided it


def test_the_threat_itself_occurred(nlp):
    assert status(nlp, "Separatist rebels threatened to attack army bases in Kidal.", "threatened")[0] == "occurred"


def test_refusal_and_failure_are_not_occurred(nlp):
    assert status(nlp, "The rebels refused to withdraw from the town.", "withdraw")[0] == "denied"
    assert status(nlp, "Russian forces failed to capture the town of Vuhledar.", "capture")[0] == "denied"


def test_speculation_on_a_governing_verb(nlp):
    sentence = "Analysts said Wagner mercenaries may have helped Sudanese troops attack the airport in Khartoum."
    assert status(nlp, sentence, "attack")[0] == "hypothetical"


@pytest.mark.parametrize(
    "sentence, trigger",
    [
        ("The ministry denied reports that soldiers had killed civilians in Tessit.", "killed"),
        ("The junta rejected claims that soldiers executed prisoners near Mopti.", "executed"),
    ],
)
def test_denied_reports_that(nlp, sentence, trigger):
    assert status(nlp, sentence, trigger)[0] == "denied"


def test_continue_to_is_ongoing(nlp):
    assert status(nlp, "Russian forces continue to shell Kherson, the governor said.", "shell")[0] == "ongoing"
