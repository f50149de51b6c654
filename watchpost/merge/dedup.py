"""Near-duplicate documents: MinHash LSH over word shingles, confirmed by shingle containment.

A syndicated copy, a re-publication with an edited headline or other boilerplate, or a
truncated version shares most of its shingles with the original. LSH (datasketch) finds
candidates at a low Jaccard threshold; containment (shared shingles over the smaller set)
confirms, so a copy cut to a third of the original still matches.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from datasketch import MinHash, MinHashLSH

from .text import shingles

NUM_PERM = 128
LSH_THRESHOLD = 0.2  # candidate recall: low, because truncation lowers Jaccard
CONTAINMENT = 0.7  # share of the smaller document's shingles found in the other
MIN_SHINGLES = 20  # shorter texts are too small to call copies
SCHEME = "affine32"  # datasketch's hashing scheme, named so stored signatures stay comparable


def signature(grams: set[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def to_bytes(sig: MinHash) -> bytes:
    return sig.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype="<u4"))


def containment(a: set[str], b: set[str]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


class NearDuplicates:
    """An index of documents seen so far; `add` names the earlier document a new one copies.

    Texts of candidates are fetched through `text_of` (a database lookup in the store), so
    the index itself holds only signatures.
    """

    def __init__(self, text_of: Callable[[str], str] | None = None) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.texts: dict[str, str] = {}
        self.local = text_of is None
        self.text_of = text_of or self.texts.__getitem__
        self.rank: dict[str, tuple[str, int]] = {}  # earliness: (published, arrival)
        self.original: dict[str, str] = {}  # copy -> the first document it copies

    def index(self, doc_id: str, sig: MinHash, published: str | None, duplicate_of: str | None) -> None:
        """Add an already-judged document (one loaded from the store)."""
        self.rank[doc_id] = (published or "9999", len(self.rank))
        self.lsh.insert(doc_id, sig)
        if duplicate_of:
            self.original[doc_id] = duplicate_of

    def add(self, doc_id: str, text: str, published: str | None = None) -> tuple[str | None, MinHash]:
        """Index a new document: (the earliest near copy's id or None, its signature)."""
        grams = shingles(text)
        sig = signature(grams)
        if doc_id in self.rank:
            return self.original.get(doc_id), sig
        match = None
        if len(grams) >= MIN_SHINGLES:
            hits = [h for h in self.lsh.query(sig) if containment(grams, shingles(self.text_of(h))) >= CONTAINMENT]
            first = min(hits, key=self.rank.__getitem__, default=None)
            match = self.original.get(first, first)
        if self.local:
            self.texts[doc_id] = text
        self.index(doc_id, sig, published, match)
        return match, sig
