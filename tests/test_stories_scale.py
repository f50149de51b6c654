"""Story clustering by components of close pairs gives what one average-link over the dense
matrix of every pair gives, and never links documents further apart than the window. The
articles are the ECB+ reports held in tests/data/news (12 happenings, two per topic)."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from news import ecb_texts
from scipy.cluster.hierarchy import fcluster, linkage

from watchpost.merge import stories
from watchpost.merge.stories import CUT, WINDOW_DAYS, close_pairs, cluster, components, day, features, tfidf
from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store

FIRST = dt.date(2020, 1, 1)


def sample(seed: int, n: int, span_days: int = 120, undated: float = 0.15) -> list[Document]:
    """n ECB+ articles with random dates over span_days (a share undated) and a few copies."""
    rng = random.Random(seed)
    texts = rng.sample(ecb_texts(), n)
    docs = [
        Document(
            id=f"d{seed}-{i:03d}",
            text=t,
            published=None
            if rng.random() < undated
            else (FIRST + dt.timedelta(days=rng.randrange(span_days))).isoformat(),
        )
        for i, t in enumerate(texts)
    ]
    copies = rng.sample(docs, n // 20)
    originals = [d for d in docs if d not in copies]
    for doc in copies:  # a near copy names an original, as ingest links them
        doc.duplicate_of = rng.choice(originals).id
    return docs


def matrix(docs: list[Document]) -> tuple[np.ndarray, np.ndarray]:
    """The dense square distance matrix of the originals, as clustering once computed it, and their days."""
    x = tfidf(features(d.text) for d in docs)
    days = np.array([day(d.published) for d in docs])
    dist = 1.0 - (x @ x.T).toarray()
    dist[np.abs(days[:, None] - days[None, :]) > WINDOW_DAYS] = 1.0
    np.clip(dist, 0.0, 1.0, out=dist)
    return dist, days


def dense_partition(docs: list[Document]) -> set[frozenset[str]]:
    """Stories of the originals from one average-link over every pair (the reference)."""
    originals = [d for d in docs if not d.duplicate_of]
    dist, _ = matrix(originals)
    labels = fcluster(
        linkage(dist[np.triu_indices(len(originals), k=1)], method="average"), t=CUT, criterion="distance"
    )
    groups: dict[int, set[str]] = {}
    for doc, label in zip(originals, labels):
        groups.setdefault(int(label), set()).add(doc.id)
    return {frozenset(g) for g in groups.values()}


def partition(story: dict[str, str], ids: set[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc_id in ids:
        groups.setdefault(story[doc_id], set()).add(doc_id)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("block_pairs", [500, stories.BLOCK_PAIRS])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_components_give_the_dense_average_link_clusters(seed, block_pairs, monkeypatch):
    monkeypatch.setattr(stories, "BLOCK_PAIRS", block_pairs)  # small: many blocks, many block edges
    docs = sample(seed, 70 + 20 * seed, span_days=60 + 30 * seed)
    story = cluster(docs)
    originals = {d.id for d in docs if not d.duplicate_of}
    want = dense_partition(docs)
    assert partition(story, originals) == want
    assert len(want) < len(originals) - 10  # the sample does have stories to find
    for doc in docs:
        if doc.duplicate_of:
            assert story[doc.id] == story.get(doc.duplicate_of, doc.duplicate_of)
    for group in want:  # a story's id is its earliest document
        first = min(group, key=lambda i: (next(d.published for d in docs if d.id == i) or "9999", i))
        assert {story[i] for i in group} == {first}


@pytest.mark.parametrize("seed", [0, 1])
def test_close_pairs_are_those_within_the_cut_and_the_window(seed, monkeypatch):
    monkeypatch.setattr(stories, "BLOCK_PAIRS", 300)
    docs = [d for d in sample(seed, 140, span_days=150) if not d.duplicate_of]
    dist, days = matrix(docs)
    x = tfidf(features(d.text) for d in docs)
    i, j, d = close_pairs(x, days)
    found = {(min(a, b), max(a, b)): v for a, b, v in zip(i.tolist(), j.tolist(), d.tolist())}
    assert len(found) == len(i)  # each pair once
    want = {(a, b) for a, b in zip(*np.nonzero(np.triu(dist <= CUT + stories.SLACK, k=1)))}
    assert set(found) == want
    assert all(dist[a, b] == max(v, 0.0) for (a, b), v in found.items())
    dated = ~np.isnan(days)
    assert all(abs(days[a] - days[b]) <= WINDOW_DAYS for a, b in found if dated[a] and dated[b])
    assert any(not dated[a] or not dated[b] for a, b in found)  # undated documents are compared with all


def far_off(n: int = 6) -> list[Document]:
    """Other articles, years later: without them identical texts would share every feature and weigh nothing."""
    return [Document(id=f"far{k}", text=t, published="2030-01-01") for k, t in enumerate(ecb_texts()[10 : 10 + n])]


def repeated(text: str, published: list[str | None]) -> tuple:
    """The TF-IDF rows and days of the same text at these dates, among far_off articles."""
    docs = [Document(id=f"r{k}", text=text, published=p) for k, p in enumerate(published)] + far_off()
    x = tfidf(features(d.text) for d in docs)
    return x, np.array([day(d.published) for d in docs])


def pairs_among(i: np.ndarray, j: np.ndarray, first: int) -> list[tuple[int, int]]:
    """The close pairs (lower row first) between the first rows."""
    return sorted((min(a, b), max(a, b)) for a, b in zip(i.tolist(), j.tolist()) if max(a, b) < first)


def at(days: int) -> str:
    return (FIRST + dt.timedelta(days=days)).isoformat()


def test_window_edge_and_undated_documents():
    text = ecb_texts()[0]
    for gap, stories_of_two in ((45, 1), (46, 2)):
        story = cluster(
            [Document(id="a", text=text, published=at(0)), Document(id="b", text=text, published=at(gap))] + far_off()
        )
        assert len({story["a"], story["b"]}) == stories_of_two
    i, j, _ = close_pairs(*repeated(text, [at(0), at(46), None]))
    assert pairs_among(i, j, 3) == [(0, 2), (1, 2)]  # the undated one is close to both


def test_components_never_span_a_pair_outside_the_window():
    """The same text every 40 days: one component through links inside the window, none
    between the ends, 80 days apart; without the middle one the ends are apart."""
    text = ecb_texts()[1]
    x, days = repeated(text, [at(0), at(40), at(80)])
    i, j, d = close_pairs(x, days)
    assert pairs_among(i, j, 3) == [(0, 1), (1, 2)]
    comp = components(len(days), i, j, d)
    assert comp[0] == comp[1] == comp[2]
    x, days = repeated(text, [at(0), at(80)])
    comp = components(len(days), *close_pairs(x, days))
    assert comp[0] != comp[1]


def test_a_component_too_big_is_split_by_a_tighter_cut(monkeypatch):
    docs = [d for d in sample(5, 150, span_days=30, undated=0.0) if not d.duplicate_of]
    x = tfidf(features(d.text) for d in docs)
    pairs = close_pairs(x, np.array([day(d.published) for d in docs]))
    whole = components(len(docs), *pairs)
    biggest = np.bincount(whole).max()
    assert biggest >= 4
    monkeypatch.setattr(stories, "MAX_COMPONENT", biggest - 1)
    split = components(len(docs), *pairs)
    assert np.bincount(split).max() <= biggest - 1
    for c in np.unique(whole):  # components that fitted stay as they were; the others only split
        rows = np.flatnonzero(whole == c)
        assert len(set(split[rows].tolist())) == 1 or len(rows) > biggest - 1
        assert set(np.flatnonzero(np.isin(split, split[rows]))) == set(rows.tolist())


class NoMentions:
    def extract(self, docs):
        return ((doc, []) for doc in docs)


def test_restory_streams_the_store_and_matches_the_dense_clusters(db_target):
    docs = sample(7, 120, span_days=90)
    for doc in docs:
        doc.duplicate_of = None  # near copies are ingest's to find
    with Store.open(db_target) as store:
        assert not isinstance(store.story_documents(), list)
        Pipeline(store, NoMentions()).run(docs)
        stored = {
            r["id"]: (r["story_id"], r["duplicate_of"])
            for r in store.rows("SELECT id, story_id, duplicate_of FROM documents")
        }
    by_id = {d.id: d for d in docs}
    for doc_id, (_, original) in stored.items():
        by_id[doc_id].duplicate_of = original
    assert partition(
        {i: s for i, (s, _) in stored.items()}, {i for i, (_, o) in stored.items() if not o}
    ) == dense_partition(docs)
