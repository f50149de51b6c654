"""Story clusters: documents about the same happening share a story id.

Each document becomes a TF-IDF vector over its content words plus its capitalised names
(a cheap stand-in for named entities: people, places, groups), weighted higher because two
similar happenings (two earthquakes, two rehab stays) differ mostly in who and where.
Average-link agglomerative clustering over cosine distance then cuts the tree at a fixed
distance; documents published more than WINDOW_DAYS apart are never linked directly.
Near copies join their original's story. A story's id is the id of its earliest document.

Scale: two groups with no pair within CUT between them have an average distance above CUT,
so average link never merges them. Documents are therefore first split into the connected
components of the graph of pairs within CUT, found block by block over the documents in date
order (each against those within WINDOW_DAYS only; undated ones against all), and each
component is clustered on its own. That gives the clusters of one linkage over all documents
(but for the order in which exact ties in distance merge, arbitrary either way) in memory
linear in documents and close pairs, plus the largest component's condensed matrix. A
component of more than MAX_COMPONENT documents (none on the ECB+ gold set; the largest of
100,000 benchmark articles has 43) is split first, by tightening the pair cut inside it until
every piece fits: only there do the clusters differ from one linkage over everything.
"""
from __future__ import annotations

import datetime as dt
import math
from array import array
from collections import Counter
from typing import Iterable, Iterator

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix, diags
from scipy.sparse.csgraph import connected_components

from ..model import Document
from .text import content_words, names

NAME_WEIGHT = 1.5  # a name counts this much more than a content word
CUT = 0.78  # average-link cosine distance at which clusters stop merging
WINDOW_DAYS = 45  # published further apart than this: not the same happening
MIN_DF_DOCS = 100  # from this many documents on, features seen once are dropped
SLACK = 1e-9  # pairs this far above CUT still join a component, so float rounding of averages cannot merge across
MAX_COMPONENT = 10_000  # documents clustered at once at most: linkage holds their 8-byte pair distances twice (0.8 GB)
TIGHTEN = 0.02  # how much the pair cut drops per step inside a component that is too big
BLOCK_PAIRS = 2_000_000  # similarities computed at once


def features(text: str) -> Counter[str]:
    bag = Counter({f"w:{w}": n for w, n in content_words(text).items()})
    bag.update({f"n:{w}": n * NAME_WEIGHT for w, n in names(text).items()})
    return bag


def tfidf(bags: Iterable[Counter[str]]) -> csr_matrix:
    """Row-normalised TF-IDF (sublinear tf), reading each bag once and keeping only feature
    numbers. In a large collection, features of one document only are dropped, so long articles
    are compared on what they share; in a small one that would leave little but common words,
    so every feature stays. Columns follow the features' first appearance."""
    vocab: dict[str, int] = {}
    cols, tfs, lengths = array("i"), array("f"), array("q")  # tf: counts and 1.5 times counts, exact in float32
    for bag in bags:
        cols.extend(vocab.setdefault(k, len(vocab)) for k in bag)
        tfs.extend(bag.values())
        lengths.append(len(bag))
    n, n_features = len(lengths), len(vocab)
    del vocab
    col = np.frombuffer(cols, dtype=np.int32)
    df = np.bincount(col, minlength=n_features)
    kept = df >= (2 if n >= MIN_DF_DOCS else 1)
    mask = kept[col]
    starts = np.concatenate(([0], np.cumsum(np.frombuffer(lengths, dtype=np.int64))))
    indptr = np.concatenate(([0], np.cumsum(mask)))[starts]
    col = (np.cumsum(kept, dtype=np.int32) - 1)[col[mask]]  # kept features in their order of first appearance
    twice_tf = (np.frombuffer(tfs, dtype=np.float32)[mask] * 2).astype(np.int32)
    del cols, tfs, mask
    # weights from math.log, as ever (numpy's log may differ in the last bit), once per distinct tf and df
    log_tf = np.array([1 + math.log(k / 2) if k else 0.0 for k in range(int(twice_tf.max(initial=0)) + 1)])
    idf = np.array([math.log(n / d) for d in df[kept].tolist()])
    x = csr_matrix((log_tf[twice_tf] * idf[col], col, indptr), shape=(n, max(len(idf), 1)))
    del col, twice_tf
    x.sort_indices()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return diags(1 / norms) @ x


def day(value: str | None) -> float:
    return dt.date.fromisoformat(value).toordinal() if value else math.nan


def close_pairs(x: csr_matrix, days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows i, j and distance of every pair within CUT (+ SLACK) and not outside the window.
    Rows are taken in date order, undated first; a block of rows is compared with the later rows
    it may be close to: a dated block with those up to WINDOW_DAYS after its last date, an
    undated block with all."""
    order = np.argsort(np.nan_to_num(days, nan=-np.inf), kind="stable")
    ds = days[order]
    n, undated = len(ds), int(np.isnan(ds).sum())
    reach = np.full(n, n)  # one past the last row each row is compared with
    reach[undated:] = undated + np.searchsorted(ds[undated:], ds[undated:] + WINDOW_DAYS, "right")
    found = [(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0))]
    a = 0
    while a < n:
        b = min(undated if a < undated else n, a + max(1, BLOCK_PAIRS // (reach[a] - a)))
        while b - a > 1 and (b - a) * (reach[b - 1] - a) > BLOCK_PAIRS:
            b = a + (b - a) // 2
        hi = reach[b - 1]
        sim = (x[order[a:b]] @ x[order[a:hi]].T).tocoo()
        i, j, dist = sim.row.astype(np.int64) + a, sim.col.astype(np.int64) + a, 1.0 - sim.data
        keep = (j > i) & (dist <= CUT + SLACK) & ~(np.abs(ds[i] - ds[j]) > WINDOW_DAYS)  # NaN compares False
        found.append((order[i[keep]], order[j[keep]], dist[keep]))
        a = b
    return tuple(np.concatenate(part) for part in zip(*found))  # type: ignore[return-value]


def components(n: int, i: np.ndarray, j: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Component number of each row in the graph of the given pairs; a component of more than
    MAX_COMPONENT rows is split by dropping its pairs above a cut lowered step by step."""
    cut = CUT + SLACK
    comp = connected_components(coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n)), directed=False)[1]
    while (sizes := np.bincount(comp)).max() > MAX_COMPONENT:
        cut -= TIGHTEN
        big = sizes[comp] > MAX_COMPONENT
        keep = (comp[i] == comp[j]) & (~big[i] | (dist <= cut))
        i, j, dist = i[keep], j[keep], dist[keep]
        comp = connected_components(coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n)), directed=False)[1]
    return comp


def distances(x: csr_matrix, days: np.ndarray) -> np.ndarray:
    """Condensed cosine distances between the rows, 1.0 where both dates exist and lie outside
    the window; computed a block of rows at a time."""
    m = x.shape[0]
    out = np.empty(m * (m - 1) // 2)
    at = 0
    step = max(1, BLOCK_PAIRS // m)
    for a in range(0, m - 1, step):
        b = min(m, a + step)
        dist = 1.0 - (x[a:b] @ x[a:].T).toarray()
        dist[np.abs(days[a:b, None] - days[None, a:]) > WINDOW_DAYS] = 1.0  # NaN compares False
        np.clip(dist, 0.0, 1.0, out=dist)
        for r in range(b - a):
            out[at : at + m - a - r - 1] = dist[r, r + 1 :]
            at += m - a - r - 1
    return out


def flat_clusters(x: csr_matrix, days: np.ndarray) -> np.ndarray:
    """Average-link cluster number of every row, cut at CUT, one component at a time."""
    comp = components(x.shape[0], *close_pairs(x, days))
    labels = np.zeros(x.shape[0], dtype=np.int64)
    members = np.argsort(comp, kind="stable")  # each component's rows in input order
    starts = np.searchsorted(comp[members], np.arange(comp.max() + 2))
    top = 0
    for lo, hi in zip(starts[:-1], starts[1:]):
        rows = members[lo:hi]
        if len(rows) == 1:
            flat = np.ones(1, dtype=np.int64)
        else:
            flat = fcluster(linkage(distances(x[rows], days[rows]), method="average"), t=CUT, criterion="distance")
        labels[rows] = top + flat
        top += int(flat.max())
    return labels


def cluster(docs: Iterable[Document]) -> dict[str, str]:
    """doc id -> story id for every document, read once (texts are not kept); a document with
    `duplicate_of` set follows its original."""
    originals: list[tuple[str, str | None]] = []
    copies: list[tuple[str, str]] = []

    def bags() -> Iterator[Counter[str]]:
        for doc in docs:
            if doc.duplicate_of:
                copies.append((doc.id, doc.duplicate_of))
            else:
                originals.append((doc.id, doc.published))
                yield features(doc.text)

    x = tfidf(bags())
    labels = flat_clusters(x, np.array([day(p) for _, p in originals])) if len(originals) > 1 else [1] * len(originals)
    members: dict[int, list[tuple[str, str | None]]] = {}
    for doc, label in zip(originals, labels):
        members.setdefault(int(label), []).append(doc)
    story = {}
    for group in members.values():
        first = min(group, key=lambda d: (d[1] or "9999", d[0]))[0]
        story.update({doc_id: first for doc_id, _ in group})
    for copy, original in copies:
        story[copy] = story.get(original, original)
    return story


def annotate(docs: list[Document]) -> None:
    """Set `duplicate_of` (earliest near copy first) and `story_id` on every document, in place."""
    from .dedup import NearDuplicates

    index = NearDuplicates()
    for doc in sorted(docs, key=lambda d: d.published or "9999"):  # stable: input order within a day
        doc.duplicate_of = index.add(doc.id, doc.text, doc.published)[0]
    story = cluster(docs)
    for doc in docs:
        doc.story_id = story[doc.id]
