"""The ingester reads the store on demand: the rows it stores do not depend on how the input is
split into runs, on how few events it may hold, or on the store having been written before its
lookup tables (signature_bands, event_regions) existed; and it reads nothing at start-up."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from datasketch import MinHashLSH
from store_support import mention
from test_crash import corpus
from test_merge import rewritten_docs

from watchpost.extract import Extractor
from watchpost.merge.dedup import LSH_THRESHOLD, NUM_PERM, band_keys, signature
from watchpost.merge.events import regions
from watchpost.merge.stories import annotate
from watchpost.merge.text import shingles
from watchpost.model import Document, Report
from watchpost.pipeline import Pipeline
from watchpost.store import NO_DAYS, Store

ARTICLES = Path(__file__).parent / "data" / "extract" / "articles"
BATCH = 4


@pytest.fixture(scope="module")
def reports() -> tuple[list[Document], dict[str, list]]:
    """Short reports with near copies and repeated events (test_crash's corpus), one report
    rewritten ten ways, and articles without a publication date (some with no date at all),
    in a fixed shuffled order, with what the real extractor finds in each."""
    docs = [Document(id=d["id"], text=d["text"], published=d["published"], source=d["source"]) for d in corpus()]
    docs += rewritten_docs()
    docs += [Document(id=path.stem, text=path.read_text()) for path in sorted(ARTICLES.glob("*.txt"))]
    random.Random(3).shuffle(docs)
    return docs, {doc.id: mentions for doc, mentions in Extractor().extract([dataclasses.replace(d) for d in docs])}


class Replay:
    """What the real extractor found, given back without parsing again."""

    def __init__(self, extracted: dict[str, list]):
        self.extracted = extracted

    def extract(self, docs):
        for doc in docs:
            yield doc, self.extracted.get(doc.id, [])


@pytest.fixture
def another(db_target, request, tmp_path):
    """Makes fresh database addresses on db_target's engine."""
    names = iter(range(100))

    def make() -> str:
        if db_target.startswith("postgresql"):
            return request.getfixturevalue("postgres_server")()
        return str(tmp_path / f"other{next(names)}.db")

    return make


def runs(docs: list[Document], n: int) -> list[list[Document]]:
    """The documents in n runs of whole batches (fresh copies: ingest sets duplicate_of)."""
    size = -(-len(docs) // n // BATCH) * BATCH
    return [[dataclasses.replace(d) for d in docs[i : i + size]] for i in range(0, len(docs), size)]


def snapshot(target: str) -> dict[str, list]:
    """What merging and near copies decide: events, each mention's event, each document's
    original, and the lookup tables."""
    queries = {
        "events": "SELECT * FROM events",
        "mentions": "SELECT id, event_id FROM mentions",
        "documents": "SELECT id, duplicate_of FROM documents",
        "event_regions": "SELECT * FROM event_regions",
        "signature_bands": "SELECT band, doc_id FROM signature_bands",
    }
    with Store.open(target) as store:
        return {
            name: sorted(
                (tuple(bytes(v) if isinstance(v, memoryview) else v for v in r.values()) for r in store.rows(sql)),
                key=repr,
            )
            for name, sql in queries.items()
        }


def drop_lookup_tables(store: Store) -> None:
    """Leave the store as an older Watchpost did: without signature_bands and event_regions."""
    store.execute("DROP TABLE signature_bands")
    store.execute("DROP TABLE event_regions")


def test_runs_and_capacity_do_not_change_the_rows(reports, db_target, another):
    """One run, three runs, five runs of which two by an ingester that another one wrote
    between, a merger that may hold a single event, and three runs of which the first left a
    store without the lookup tables (as an older Watchpost did): the same rows."""
    docs, extracted = reports
    targets = [db_target, another(), another(), another(), another()]
    with Store.open(targets[0]) as store:
        Pipeline(store, Replay(extracted), batch_size=BATCH).run([dataclasses.replace(d) for d in docs])
    for part in runs(docs, 3):
        with Store.open(targets[1]) as store:
            Pipeline(store, Replay(extracted), batch_size=BATCH).run(part)
    with Store.open(targets[2]) as store, Store.open(targets[2]) as other:
        mine = Pipeline(store, Replay(extracted), batch_size=BATCH)
        for k, part in enumerate(runs(docs, 5)):
            (mine if k % 2 == 0 else Pipeline(other, Replay(extracted), batch_size=BATCH)).run(part)
    with Store.open(targets[3]) as store:
        tiny = Pipeline(store, Replay(extracted), batch_size=BATCH, capacity=1)
        tiny.run([dataclasses.replace(d) for d in docs])
        assert len(tiny.merger.events()) <= 1
    for k, part in enumerate(runs(docs, 3)):
        with Store.open(targets[4]) as store:
            Pipeline(store, Replay(extracted), batch_size=BATCH).run(part)
            if k == 0:
                drop_lookup_tables(store)
    one = snapshot(targets[0])
    assert len(one["events"]) > 100 and sum(d[1] is not None for d in one["documents"]) >= 20
    assert any(r[2] == NO_DAYS for r in one["event_regions"])  # reports without days were merged too
    for target in targets[1:]:
        assert snapshot(target) == one


def test_start_up_reads_nothing_and_a_document_reads_its_regions(reports, tmp_path):
    docs, extracted = reports
    db = str(tmp_path / "w.db")
    with Store.open(db) as store:
        Pipeline(store, Replay(extracted), batch_size=BATCH).run([dataclasses.replace(d) for d in docs])
        loaded: list[str] = []
        region_events = store.region_events
        store.region_events = lambda *args: [loaded.append(e.id) or e for e in region_events(*args)]
        new = mention("new", place="Saraqib", day="2021-03-05")
        ingester = Pipeline(store, Replay({"new": [new]}))
        assert ingester.merger.events() == [] and not ingester.copies.rank and not loaded
        doc = Document(id="new", text="Rebels attack troops near Saraqib.", published="2021-03-05")
        wanted = [*(b for _, _, b in regions(Report.from_mention(new, doc))), NO_DAYS]
        in_regions = {
            r["event_id"]
            for r in store.rows(
                "SELECT event_id FROM event_regions WHERE family = 'violence' AND status_class = 'real' "
                f"AND bucket IN ({','.join('?' * len(wanted))})",
                wanted,
            )
        }
        ingester.run([doc])
        assert set(loaded) == in_regions and 0 < len(loaded) < store.counts()["events"] / 2


class NoMentions:
    def extract(self, docs):
        return ((doc, []) for doc in docs)


def test_near_copies_across_runs_and_on_a_store_from_before_the_band_table(db_target, another):
    """The rewrites, stored a run after the original, are its copies as in one in-memory index;
    on a store written before signature_bands existed the first run fills it, and alike."""
    docs = rewritten_docs()
    first = [d for d in docs if d.id in ("original", "unrelated_flood")]
    later = [d for d in docs if d not in first]
    expected = [dataclasses.replace(d) for d in docs]
    annotate(expected)
    targets = [db_target, another()]
    for target in targets:
        with Store.open(target) as store:
            Pipeline(store, NoMentions(), batch_size=BATCH).run([dataclasses.replace(d) for d in first])
            if target == targets[1]:
                drop_lookup_tables(store)
        with Store.open(target) as store:
            Pipeline(store, NoMentions(), batch_size=BATCH).run([dataclasses.replace(d) for d in later])
    assert snapshot(targets[0])["documents"] == sorted(((d.id, d.duplicate_of) for d in expected), key=repr)
    assert sum(d.duplicate_of == "original" for d in expected) == 9
    assert snapshot(targets[1]) == snapshot(targets[0])


def test_band_keys_give_the_candidates_of_datasketch(reports):
    docs, _ = reports
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    by_key: dict[bytes, set[str]] = {}
    for doc in docs:
        sig = signature(shingles(doc.text))
        keys = band_keys(sig.hashvalues)
        assert {d for k in keys for d in by_key.get(k, ())} == set(lsh.query(sig))
        lsh.insert(doc.id, sig)
        for k in keys:
            by_key.setdefault(k, set()).add(doc.id)
    assert sum(len(v) > 1 for v in by_key.values()) > 10


@pytest.mark.parametrize(
    "split, expected",
    [
        ([["zz", "aa", "z"]], "zz"),  # one run: the earlier of two equally dated originals in arrival order
        ([["zz", "aa"], ["z"]], "aa"),  # a later run: stored ones in the order stored (one batch: by id)
        ([["zz"], ["aa", "z"]], "zz"),  # stored ones before this run's
    ],
)
def test_the_earliest_of_equally_dated_originals_is_the_one_an_index_of_every_signature_names(
    split, expected, tmp_path
):
    """z copies both zz and aa (published the same day): which one it names is what the ingester
    that held every stored signature in memory named."""
    flood, election = (
        Path(__file__).parent / "data" / "rewritten" / f"unrelated_{name}.txt" for name in ("flood", "election")
    )
    texts = {"zz": flood.read_text(), "aa": election.read_text()}
    texts["z"] = texts["zz"] + "\n" + texts["aa"]
    with Store.open(tmp_path / "w.db") as store:
        for ids in split:
            Pipeline(store, NoMentions(), batch_size=2).run(
                [Document(id=i, text=texts[i], published="2020-03-01") for i in ids]
            )
        assert store.document("z")["duplicate_of"] == expected
