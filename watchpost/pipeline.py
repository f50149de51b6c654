"""The one pipeline: read → clean → parse → extract → merge → store → stories.

`watchpost ingest`, the API's POST /documents, feeds and the Dask path (watchpost.scale) all
run documents through `Pipeline`: reading (watchpost.read, feeds remembered in the store's
feed state), cleaning, parsing and extracting (watchpost.extract.Extractor, or the mentions
Dask workers already found), near-copy detection and event merging (watchpost.merge), then
storing (watchpost.store.ingest) and story clustering.

Documents go through in batches; each batch (its new documents, their near-copy links,
mentions and the events they create or join) is written in one transaction, so a killed
run loses at most the batch in flight and a rerun skips what is stored and resumes.
Stories are re-clustered over the whole store at the end.

Nothing is read up front: near copies are looked up in the store's LSH band table and events
in its merge-region table as each document needs them (StoredCopies, EventMerger's loader),
so start-up and memory do not grow with the store; the rows stored are those an ingester
holding every stored event and signature in memory stores.
"""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Protocol

from .config import BATCH_DOCS, STORE_BATCH_CHARS
from .merge.dedup import NearDuplicates, earliest
from .merge.events import CAPACITY, EventMerger
from .merge.stories import cluster
from .model import Document, Mention, Report
from .read import batches
from .read.feeds import FeedState
from .store import Store, report_order
from .store.ingest import ingest_mark, write_batch, write_stories

if TYPE_CHECKING:
    from .extract import Extractor


class Extracts(Protocol):
    """What the pipeline extracts with: an Extractor, or scale.Precomputed for documents that
    Dask workers have already extracted. One that has a `stream()` context (Extractor.stream) runs
    a whole ingest inside it."""

    def extract(self, docs: list[Document]) -> Iterable[tuple[Document, list[Mention]]]: ...


@dataclass
class IngestStats:
    """What one run did; `skipped` counts documents not stored, by reason."""

    documents: int = 0
    mentions: int = 0
    events_new: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


class StoredCopies(NearDuplicates):
    """Near copies among stored documents too, found through the store (signature_bands): only
    the batch not yet stored is held in memory, and the arrival number of each document added
    since this index was made.

    Earliness is that of an index filled with every stored signature first: the documents
    stored before come first, in the order ingest stored them (ingested_at, id), then those
    added through this index in arrival order. Documents already stored are the caller's to skip.
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.arrived: dict[str, int] = {}  # document stored since -> its arrival number

    def shared_bands(self, keys: list[bytes]) -> Counter[str]:
        return super().shared_bands(keys) + self.store.band_documents(keys)

    def text_of(self, doc_id: str) -> str:
        return self.texts[doc_id] if doc_id in self.texts else self.store.text(doc_id)

    def earliest(self, hits: list[str]) -> str | None:
        rank = {h: (self.rank[h][0], 1, self.rank[h][1]) for h in hits if h in self.rank}
        original = dict(self.original)
        stored = [h for h in hits if h not in self.rank]
        for position, row in enumerate(self.store.ingest_order(stored) if stored else ()):
            doc_id, published = row["id"], row["published"] or "9999"
            arrived = self.arrived.get(doc_id)
            rank[doc_id] = (published, 0, position) if arrived is None else (published, 1, arrived)
            if row["duplicate_of"]:
                original[doc_id] = row["duplicate_of"]
        return earliest(hits, rank, original)

    def stored(self) -> None:
        """The batch is in the store: look its documents up there from now on."""
        self.arrived.update((doc_id, arrival) for doc_id, (_, arrival) in self.rank.items())
        self.bands, self.texts, self.rank, self.original = {}, {}, {}, {}


class Pipeline:
    """Loads documents into a store, resuming from what it already holds.

    `extractor`: an Extractor (made on first use when None) or scale.Precomputed; `capacity`:
    events the merger keeps in memory between batches (EventMerger.trim)."""

    def __init__(
        self,
        store: Store,
        extractor: Extracts | None = None,
        batch_size: int = BATCH_DOCS,
        on_wait: Callable[[], None] | None = None,
        capacity: int = CAPACITY,
        feeds: FeedState | None = None,
    ):
        self.store, self.batch_size, self.capacity = store, batch_size, capacity
        self.extractor = extractor if extractor is not None else default_extractor()
        self.on_wait = on_wait or (
            lambda: print(
                f"another ingest is writing to {store.path or 'the database'}: waiting for it to finish",
                file=sys.stderr,
                flush=True,
            )
        )
        self.feeds = feeds if feeds is not None else FeedState(store)  # what the reader claimed: saved once stored
        self.load()
        self.stats = IngestStats()

    def load(self) -> None:
        """Start on what the store holds, reading none of it yet (near copies and events are
        looked up there as documents need them)."""
        self.copies = StoredCopies(self.store)
        self.merger = EventMerger(load=self.store.region_events, capacity=self.capacity)
        self.loaded = ingest_mark(self.store)

    def run(self, docs: Iterable[Document], progress: Callable[[IngestStats, int], None] | None = None) -> IngestStats:
        """Ingest every document, calling progress(stats, batch length) after each batch. One run
        at a time per database (Store.ingest_lock): a second waits, then builds on the first."""
        with self.store.ingest_lock(self.on_wait):
            self.store.fill_lookups()
            if ingest_mark(self.store) != self.loaded:
                self.load()
            with getattr(self.extractor, "stream", nullcontext)():
                for batch in batches(docs, self.batch_size, STORE_BATCH_CHARS):
                    self.add_batch(batch)
                    if progress:
                        progress(self.stats, len(batch))
            self.restory()
            self.store.optimize()
        if self.feeds.claimed:
            self.feeds.save()
        return self.stats

    def add_batch(self, batch: list[Document]) -> None:
        known = self.store.known_documents(d.id for d in batch)
        fresh: dict[str, Document] = {}
        for doc in batch:
            if doc.id in known or doc.id in fresh:
                self.stats.skipped["already stored"] += 1
            else:
                fresh[doc.id] = doc
        fresh = {d.id: d for d in sorted(fresh.values(), key=lambda d: d.published or "9999")}  # originals first
        signatures = {}
        for doc in fresh.values():  # a parallel ingest's documents bring their fingerprint (watchpost.scale)
            doc.duplicate_of, signatures[doc.id] = self.copies.add(doc.id, doc.text, doc.published, doc.fingerprint)
            self.stats.duplicates += doc.duplicate_of is not None
        pairs, event_of, touched, background = [], {}, {}, []
        for doc, mentions in self.extractor.extract(list(fresh.values())):
            for mention in mentions:
                if mention.background:  # a war's toll or history: kept with its document, never an event nor a fatality
                    background.append(mention)
                    continue
                report = Report.from_mention(mention, doc)
                event = self.merger.add(report)
                self.stats.events_new += len(event.reports) == 1
                event_of[report.id] = event.id
                touched[event.id] = event
                pairs.append((report, mention))
        for event in touched.values():  # the order a later run loads them in (Store.region_events): ties in the
            event.reports.sort(key=report_order)  # summary then break the same way, killed and resumed or not
        write_batch(self.store, fresh.values(), signatures, touched.values(), pairs, event_of, background)
        self.copies.stored()
        self.merger.trim()
        self.stats.documents += len(fresh)
        self.stats.mentions += len(pairs)

    def restory(self) -> None:
        """Cluster every stored document into stories again (a whole-store pass over streamed texts)."""
        write_stories(self.store, cluster(self.store.story_documents()))


def default_extractor() -> Extractor:
    """An Extractor (spaCy and the gazetteer load here, once per pipeline)."""
    from .extract import Extractor

    return Extractor()
