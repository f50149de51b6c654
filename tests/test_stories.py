"""Story clusters on a handful of reports (watchpost.merge.stories): reports of one happening in different
words share a story, named after the earliest; another happening, or the same words too far apart in time,
is another story; near copies follow their original. Reports written for this test; the large-scale
equivalence with one dense linkage is tests/test_stories_scale.py's."""
from __future__ import annotations

from watchpost.merge.stories import WINDOW_DAYS, annotate, cluster, features
from watchpost.model import Document

KADUGLI = [
    ("k1", "2025-03-02", "Fighting near Kadugli: the Sudanese army and SPLM-N fighters clashed near Kadugli in South "
                         "Kordofan on Saturday, and residents fled towards Dilling as shells hit the Kadugli market."),
    ("k2", "2025-03-01", "SPLM-N rebels attacked army positions outside Kadugli, South Kordofan, on Saturday; "
                         "shells fell on the Kadugli market and families fled north to Dilling, residents said."),
    ("k3", "2025-03-03", "Residents of Kadugli in South Kordofan described a night of shelling after SPLM-N "
                         "fighters and the Sudanese army clashed; many walked to Dilling, the market burned."),
]
FREETOWN = [
    ("f1", "2025-03-02", "Teachers in Freetown, Sierra Leone, ended a month-long strike after parliament voted "
                         "to raise their minimum wage; schools across Sierra Leone reopen on Monday."),
    ("f2", "2025-03-04", "Sierra Leone's parliament in Freetown raised teachers' minimum wage, ending the strike "
                         "that closed schools; the teachers' union said classes resume on Monday."),
]


def docs(rows) -> list[Document]:
    return [Document(id=i, published=p, text=t) for i, p, t in rows]


def test_one_happening_is_one_story_named_after_its_earliest_report():
    story = cluster(docs(KADUGLI + FREETOWN))
    assert {story[i] for i, _, _ in KADUGLI} == {"k2"}  # k2 was published first
    assert {story[i] for i, _, _ in FREETOWN} == {"f1"}


def test_the_same_words_beyond_the_window_are_another_story():
    late = ("k9", "2025-06-30", KADUGLI[0][2])
    assert (dt_days("2025-03-01", "2025-06-30")) > WINDOW_DAYS
    story = cluster(docs(KADUGLI + FREETOWN + [late]))
    assert story["k9"] == "k9" and story["k1"] == "k2"


def test_undated_reports_and_ties_take_the_smallest_id():
    undated = [Document(id="b", text=KADUGLI[0][2]), Document(id="a", text=KADUGLI[1][2])]
    story = cluster([*undated, *docs(FREETOWN)])  # (two documents alone share no word that TF-IDF weighs)
    assert (story["a"], story["b"]) == ("a", "a")


def test_a_copy_follows_its_originals_story_without_being_clustered():
    rows = docs(KADUGLI[:2] + FREETOWN[:1])
    copy = Document(id="copy", published="2025-03-09", text="Unrelated words entirely about a football match.",
                    duplicate_of="k1")
    story = cluster([*rows, copy])
    assert story["copy"] == story["k1"] == "k2"
    assert cluster([]) == {} and cluster(docs(FREETOWN[:1])) == {"f1": "f1"}


def test_annotate_finds_copies_then_stories():
    rows = docs(KADUGLI + FREETOWN)
    syndicated = Document(id="wire", published="2025-03-05", text="(Reuters) - " + KADUGLI[0][2])
    annotate([*rows, syndicated])
    assert syndicated.duplicate_of == "k1" and syndicated.story_id == "k2"
    assert all(d.duplicate_of is None for d in rows)
    assert [d.story_id for d in rows] == ["k2", "k2", "k2", "f1", "f1"]


def test_names_weigh_more_than_words():
    bag = features("Shelling hit Kadugli; shelling went on.")
    assert bag["w:shell"] == 2 and bag["n:kadugli"] == 1.5
    assert "n:shelling" in bag and "w:on" not in bag  # a capitalised sentence start counts as a name; stop words go


def dt_days(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
