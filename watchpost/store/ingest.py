"""Ingest: documents in, stored documents, mentions, merged events and stories out.

Documents go through in batches; each batch (its new documents, their near-copy links,
mentions and the events they create or join) is written in one transaction, so a killed
run loses at most the batch in flight and a rerun skips what is stored and resumes.
Stories are re-clustered over the whole store at the end.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..merge.dedup import NearDuplicates, from_bytes, to_bytes
from ..merge.events import EventMerger, Report
from ..merge.stories import cluster
from ..model import Document
from ..read import batches
from . import Store, report_order

BATCH_SIZE = 32
BATCH_CHARS = 1_000_000  # text per batch at most: a batch is parsed at once, ~0.5 GB per million characters


@dataclass
class IngestStats:
    """What one run did; `skipped` counts documents not stored, by reason."""

    documents: int = 0
    mentions: int = 0
    events_new: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


class Ingester:
    """Loads documents into a store, resuming from what it already holds."""

    def __init__(self, store: Store, extractor: Any = None, batch_size: int = BATCH_SIZE,
                 on_wait: Callable[[], None] | None = None):
        if extractor is None:
            from ..extract import Extractor

            extractor = Extractor()
        self.store, self.extractor, self.batch_size = store, extractor, batch_size
        self.on_wait = on_wait or (lambda: print(f"another ingest is writing to {store.path or 'the database'}: "
                                                 "waiting for it to finish", file=sys.stderr, flush=True))
        self.load()
        self.stats = IngestStats()

    def load(self) -> None:
        """What the store holds that ingest builds on: near-copy signatures and events."""
        store = self.store
        self.pending: dict[str, str] = {}  # texts of the batch being written
        self.copies = NearDuplicates(text_of=lambda i: self.pending.get(i) or store.text(i))
        for row in store.signatures():
            self.copies.index(row["doc_id"], from_bytes(bytes(row["minhash"])), row["published"], row["duplicate_of"])
        self.merger = EventMerger(store.load_events())
        self.loaded = self.store_mark()

    def store_mark(self) -> tuple[int, int]:
        """Rows that ingest adds: when they changed, another ingest wrote since load()."""
        row = self.store.rows("SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM mentions) AS m")[0]
        return row["d"], row["m"]

    def run(self, docs: Iterable[Document], progress: Callable[[IngestStats, int], None] | None = None) -> IngestStats:
        """Ingest every document, calling progress(stats, batch length) after each batch. One run
        at a time per database (Store.ingest_lock): a second waits, then builds on the first."""
        with self.store.ingest_lock(self.on_wait):
            if self.store_mark() != self.loaded:
                self.load()
            for batch in batches(docs, self.batch_size, BATCH_CHARS):
                self.add_batch(batch)
                if progress:
                    progress(self.stats, len(batch))
            self.restory()
            self.store.optimize()
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
        for doc in fresh.values():
            self.pending[doc.id] = doc.text
            doc.duplicate_of, sig = self.copies.add(doc.id, doc.text, doc.published)
            signatures[doc.id] = to_bytes(sig)
            self.stats.duplicates += doc.duplicate_of is not None
        pairs, event_of, touched = [], {}, {}
        for doc, mentions in self.extractor.extract(list(fresh.values())):
            for mention in mentions:
                report = Report.from_mention(mention, doc)
                event = self.merger.add(report)
                self.stats.events_new += len(event.reports) == 1
                event_of[report.id] = event.id
                touched[event.id] = event
                pairs.append((report, mention))
        for event in touched.values():  # the order a later run loads them in (Store.load_events): ties in the
            event.reports.sort(key=report_order)  # summary then break the same way, killed and resumed or not
        with self.store.transaction():
            self.store.add_documents(fresh.values(), signatures)
            self.store.save_events(touched.values())
            self.store.add_mentions(pairs, event_of)
        self.pending.clear()
        self.stats.documents += len(fresh)
        self.stats.mentions += len(pairs)

    def restory(self) -> None:
        """Cluster every stored document into stories again (a whole-store pass over streamed texts)."""
        story_of = cluster(self.store.story_documents())
        with self.store.transaction():
            self.store.set_stories(story_of)
