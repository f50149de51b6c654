"""Near copies, story clusters and event merging, on hand-written reports."""

from __future__ import annotations

from pathlib import Path

from store_support import mention

from watchpost.merge.dedup import NearDuplicates
from watchpost.merge.events import compatible, merge
from watchpost.merge.stories import annotate
from watchpost.model import Document, Report

REWRITTEN = Path(__file__).parent / "data" / "rewritten"


def rewritten_docs() -> list[Document]:
    """The report, its nine rewrites a day later, and three unrelated reports."""
    docs = []
    for path in sorted(REWRITTEN.glob("*.txt")):
        day = "2020-02-21" if path.stem in ("original", "unrelated_flood") else "2020-02-22"
        docs.append(Document(id=path.stem, text=path.read_text(), published=day))
    return docs


def test_rewrites_are_copies_of_the_original_and_one_story():
    docs = rewritten_docs()
    annotate(docs)
    by_id = {d.id: d for d in docs}
    copies = [d for d in docs if d.id.startswith("copy_")]
    assert len(copies) == 9 and all(d.duplicate_of == "original" for d in copies)
    assert {d.story_id for d in copies} == {by_id["original"].story_id} == {"original"}
    unrelated = [d for d in docs if d.id.startswith("unrelated")]
    assert all(d.duplicate_of is None for d in unrelated)
    assert len({d.story_id for d in unrelated} | {"original"}) == 4


def test_same_topic_different_text_is_not_a_copy():
    index = NearDuplicates()
    original = (REWRITTEN / "original.txt").read_text()
    index.add("original", original)
    rewrite = (
        "Syrian government troops came under attack at dawn on Thursday close to Saraqib. Four soldiers died "
        "and nine were hurt, according to a monitoring group based in Britain. The rebels fired mortars and "
        "machine guns, and the army shelled villages east of the town in return. Turkey has moved troops "
        "and armour into the province, where a 2018 truce with Russia has largely collapsed."
    )
    assert index.add("rewrite", rewrite)[0] is None
    assert index.add("short", "Rebels attacked troops.")[0] is None  # too short to judge


def test_compatibility_rules():
    base = Report.from_mention(mention("a"), Document("a", "", published="2020-02-21"))

    def other(**kw):
        return Report.from_mention(mention("b", **kw), Document("b", "", published="2020-02-21"))

    assert compatible(base, other())
    assert compatible(base, other(place="Nayrab"))  # 7 km apart, town precision
    assert not compatible(base, other(place="Aleppo"))  # 80 km
    assert not compatible(base, other(day="2020-02-25"))
    assert not compatible(base, other(type="PROTEST"))
    assert compatible(base, other(type="COERCE"))  # same family
    assert not compatible(base, other(status="threatened"))
    assert not compatible(base, other(actors=("Turkey",)))
    assert compatible(base, other(place=None))  # unplaced but an actor is shared
    assert not compatible(base, other(place=None, actors=()))  # nothing ties them


def test_merged_event_keeps_sources_and_disagreement_and_counts_copies_once():
    docs = [
        Document("a", "", published="2020-02-20"),
        Document("b", "", published="2020-02-22"),
        Document("c", "", published="2020-02-21", duplicate_of="a"),
    ]
    events = merge(
        [
            (docs[0], [mention("a", killed=2)]),
            (docs[1], [mention("b", killed=5)]),
            (docs[2], [mention("c", killed=2), mention("c", 1, type="PROTEST", actors=())]),
        ]
    )
    assert len(events) == 2
    attack = next(e for e in events if e.id == "a:0").summary()
    assert (attack["n_mentions"], attack["n_sources"]) == (3, 2)
    assert (attack["fatalities"], attack["fatalities_max"], attack["counts_disagree"]) == (2, 5, 1)
    assert attack["quantities"]["killed"] == [{"value": 2, "sources": ["a"]}, {"value": 5, "sources": ["b"]}]
    assert (attack["first_reported"], attack["last_reported"]) == ("2020-02-20", "2020-02-22")


def test_a_given_fingerprint_finds_what_a_computed_one_finds():
    from watchpost.merge.dedup import Fingerprint

    original = (REWRITTEN / "original.txt").read_text()
    copy = "UPDATED 14:20 GMT. " + original[: len(original) // 2]
    given, computed = NearDuplicates(), NearDuplicates()
    for index in (given, computed):
        index.add("original", original)
    assert given.add("copy", copy, fingerprint=Fingerprint.of(copy)) == computed.add("copy", copy)
    assert given.original == computed.original == {"copy": "original"}


def test_a_copy_is_found_among_many_documents_that_share_a_few_sentences(monkeypatch):
    """Only the candidates sharing the most LSH bands are compared, and the copy is one of them."""
    import numpy as np

    import watchpost.merge.dedup as dedup
    from watchpost.merge.dedup import Fingerprint, band_keys

    original = (REWRITTEN / "original.txt").read_text()
    half = " ".join(original.split()[:100])  # others repeat half of it: LSH candidates, but no copies
    others = [
        f"{half} " + (REWRITTEN / f"unrelated_{t}.txt").read_text() + f" Report number {i}."
        for i in range(30)
        for t in ("election", "flood", "protest")
    ]
    fetched: list[str] = []
    index = NearDuplicates()
    monkeypatch.setattr(index, "text_of", lambda doc_id: fetched.append(doc_id) or index.texts[doc_id])
    monkeypatch.setattr(dedup, "MAX_CANDIDATES", 5)
    for i, text in enumerate(others):
        index.add(f"other{i}", text)
    index.add("original", original)
    fetched.clear()
    copy = (REWRITTEN / "copy_syndicated.txt").read_text()
    assert len(index.shared_bands(band_keys(np.frombuffer(Fingerprint.of(copy).minhash, dtype="<u4")))) > 20
    assert index.add("copy", copy)[0] == "original"
    assert len(fetched) == 5 and "original" in fetched


def test_opposite_sides_taking_a_place_are_two_events():
    def capture(doc_id, actors):
        m = mention(doc_id, actors=actors)
        m.acled = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
        return Report.from_mention(m, Document(doc_id, "", published="2020-02-21"))

    assert not compatible(capture("a", ("rebels", "troops")), capture("b", ("troops", "rebels")))
    assert compatible(capture("a", ("rebels", "troops")), capture("b", ("rebels",)))

    def clash(d, actors):
        return Report.from_mention(mention(d, actors=actors), Document(d, "", published="2020-02-21"))

    assert compatible(
        clash("a", ("rebels", "troops")), clash("b", ("troops", "rebels"))
    )  # one battle, told by each side


def test_a_later_report_does_not_move_the_events_day():
    docs = [
        Document("a", "", published="2020-02-21"),
        Document("b", "", published="2020-02-22"),
        Document("c", "", published="2020-02-23"),
    ]
    events = merge([(docs[0], [mention("a", day="2020-02-20")]), (docs[1], [mention("b", day="2020-02-21")])])
    assert len(events) == 1 and events[0].summary()["date_start"] == "2020-02-20"  # the first report's day
    events = merge(
        [
            (docs[0], [mention("a", day="2020-02-20")]),
            (docs[1], [mention("b", day="2020-02-21")]),
            (docs[2], [mention("c", day="2020-02-21")]),
        ]
    )
    assert events[0].summary()["date_start"] == "2020-02-21"  # unless more sources say otherwise


def test_two_days_apart_are_two_events():
    docs = [Document("a", "", published="2020-02-21"), Document("b", "", published="2020-02-21")]
    assert len(merge([(docs[0], [mention("a", day="2020-02-18")]), (docs[1], [mention("b", day="2020-02-20")])])) == 2


def test_background_mentions_are_not_merged_into_events():
    war = mention("a", killed=230000)
    war.background = True
    events = merge([(Document("a", "", published="2020-02-21"), [mention("a", 1), war])])
    assert len(events) == 1 and events[0].summary()["fatalities"] is None


def test_a_higher_account_a_report_gives_of_its_own_toll_is_the_events_highest_figure():
    from dataclasses import replace

    doc = Document("a", "", published="2020-02-20")
    own = mention("a", killed=10)
    own.quantities = [replace(own.quantities[0], most=30)]  # "But an officer said about 30 had been killed"
    attack = merge([(doc, [own])])[0].summary()
    assert (attack["fatalities"], attack["fatalities_max"], attack["counts_disagree"]) == (10, 30, 1)
