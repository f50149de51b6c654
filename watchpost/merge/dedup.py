"""Near-duplicate documents: MinHash LSH over word shingles, confirmed by shingle containment.

A syndicated copy, a re-publication with an edited headline or other boilerplate, or a
truncated version shares most of its shingles with the original. LSH finds candidates at a
low Jaccard threshold; containment (shared shingles over the smaller set) confirms, so a
copy cut to a third of the original still matches.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import count
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from .text import shingles

NUM_PERM = 128
LSH_THRESHOLD = 0.2  # candidate recall: low, because truncation lowers Jaccard
CONTAINMENT = 0.7  # share of the smaller document's shingles found in the other
MAX_CANDIDATES = 50  # candidates checked per document, those sharing the most LSH bands first: a text whose
# sentences recur in thousands of others (wire boilerplate, a recombined corpus) must not cost a comparison with each
MIN_SHINGLES = 20  # shorter texts are too small to call copies
SCHEME = "affine32"  # datasketch's hashing scheme, named so stored signatures stay comparable
HASHRANGES = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges  # datasketch's b bands of r values


def signature(grams: set[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def to_bytes(sig: MinHash) -> bytes:
    return sig.hashvalues.astype("<u4").tobytes()


@dataclass
class Fingerprint:
    """What near-copy detection needs of a text before its shingles: the MinHash and the number of
    shingles. Parallel ingest computes it on the workers (watchpost.scale), where the text is."""

    minhash: bytes  # to_bytes of the signature
    shingles: int

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        grams = shingles(text)
        return cls(to_bytes(signature(grams)), len(grams))


def band_keys(hashvalues: np.ndarray) -> list[bytes]:
    """One key per LSH band: its number (2 bytes) and its r hash values (uint32, little-endian).
    Two documents are candidates when a key is equal: the candidates of datasketch's MinHashLSH
    with the same threshold and number of permutations."""
    values = hashvalues.astype("<u4")
    return [band.to_bytes(2, "big") + values[start:end].tobytes() for band, (start, end) in enumerate(HASHRANGES)]


def containment(a: set[str], b: set[str]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def earliest(hits: Iterable[str], rank: dict[str, tuple], original: dict[str, str]) -> str | None:
    """What the earliest hit by `rank` copies (`original`), or that hit itself; None without hits."""
    first = min(hits, key=rank.__getitem__, default=None)
    return original.get(first, first)


class NearDuplicates:
    """An index of documents seen so far; `add` names the earlier document a new one copies.

    Here every document (text, band keys, earliness) stays in memory; the ingester's
    StoredCopies (watchpost.pipeline) looks the ones already stored up in the store.
    """

    def __init__(self) -> None:
        self.bands: dict[bytes, list[str]] = {}  # band key -> documents having it
        self.texts: dict[str, str] = {}
        self.rank: dict[str, tuple] = {}  # earliness: (published, arrival)
        self.original: dict[str, str] = {}  # copy -> the first document it copies
        self.arrivals = count()

    def add(self, doc_id: str, text: str, published: str | None = None,
            fingerprint: Fingerprint | None = None) -> tuple[str | None, bytes]:
        """Index a new document: (the earliest near copy's id or None, its signature as bytes). The
        text's fingerprint is computed unless given; its shingles only when it has candidates."""
        fingerprint = fingerprint or Fingerprint.of(text)
        if doc_id in self.rank:
            return self.original.get(doc_id), fingerprint.minhash
        keys = band_keys(np.frombuffer(fingerprint.minhash, dtype="<u4"))
        match = None
        shared = self.shared_bands(keys) if fingerprint.shingles >= MIN_SHINGLES else Counter()
        if shared:
            grams = shingles(text)
            likeliest = sorted(shared, key=lambda d: (-shared[d], d))[:MAX_CANDIDATES]
            hits = [h for h in likeliest if containment(grams, shingles(self.text_of(h))) >= CONTAINMENT]
            match = self.earliest(hits)
        self.texts[doc_id] = text
        self.rank[doc_id] = (published or "9999", next(self.arrivals))
        for key in keys:
            self.bands.setdefault(key, []).append(doc_id)
        if match:
            self.original[doc_id] = match
        return match, fingerprint.minhash

    def shared_bands(self, keys: list[bytes]) -> Counter[str]:
        """Documents sharing a band key (LSH candidates), with how many keys each shares."""
        return Counter(doc for key in keys for doc in self.bands.get(key, ()))

    def text_of(self, doc_id: str) -> str:
        return self.texts[doc_id]

    def earliest(self, hits: list[str]) -> str | None:
        return earliest(hits, self.rank, self.original)
