"""Storing what the pipeline (watchpost.pipeline) produced: one batch of documents, their
near-copy signatures, mentions and the events they created or joined, in one transaction; and
the story assignments of a whole-store clustering."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..model import Document, Event, Mention, Report

if TYPE_CHECKING:
    from . import Store


def write_batch(store: Store, docs: Iterable[Document], signatures: dict[str, bytes], events: Iterable[Event],
                pairs: list[tuple[Report, Mention]], event_of: dict[str, str],
                background: Iterable[Mention] = ()) -> None:
    """New documents with their MinHash signatures, the events they touched, their mentions (each
    linked to its event id) and their background mentions (no event's), committed together."""
    with store.transaction():
        store.add_documents(docs, signatures)
        store.save_events(events)
        store.add_mentions(pairs, event_of)
        store.add_background(background)


def write_stories(store: Store, story_of: dict[str, str]) -> None:
    """Replace every story assignment, in one transaction."""
    with store.transaction():
        store.set_stories(story_of)


def ingest_mark(store: Store) -> tuple[int, int]:
    """Rows that ingest adds (documents, mentions): when they changed, another ingest wrote since
    this one looked."""
    row = store.rows("SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM mentions) AS m")[0]
    return row["d"], row["m"]
