"""Event mentions end to end: Extractor().extract([Document]) on short conflict reports written for these tests
(tests/data/extract/articles/, published 2023-03-16, a Thursday)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchpost.model import KINDS, PLOVER_TYPES, STATUSES, Document, Mention
from watchpost.read import read_inputs

ARTICLES = Path(__file__).parent / "data" / "extract" / "articles"
PUBLISHED = "2023-03-16"
ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


@pytest.fixture(scope="module")
def extracted(extractor) -> dict[str, tuple[Document, list[Mention]]]:
    """Every article, extracted in one batch."""
    docs = [d for d in read_inputs([str(ARTICLES)], PUBLISHED) if isinstance(d, Document)]
    assert len(docs) == len(list(ARTICLES.glob("*.txt")))
    return {doc.id: (doc, mentions) for doc, mentions in extractor.extract(docs)}


def mentions(extracted, doc_id: str, type_: str | None = None) -> list[Mention]:
    return [m for m in extracted[doc_id][1] if type_ is None or m.type == type_]


def one(extracted, doc_id: str, type_: str) -> Mention:
    found = mentions(extracted, doc_id, type_)
    assert len(found) == 1, [(m.type, m.trigger, m.status) for m in extracted[doc_id][1]]
    return found[0]


def extract_text(extractor, text: str, doc_id: str = "inline") -> list[Mention]:
    ((_, found),) = list(extractor.extract([Document(id=doc_id, text=text, published=PUBLISHED)]))
    return found


# -- a battle with both sides, place, date and count ------------------------------------


def test_battle_with_actors_place_date_and_count(extracted):
    m = one(extracted, "yemen_taiz", "ASSAULT")
    assert m.status == "occurred"
    assert (m.actor1.text, m.actor1.country, m.actor1.kind) == ("Yemeni government forces", "YEM", "MIL")
    assert (m.actor2.country, m.actor2.kind) == ("YEM", "REB")
    assert (m.location.text, m.location.country, m.location.precision) == ("Taiz", "YEM", 1)
    assert abs(m.location.lat - 13.58) < 0.3 and abs(m.location.lon - 44.02) < 0.3
    assert (m.date.text, m.date.start, m.date.end, m.date.precision) == ("Monday", "2023-03-13", "2023-03-13", "day")
    assert [(q.what, q.value, q.approximate) for q in m.quantities] == [("killed", 12, True)]
    assert m.acled == {"event_type": "Battles", "sub_event_type": "Armed clash"}


def test_battle_second_side_is_the_with_object(extracted):
    assert one(extracted, "yemen_taiz", "ASSAULT").actor2.text == "Houthi fighters"


def test_unnamed_forces_take_the_conflict_country(extracted):
    m = one(extracted, "gharyan_gunmen", "ASSAULT")
    assert (m.actor1.country, m.actor1.kind) == ("LBY", "UAF")
    assert (m.actor2.text, m.actor2.country, m.actor2.kind) == ("troops", "LBY", "MIL")
    assert (m.location.text, m.location.country) == ("Gharyan", "LBY")
    assert m.date.start == PUBLISHED  # "on Thursday", published on a Thursday


def test_reported_speech_is_occurred_with_its_count(extracted):
    m = one(extracted, "izium_report", "ASSAULT")
    assert m.status == "occurred"
    assert (m.actor1.country, m.actor1.kind) == ("RUS", "MIL")
    assert (m.location.name, m.location.country) == ("Izyum", "UKR")
    assert [(q.what, q.value) for q in m.quantities] == [("killed", 52)]


# -- status: threats, plans, denials --------------------------------------------------------


def test_threat_is_threaten_and_never_an_occurred_assault(extracted):
    threat = one(extracted, "aden_threat", "THREATEN")
    assert threat.status == "occurred"  # the threat itself was made
    assert (threat.actor1.name, threat.actor1.country) == ("Houthis", "YEM")
    for m in mentions(extracted, "aden_threat"):
        assert not (m.type == "ASSAULT" and m.status in ("occurred", "ongoing"))


def test_threatened_act_is_dated_ahead(extracted):
    threatened = mentions(extracted, "aden_threat", "ASSAULT")
    assert threatened, "the threatened attack is a mention of its own"
    for m in threatened:
        assert m.status == "threatened"
        assert m.date.start >= PUBLISHED


def test_planned_meeting_is_consult_planned(extracted):
    m = one(extracted, "muscat_talks", "CONSULT")
    assert m.status == "planned"
    assert (m.actor1.name, m.actor2.country, m.location.text) == ("Houthis", "SAU", "Muscat")


def test_planned_meeting_is_not_an_occurred_meeting(extracted):
    assert not [m for m in mentions(extracted, "muscat_talks", "CONSULT") if m.status == "occurred"]


def test_planned_meeting_is_dated_on_the_coming_tuesday(extracted):
    m = one(extracted, "muscat_talks", "CONSULT")
    assert (m.date.text, m.date.start) == ("Tuesday", "2023-03-21")


def test_the_promise_of_talks_is_an_agree_that_occurred(extracted):
    promise = one(extracted, "muscat_talks", "AGREE")
    meeting = one(extracted, "muscat_talks", "CONSULT")
    assert promise.status == "occurred" and promise.confidence > meeting.confidence


def test_denial_gives_status_denied(extracted):
    m = one(extracted, "marib_denial", "ASSAULT")
    assert m.status == "denied"
    assert (m.actor1.country, m.actor1.kind) == ("YEM", "REB")
    assert m.location.country == "YEM"
    assert m.date.start == "2023-03-11"
    assert m.quantities == []  # "a camp for displaced people" counts nobody


@pytest.mark.parametrize(
    "doc_id, status, actor",
    [
        pytest.param(
            "misrata_fear",
            "hypothetical",
            ("LBY", "REB"),
            marks=pytest.mark.xfail(
                strict=True,
                reason="spaCy tags 'Misrata' PERSON and GeoNames spells it Misratah: an alternate name too weak "
                "to overrule the tag, so no place gives the militias a country",
            ),
        ),  # residents fear that ...
        ("khartoum_speculation", "hypothetical", ("RUS", None)),  # mercenaries may have attacked
        ("menaka_negation", "denied", ("MLI", "MIL")),  # its troops did not attack
        ("nyala_condition", "hypothetical", ("SDN", "REB")),  # if the rebels attack Nyala
        ("kherson_ongoing", "ongoing", ("RUS", "MIL")),  # have been shelling for weeks
    ],
)
def test_modality_reaches_the_mention(extracted, doc_id, status, actor):
    (m,) = mentions(extracted, doc_id, "ASSAULT")
    assert m.status == status
    assert m.actor1.country == actor[0] and (actor[1] is None or m.actor1.kind == actor[1])


def test_ongoing_shelling_is_dated_over_the_weeks(extracted):
    (m,) = mentions(extracted, "kherson_ongoing", "ASSAULT")
    assert m.date.end == PUBLISHED and m.date.precision == "week"
    assert m.date.start <= "2023-03-02"


def test_patronage_end_to_end(extracted):
    m = one(extracted, "mariupol_separatists", "ASSAULT")
    assert (m.actor1.kind, m.actor1.country, m.actor1.backer) == ("REB", "UKR", "RUS")
    assert (m.location.text, m.location.country) == ("Mariupol", "UKR")
    assert (m.date.start, m.status, m.mode) == ("2023-03-15", "occurred", "heavy-weapons")


def test_pronoun_actor_end_to_end(extracted):
    m = one(extracted, "mariupol_depot", "ASSAULT")
    assert (m.actor1.text, m.actor1.country) == ("it", "RUS")
    assert m.location.text == "Mariupol"  # the speaker 'Moscow' is not the place
    assert m.date.start == "2023-03-14"


# -- ACLED types ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc_id, type_, acled",
    [
        ("nyala_airstrike", "ASSAULT", ("Explosions/Remote violence", "Air/drone strike")),
        ("yemen_taiz", "ASSAULT", ("Battles", "Armed clash")),
        ("gharyan_gunmen", "ASSAULT", ("Battles", "Armed clash")),
        ("benghazi_protest", "PROTEST", ("Protests", "Peaceful protest")),
    ],
)
def test_acled_types(extracted, doc_id, type_, acled):
    m = one(extracted, doc_id, type_)
    assert (m.acled["event_type"], m.acled["sub_event_type"]) == acled


def test_acled_codes_only_what_happened(extracted):
    denied = one(extracted, "marib_denial", "ASSAULT")
    assert denied.status == "denied" and denied.acled is None


def test_airstrike_details(extracted):
    m = one(extracted, "nyala_airstrike", "ASSAULT")
    assert (m.mode, m.status) == ("aerial", "occurred")
    assert (m.actor1.country, m.actor1.kind) == ("SDN", "MIL")
    assert (m.location.text, m.location.country) == ("Nyala", "SDN")
    assert m.date.start == "2023-03-12"
    assert [(q.what, q.value) for q in m.quantities] == [("killed", 15)]


def test_protest_details(extracted):
    m = one(extracted, "benghazi_protest", "PROTEST")
    assert (m.status, m.mode) == ("occurred", "demo")
    assert (m.actor1.country, m.actor1.kind) == ("LBY", "CVL")
    assert (m.location.text, m.location.country) == ("Benghazi", "LBY")
    assert m.date.start == "2023-03-10"


def test_meeting_splits_coordinated_officials(extracted):
    m = one(extracted, "cairo_meeting", "CONSULT")
    assert m.status == "occurred" and m.acled is None
    assert {(m.actor1.country, m.actor1.kind), (m.actor2.country, m.actor2.kind)} == {("EGY", "GOV"), ("SDN", "GOV")}
    assert m.location.text == "Cairo"


# -- boilerplate and offsets ---------------------------------------------------------------


def test_no_event_from_a_boilerplate_caption(extracted, extractor):
    doc, found = extracted["mali_page"]
    captions = [line for line in doc.text.split("\n") if line.startswith("Malian soldiers shell")]
    assert len(captions) == 2
    spans = [(doc.text.index(c), doc.text.index(c) + len(c)) for c in captions]
    assert found, "the page's article reports events"
    for m in found:
        assert "shell militant positions" not in m.sentence
        assert not any(a <= m.trigger_start < b for a, b in spans)
    # the same words as an article paragraph are an event: the caption was left out, not missed
    control = extract_text(
        extractor, "Mali\n\nMalian soldiers shell militant positions near Boni in central Mali on May 2."
    )
    assert [m.trigger for m in control if m.type == "ASSAULT"] == ["shell"]


def test_article_events_survive_the_furniture(extracted):
    triggers = {m.trigger for m in mentions(extracted, "mali_page", "ASSAULT")}
    assert "killed" in triggers  # "Jihadist fighters killed 14 Malian soldiers in an ambush near the town of Boni"


def test_offsets_in_a_document_with_indentation_crlf_and_furniture(extractor):
    text = (
        "\r\n  Sudan: clashes spread\r\n\r\nHome World Africa Sudan: clashes spread\r\n"
        "   Sudanese troops clashed with paramilitary fighters in El Fasher on Tuesday, residents said.  \r\n"
        "Share this article\r\n"
        "\tThe Sudanese air force bombed positions near Nyala on Wednesday, killing 9 people.\r\n"
    )
    found = extract_text(extractor, text)
    assert {m.sentence for m in found if m.type == "ASSAULT"} == {
        "Sudanese troops clashed with paramilitary fighters in El Fasher on Tuesday, residents said.",
        "The Sudanese air force bombed positions near Nyala on Wednesday, killing 9 people.",
    }
    for m in found:
        assert text[m.start : m.end] == m.sentence
        assert "\r" not in m.sentence and m.sentence == m.sentence.strip()


def test_every_mention_keeps_the_contract(extracted):
    assert extracted and all(found for _, found in extracted.values()), "every test article reports an event"
    for doc_id, (doc, found) in extracted.items():
        text = doc.text
        assert [m.index for m in found] == list(range(len(found)))
        assert [m.start for m in found] == sorted(m.start for m in found)
        for m in found:
            assert m.doc_id == doc_id and m.event_id == f"{doc_id}:{m.index}"
            assert m.type in PLOVER_TYPES and m.status in STATUSES
            assert text[m.start : m.end] == m.sentence
            assert text[m.trigger_start : m.trigger_end] == m.trigger
            assert m.start <= m.trigger_start < m.trigger_end <= m.end
            for actor in (m.actor1, m.actor2):
                if actor:
                    assert actor.kind in KINDS
                    assert actor.country is None or re.fullmatch(r"[A-Z]{3}", actor.country)
                    assert text[actor.start : actor.end] == actor.text
            if m.location:
                assert text[m.location.start : m.location.end] == m.location.text
                assert m.location.precision in (1, 2, 3)
            for q in m.quantities:
                assert text[q.start : q.end] == q.text
            assert m.date.start <= m.date.end and m.date.precision in ("day", "week", "month", "year", "unknown")
            assert m.date.text is not None or m.date.reason  # an undated event says why it has this span
            assert m.acled is None or m.acled["event_type"] in ACLED_TYPES
            assert 0 <= m.confidence <= 1


def test_document_with_no_content_gives_no_mentions(extractor):
    assert extract_text(extractor, "Latest News\nRead more\nShare this article\n") == []
    assert extract_text(extractor, "Weather\n\nSunny skies are expected across the region on Friday.") == []


def test_no_publication_date_means_no_relative_dates(extractor):
    ((_, found),) = list(
        extractor.extract(
            [
                Document(
                    id="undated",
                    text="Clashes\n\nSudanese troops clashed with paramilitary fighters in El Fasher on Tuesday.",
                )
            ]
        )
    )
    (m,) = [m for m in found if m.type == "ASSAULT"]
    assert (m.date.start, m.date.end, m.date.precision) == (None, None, "unknown")


# -- known failures, kept precise ----------------------------------------------------------


def test_dateline_is_not_an_event_or_an_actor(extracted):
    found = mentions(extracted, "aden_dateline")
    assert [m.type for m in found] == ["ASSAULT"]
    assert found[0].actor1.text == "Yemeni government forces"


def test_kharkiv_strike_is_placed_in_ukraine(extracted):
    m = one(extracted, "kharkiv_strike", "ASSAULT")
    assert m.location is not None and m.location.country == "UKR"
    assert (m.actor2.kind, m.actor2.country) == ("CVL", "UKR")


@pytest.mark.xfail(
    strict=True,
    reason="geoparser: 'Moura' resolves to Moura, Portugal (ADM2) and 'Wagner' to Wagner, "
    "Brazil despite 'central Mali' in the sentence; Wagner is no longer a location, but "
    "the document country still counts them, so the event has no location and "
    "the villagers are 'Civilians (Brazil)'",
)
def test_moura_killings_are_placed_in_mali(extracted):
    m = one(extracted, "moura_mali", "ASSAULT")
    assert m.location.country == "MLI"
    assert (m.actor2.kind, m.actor2.country) == ("CVL", "MLI")


def test_mali_page_stays_in_mali(extracted):
    found = mentions(extracted, "mali_page")
    assert found, "the page's article reports events"
    for m in found:
        for actor in (m.actor1, m.actor2):
            assert actor is None or actor.country in (None, "MLI")
        assert m.location is None or m.location.country == "MLI"


def test_witness_is_not_the_shooter(extracted):
    assaults = mentions(extracted, "mali_page", "ASSAULT")
    assert any(m.actor1 is not None for m in assaults), "the shootings have their gunmen"
    for m in assaults:
        assert m.actor1 is None or m.actor1.text != "We"


def test_a_place_inside_another_acts_phrase_is_that_acts(extractor):
    found = extract_text(
        extractor, "Ceasefire\n\nRussia and Turkey agreed a ceasefire in Idlib on Thursday after talks in Moscow."
    )
    agree = [m for m in found if m.type == "AGREE"]
    talks = [m for m in found if m.type == "CONSULT"]
    assert agree and agree[0].location is not None and agree[0].location.name == "Idlib"
    assert talks and talks[0].location is not None and talks[0].location.name == "Moscow"
