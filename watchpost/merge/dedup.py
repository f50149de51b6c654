"""Near-duplicate documents: MinHash LSH over word shingles, confirmed by shingle containment.

A syndicated copy, a re-publication with an edited headline or other boilerplate, or a
truncated version shares most of its shingles with the original. LSH (datasketch) finds
candidates at a low Jaccard threshold; containment (shared shingles over the smaller set)
confirms, so a copy cut to a third of the original still matches.
"""
from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from .text import shingles

NUM_PERM = 128
LSH_THRESHOLD = 0.2  # candidate recall: low, because truncation lowers Jaccard
CONTAINMENT = 0.7  # share of the smaller document's shingles found in the other
MIN_SHINGLES = 20  # shorter texts are too small to call copies


def signature(grams: set[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def containment(a: set[str], b: set[str]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


class NearDuplicates:
    """An index of documents seen so far; `add` names the earlier document a new one copies."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.grams: dict[str, set[str]] = {}
        self.order: dict[str, int] = {}
        self.original: dict[str, str] = {}  # copy -> the first document it copies

    def add(self, doc_id: str, text: str) -> str | None:
        """Index the document; return the id of the earliest indexed near copy, else None."""
        if doc_id in self.grams:
            return None
        grams = shingles(text)
        sig = signature(grams)
        match = None
        if len(grams) >= MIN_SHINGLES:
            hits = [h for h in self.lsh.query(sig) if containment(grams, self.grams[h]) >= CONTAINMENT]
            first = min(hits, key=self.order.__getitem__, default=None)
            match = self.original.get(first, first)
            self.lsh.insert(doc_id, sig)
        self.grams[doc_id] = grams
        self.order[doc_id] = len(self.order)
        if match:
            self.original[doc_id] = match
        return match
