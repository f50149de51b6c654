"""The one pipeline (watchpost.pipeline.Pipeline) with a stand-in extractor on SQLite: what it extracts, what
it skips, what it counts, and how a run builds on what an earlier one stored."""
from __future__ import annotations

from dataclasses import replace

from store_support import RuleExtractor, documents, mention

from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store


class Spy(RuleExtractor):
    """RuleExtractor that remembers which documents it was asked to extract."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract(self, docs):
        self.seen += [d.id for d in docs]
        yield from super().extract(docs)


def test_a_run_stores_every_document_and_counts_what_it_did(tmp_path):
    batches = []
    with Store.open(str(tmp_path / "w.db")) as store:
        stats = Pipeline(store, RuleExtractor(), batch_size=4).run(documents(10), lambda s, n: batches.append(n))
        counts = store.counts()
    assert batches == [4, 4, 2]
    assert (stats.documents, stats.mentions, stats.duplicates) == (10, 10, 0)
    assert stats.events_new == counts["events"] > 0
    assert counts["documents"] == counts["mentions"] == 10 and counts["stories"] >= 1


def test_only_new_documents_reach_the_extractor(tmp_path):
    docs = documents(6)
    spy = Spy()
    with Store.open(str(tmp_path / "w.db")) as store:
        Pipeline(store, RuleExtractor()).run(docs[:3])
        stats = Pipeline(store, spy, batch_size=10).run([*docs, docs[4]])  # three stored, one twice in the batch
    assert sorted(spy.seen) == [d.id for d in docs[3:]]
    assert stats.skipped["already stored"] == 4 and stats.documents == 3


LONG = ("Rebels attack troops near Saraqib. 4 killed. The fighting began before dawn on the road north of the town, "
        "residents said, and went on until the afternoon, when the troops withdrew towards the south.")


def test_within_a_batch_the_earlier_published_report_is_the_original(tmp_path):
    text = LONG
    later = Document(id="later", published="2020-03-09", text=text)
    earlier = Document(id="earlier", published="2020-03-01", text=text + " Updated.")
    with Store.open(str(tmp_path / "w.db")) as store:
        stats = Pipeline(store, RuleExtractor()).run([later, earlier])
        rows = {r["id"]: r["duplicate_of"] for r in store.rows("SELECT id, duplicate_of FROM documents")}
    assert stats.duplicates == 1
    assert rows == {"earlier": None, "later": "earlier"}


def test_background_mentions_are_never_stored(tmp_path):
    class WithBackground(RuleExtractor):
        def extract(self, docs):
            for doc, found in super().extract(docs):
                told = replace(mention(doc.id, len(found), sentence="The war has killed thousands."), background=True)
                yield doc, [*found, told]

    with Store.open(str(tmp_path / "w.db")) as store:
        stats = Pipeline(store, WithBackground()).run(documents(3))
        counts = store.counts()
    assert stats.mentions == counts["mentions"] == 3


def test_a_pipeline_made_before_another_run_builds_on_what_that_run_stored(tmp_path):
    original = Document(id="original", published="2020-03-01", text=LONG)
    copy = Document(id="copy", published="2020-03-02", text="Syria: " + LONG)
    with Store.open(str(tmp_path / "w.db")) as store:
        waiting = Pipeline(store, RuleExtractor())
        first = Pipeline(store, RuleExtractor()).run([original])
        second = waiting.run([copy])  # made before `first` stored anything: it must look again
        counts = store.counts()
    assert (first.events_new, first.duplicates) == (1, 0)
    assert (second.documents, second.duplicates, second.events_new) == (1, 1, 0)  # the copy joins the event
    assert counts["documents"] == 2 and counts["events"] == 1
