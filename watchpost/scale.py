"""Parallel ingest on dask.distributed: extraction on workers, merging in one place.

The client streams the input in chunks to the workers, keeping only a few chunks per worker
in flight. Each worker loads the Extractor once (a worker plugin) and writes one Parquet
partition per chunk: `documents/part-N.parquet` (with each new document's MinHash fingerprint,
so the client only compares shingles of near-copy candidates) and `mentions/part-N.parquet`. The client
reads finished partitions back in input order and hands them to the one pipeline (`watchpost.pipeline.Pipeline`),
so near-copy detection, event merging, batching and idempotency are those of a plain
`watchpost ingest`: the store ends up with the same rows whatever the number of workers.

A LocalCluster (processes, one thread each) serves `--workers N`; `--scheduler ADDRESS`
joins a running cluster, whose workers must have Watchpost installed and see the
partition folder.
"""
from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from collections import deque
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from .merge.dedup import Fingerprint
from .model import Actor, DateSpan, Dispute, Document, Mention, Place, Quantity, flat
from .pipeline import IngestStats, Pipeline
from .read import batches
from .read.feeds import FeedState
from .store import Store

CHUNK_DOCS = 64  # documents per task (two nlp.pipe batches of the Extractor)
IN_FLIGHT_PER_WORKER = 3  # chunks submitted but not yet merged, per worker: bounds memory
DOCUMENT_FIELDS = [f.name for f in fields(Document) if f.name != "fingerprint"]  # the text columns of a partition
MENTION_SCHEMA = pa.schema([("doc_id", pa.string()), ("idx", pa.int32()), ("type", pa.string()), ("status", pa.string()),
                            ("start", pa.int64()), ("end", pa.int64()), ("mention", pa.string())])
DOCUMENT_SCHEMA = pa.schema([(name, pa.string()) for name in DOCUMENT_FIELDS]
                            + [("extracted", pa.bool_()), ("error", pa.string()), ("minhash", pa.binary()),
                               ("shingles", pa.int32())])


@dataclass
class ExtractedDocument(Document):
    """A document read back from a partition with the mentions a worker found in it (and, as
    Document.fingerprint, the fingerprint it computed: None for a document already stored)."""

    mentions: list[Mention] = field(default_factory=list)
    error: str | None = None


class Precomputed:
    """The pipeline's extractor for documents that workers have already extracted."""

    def extract(self, docs: Iterable[ExtractedDocument]) -> Iterator[tuple[Document, list[Mention]]]:
        for doc in docs:
            if doc.error:
                print(f"error in {doc.origin or doc.id}: {doc.error}; no events extracted", file=sys.stderr)
            yield doc, doc.mentions


# -- on the workers ------------------------------------------------------------------------
@lru_cache(maxsize=1)
def worker_extractor() -> Any:
    """The process's Extractor: models load once per worker."""
    from .extract import Extractor

    return Extractor()


class LoadExtractor(WorkerPlugin):
    """Loads the Extractor when a worker starts, before it takes tasks, and stops the worker's
    statistical profiler: its history of call stacks (sampled every 10 ms, kept for an hour)
    grew a worker by ~25 MB per 1,000 documents (benchmarks/RESULTS.md, "Worker memory")."""

    name = "watchpost-extractor"

    def setup(self, worker: Any) -> None:
        for key in ("profile", "profile-cycle"):
            callback = worker.periodic_callbacks.pop(key, None)
            if callback is not None:
                callback.stop()
        worker.profile_history.clear()
        worker.profile_keys_history.clear()
        worker_extractor()


def mention_to_json(m: Mention) -> str:
    return json.dumps(asdict(m), ensure_ascii=False)


def mention_from_json(text: str) -> Mention:
    """The exact Mention that `mention_to_json` wrote."""
    data = json.loads(text)
    for key, cls in (("actor1", Actor), ("actor2", Actor), ("according_to", Actor), ("location", Place), ("date", DateSpan)):
        if data.get(key) is not None:
            data[key] = cls(**data[key])
    data["quantities"] = [Quantity(**q) for q in data["quantities"]]
    data["disputed_by"] = [Dispute(**{**d, "by": Actor(**d["by"])}) for d in data.get("disputed_by", [])]
    return Mention(**data)


def extract_partition(docs: list[dict[str, Any]], skip: set[str], folder: str, name: str) -> str:
    """Extract a chunk (but the ids in `skip`, already stored) and write its partition; returns `name`."""
    errors: dict[str, str] = {}
    todo = [Document(**d) for d in docs if d["id"] not in skip]
    found = worker_extractor().extract(todo, on_error=lambda doc, exc: errors.setdefault(doc.id, f"{type(exc).__name__}: {exc}"))
    mentions = [m for _doc, ms in found for m in ms]
    base = Path(folder)
    prints = {d.id: Fingerprint.of(d.text) for d in todo}
    pq.write_table(pa.Table.from_pylist(
        [{**d, "extracted": d["id"] not in skip, "error": errors.get(d["id"]),
          **(asdict(prints[d["id"]]) if d["id"] in prints else {})} for d in docs], DOCUMENT_SCHEMA),
        base / "documents" / name)
    pq.write_table(pa.Table.from_pylist(
        [{"doc_id": m.doc_id, "idx": m.index, "type": m.type, "status": m.status, "start": m.start, "end": m.end,
          "mention": mention_to_json(m)} for m in mentions], MENTION_SCHEMA),
        base / "mentions" / name)
    return name


# -- on the client ---------------------------------------------------------------------------
def read_partition(folder: Path, name: str) -> list[ExtractedDocument]:
    """A partition's documents, in input order, each with its mentions."""
    by_doc: dict[str, list[Mention]] = {}
    for text in pq.ParquetFile(folder / "mentions" / name).read(columns=["mention"]).column("mention").to_pylist():
        m = mention_from_json(text)
        by_doc.setdefault(m.doc_id, []).append(m)
    out = []
    for row in pq.ParquetFile(folder / "documents" / name).read().to_pylist():  # ParquetFile: 1/5 of read_table's CPU on a small file
        doc = ExtractedDocument(**{k: row[k] for k in DOCUMENT_FIELDS}, error=row["error"],
                        fingerprint=Fingerprint(row["minhash"], row["shingles"]) if row["minhash"] else None)
        doc.mentions = by_doc.get(doc.id, []) if row["extracted"] else []
        out.append(doc)
    return out


def extracted_stream(client: Client, store: Store, docs: Iterable[Document], folder: Path, keep: bool) -> Iterator[ExtractedDocument]:
    """Submit chunks to the cluster and yield their extracted documents in input order.

    At most IN_FLIGHT_PER_WORKER chunks per worker are pending, so memory on the client and
    on the workers stays bounded whatever the input size.
    """
    limit = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
    pending: deque = deque()

    def finished() -> list[ExtractedDocument]:
        name = pending.popleft().result()
        out = read_partition(folder, name)
        if not keep:
            for table in ("documents", "mentions"):
                (folder / table / name).unlink()
        return out

    for seq, chunk in enumerate(batches(docs, CHUNK_DOCS)):
        known = store.known_documents(d.id for d in chunk)
        name = f"part-{seq:08d}.parquet"
        pending.append(client.submit(extract_partition, [flat(d, skip="fingerprint") for d in chunk], known, str(folder), name,
                                     pure=False))
        if len(pending) >= limit:
            yield from finished()
    while pending:
        yield from finished()


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, else of a LocalCluster of `workers` one-thread processes;
    every worker has its Extractor loaded."""
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        client.register_plugin(LoadExtractor())
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def parallel_ingest(store: Store, docs: Iterable[Document], client: Client, batch_size: int,
                    partitions: str | Path | None = None,
                    progress: Callable[[IngestStats, int], None] | None = None, feeds: FeedState | None = None) -> IngestStats:
    """Ingest through the cluster and the one pipeline (watchpost.pipeline), its extraction done by
    the workers; partitions go to `partitions` (kept) or a temporary folder (removed). `feeds`:
    the feed items the reader of `docs` claimed, saved once stored."""
    folder = Path(partitions) if partitions else Path(tempfile.mkdtemp(prefix="watchpost-parts-"))
    for table in ("documents", "mentions"):
        (folder / table).mkdir(parents=True, exist_ok=True)
    try:
        stream = extracted_stream(client, store, docs, folder.resolve(), keep=partitions is not None)
        return Pipeline(store, Precomputed(), batch_size=batch_size, feeds=feeds).run(stream, progress)
    finally:
        if partitions is None:
            shutil.rmtree(folder, ignore_errors=True)
