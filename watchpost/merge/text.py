"""Cheap tokenisation shared by near-duplicate detection and story clustering (no spaCy)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

WORD_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
NAME_RE = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of\s+|de\s+|al-)?(?:[A-Z][a-z]+|[A-Z]{2,}))*")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop list (a plain set of strings, no model load)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation dropped."""
    return [w.lower() for w in WORD_RE.findall(text)]


def stem(word: str) -> str:
    """A crude suffix stripper, enough to fold 'killed'/'kills'/'killing' for TF-IDF."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> Counter[str]:
    """Stemmed non-stop words of three letters or more (numbers kept)."""
    stops = stop_words()
    return Counter(stem(w) for w in words(text) if w not in stops and (len(w) >= 3 or w.isdigit()))


def names(text: str) -> Counter[str]:
    """Capitalised word runs: a cheap stand-in for named entities (people, places, groups)."""
    stops = stop_words()
    return Counter(m.lower() for m in NAME_RE.findall(text) if m.lower() not in stops)


def shingles(text: str, size: int = 3) -> set[str]:
    """Overlapping word n-grams, the unit of near-duplicate comparison."""
    toks = words(text)
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)}
