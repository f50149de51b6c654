"""Story clusters: documents about the same happening share a story id.

Each document becomes a TF-IDF vector over its content words plus its capitalised names
(a cheap stand-in for named entities: people, places, groups), weighted higher because two
similar happenings (two earthquakes, two rehab stays) differ mostly in who and where.
Average-link agglomerative clustering over cosine distance then cuts the tree at a fixed
distance; documents published more than WINDOW_DAYS apart are never linked directly.
Near copies join their original's story. A story's id is the id of its earliest document.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, diags

from ..model import Document
from .text import content_words, names

NAME_WEIGHT = 1.5  # a name counts this much more than a content word
CUT = 0.78  # average-link cosine distance at which clusters stop merging
WINDOW_DAYS = 45  # published further apart than this: not the same happening
MIN_DF_DOCS = 100  # from this many documents on, features seen once are dropped


def features(doc: Document) -> Counter[str]:
    bag = Counter({f"w:{w}": n for w, n in content_words(doc.text).items()})
    bag.update({f"n:{w}": n * NAME_WEIGHT for w, n in names(doc.text).items()})
    return bag


def tfidf(bags: Sequence[Counter[str]]) -> csr_matrix:
    """Row-normalised TF-IDF (sublinear tf). In a large collection, features of one document only
    are dropped, so long articles are compared on what they share; in a small one that would
    leave little but common words, so every feature stays."""
    min_df = 2 if len(bags) >= MIN_DF_DOCS else 1
    df = Counter(k for bag in bags for k in bag)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, bag in enumerate(bags):
        for k, tf in bag.items():
            if df[k] < min_df:
                continue
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
            vals.append((1 + math.log(tf)) * math.log(len(bags) / df[k]))
    x = csr_matrix((vals, (rows, cols)), shape=(len(bags), max(len(vocab), 1)))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return diags(1 / norms) @ x


def day(value: str | None) -> float:
    return dt.date.fromisoformat(value).toordinal() if value else math.nan


def distances(docs: Sequence[Document]) -> np.ndarray:
    """Condensed cosine distances, 1.0 where both dates exist and lie outside the window."""
    x = tfidf([features(d) for d in docs])
    dist = 1.0 - (x @ x.T).toarray()
    days = np.array([day(d.published) for d in docs])
    dist[np.abs(days[:, None] - days[None, :]) > WINDOW_DAYS] = 1.0  # NaN compares False
    np.clip(dist, 0.0, 1.0, out=dist)
    iu = np.triu_indices(len(docs), k=1)
    return dist[iu]


def cluster(docs: Sequence[Document], duplicate_of: dict[str, str] | None = None) -> dict[str, str]:
    """doc id -> story id for every document; copies named in `duplicate_of` follow their original."""
    duplicate_of = duplicate_of or {}
    originals = [d for d in docs if d.id not in duplicate_of]
    if len(originals) > 1:
        labels = fcluster(linkage(distances(originals), method="average"), t=CUT, criterion="distance")
    else:
        labels = np.ones(len(originals), dtype=int)
    members: dict[int, list[Document]] = {}
    for doc, label in zip(originals, labels):
        members.setdefault(int(label), []).append(doc)
    story = {}
    for group in members.values():
        first = min(group, key=lambda d: (d.published or "9999", d.id))
        story.update({d.id: first.id for d in group})
    for copy, original in duplicate_of.items():
        story[copy] = story.get(original, original)
    return story


def annotate(docs: Sequence[Document]) -> None:
    """Set `duplicate_of` (earliest near copy first) and `story_id` on every document, in place."""
    from .dedup import NearDuplicates

    index = NearDuplicates()
    for doc in sorted(docs, key=lambda d: d.published or "9999"):  # stable: input order within a day
        doc.duplicate_of = index.add(doc.id, doc.text, doc.published)[0]
    story = cluster(docs, {d.id: d.duplicate_of for d in docs if d.duplicate_of})
    for doc in docs:
        doc.story_id = story[doc.id]
