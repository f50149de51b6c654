"""The spaCy pipeline and the one parse path (watchpost.nlp): the ruler before the statistical NER, its
patterns from the actor and place data, and content blocks parsed with their offsets into the text.
Texts written for this test."""
from __future__ import annotations

from watchpost.nlp import load, parse_text, parse_texts, ruler_patterns

REPORT = ("Rebels take Saraqib\n\n"
          "Home World Middle East\n\n"
          "Hayat Tahrir al-Sham fighters entered Saraqib on Monday.\n\n"
          "  Residents fled north towards the border.  \n\n"
          "Share this article\n")


def test_the_pipeline_is_loaded_once_with_the_ruler_before_the_ner(nlp):
    assert load() is nlp
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    assert nlp.get_pipe_meta("attribute_ruler").factory == "watchpost_attribute_ruler"  # the faster equivalent


def test_ruler_patterns_come_from_the_actor_and_place_data():
    patterns = ruler_patterns()
    by_text = {p["pattern"]: p["label"] for p in patterns}
    assert len(patterns) > 500
    assert by_text["Hayat Tahrir al-Sham"] == "ORG"  # groups.csv
    assert by_text["Saraqib"] in ("GPE", "LOC", "FAC")  # a curated place
    assert {p["label"] for p in patterns} <= {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"}


def test_the_ruler_names_what_the_small_model_misses(nlp):
    ents = {(e.text, e.label_) for e in nlp("Hayat Tahrir al-Sham fighters entered Saraqib on Monday.").ents}
    assert {("Hayat Tahrir al-Sham", "ORG"), ("Saraqib", "GPE")} <= ents


def test_blocks_are_parsed_with_their_offsets_and_furniture_left_out():
    parsed = parse_text(REPORT)
    assert [doc.text for _, doc in parsed] == [
        "Rebels take Saraqib",
        "Hayat Tahrir al-Sham fighters entered Saraqib on Monday.",
        "Residents fled north towards the border.",
    ]
    for offset, doc in parsed:
        assert REPORT[offset:offset + len(doc.text)] == doc.text
        assert doc.user_data["offset"] == offset
    for offset, doc in parsed:  # an entity's characters in the document
        for ent in doc.ents:
            assert REPORT[offset + ent.start_char:offset + ent.end_char] == ent.text


def test_several_texts_in_one_call_parse_as_each_alone():
    texts = [REPORT, "Shelling hit Idlib on Tuesday.", ""]
    together = parse_texts(texts)
    assert len(together) == 3 and together[2] == []
    for text, parsed in zip(texts, together):
        alone = parse_text(text)
        assert [(o, d.text, [(e.text, e.label_) for e in d.ents]) for o, d in parsed] == \
               [(o, d.text, [(e.text, e.label_) for e in d.ents]) for o, d in alone]
    assert parse_texts([]) == []
