"""Roles of a document's places (watchpost/geo/document.py): where someone spoke is context, a place told in the
clause after a 'said' is not. Text written for these tests."""
from __future__ import annotations

from watchpost.geo.document import roles


def role_of(geo, text: str, name: str) -> str | None:
    places = geo.parse(text)
    tags = [t for p, t in zip(places, roles(text, places)) if p.text.startswith(name)]
    assert tags, [p.text for p in places]
    return tags[0]


def test_where_a_speaker_spoke_is_context(geo):
    text = "The minister told reporters in Mogadishu that the attack had failed."
    assert role_of(geo, text, "Mogadishu") == "speaker"


def test_where_a_speaker_spoke_is_context_after_a_word_for_the_city(geo):
    text = "Speaking to local media in the capital Mogadishu, the army chief confirmed the assault."
    assert role_of(geo, text, "Mogadishu") == "speaker"


def test_a_place_in_the_reported_clause_is_no_speakers_place(geo):
    text = ("The military said the fighting, which broke out on Wednesday in a town in Negros Occidental province, "
            "lasted an hour.")
    assert role_of(geo, text, "Negros Occidental") != "speaker"


def test_a_dateline_with_its_date_is_where_the_report_was_filed(geo):
    text = "KHARTOUM, Oct 27 (Reuters) - The paramilitary RSF said it had seized the army base in Nyala."
    assert role_of(geo, text, "KHARTOUM") == "dateline"
    assert role_of(geo, text, "Nyala") is None
