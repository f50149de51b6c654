"""Time words of a sentence (watchpost/events/timing.py). Sentences written for these tests."""
from __future__ import annotations

import pytest

from watchpost.events.timing import dateline_length, time_expressions
from watchpost.nlp import load


@pytest.mark.parametrize("text,dateline", [
    ("BEIRUT, Oct 14 (Reuters) - A car bomb exploded.", "BEIRUT, Oct 14 (Reuters) - "),
    ("MIRAMSHAH: Security forces killed ten militants.", "MIRAMSHAH: "),
    ("MOGADISHU (Reuters) - A suicide bomber struck.", "MOGADISHU (Reuters) - "),
    ("Gunmen killed 30 people in Oromia - witnesses said.", ""),
    ("The army said: we won.", ""),
])
def test_dateline_length(text, dateline):
    assert text[:dateline_length(text)] == dateline


def test_two_days_joined_and_overnight_are_time_expressions():
    nlp = load()
    sent = next(nlp("Airstrikes overnight and shelling on Sunday and Monday killed 12 people.").sents)
    texts = {e.text for e in time_expressions(sent)}
    assert "overnight" in texts
    assert any("Sunday" in t and "Monday" in t for t in texts)


def test_a_wire_agencys_bracket_ends_a_dateline_without_a_dash():
    text = "Cotonou, June 5 (AFP) Three soldiers and two police officers were killed in northwest Benin."
    assert text[: dateline_length(text)] == "Cotonou, June 5 (AFP) "
    assert dateline_length("Police (PNP) said two suspects were arrested.") == 0


def test_the_day_after_a_wire_agencys_bracket_belongs_to_the_dateline():
    text = "ISLAMABAD (AFP) Jun 05, 2025 Three soldiers were killed when militants attacked a post on Wednesday night."
    assert text[: dateline_length(text)] == "ISLAMABAD (AFP) Jun 05, 2025 "
