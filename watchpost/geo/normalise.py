"""Name keys: an exact key (case, accents, punctuation, the Arabic article) and a fuzzy transliteration skeleton."""
from __future__ import annotations

import re
import unicodedata

_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|az|an|ath|ez|es|ed|er|et)[\s-]+|[\s-](?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|et)[\s-]+")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the\s+")
_DIGRAPHS = (("kh", "h"), ("gh", "g"), ("sh", "s"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ou", "u"), ("q", "k"), ("c", "k"), ("z", "s"), ("j", "g"), ("x", "ks"))
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLE = re.compile(r"(.)\1+")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII: accents stripped, typographic apostrophes dropped."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bf", "'").replace("\u02be", "'").replace("`", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (after folding accents)."""
    return ascii_fold(text).isascii()


def key(text: str) -> str:
    """Exact lookup key: folded, 'the' and the Arabic article dropped, punctuation to single spaces."""
    text = _LEADING_THE.sub("", ascii_fold(text).replace("'", ""))
    text = _ARTICLE.sub(" ", text)
    return _NON_WORD.sub(" ", text).strip()


def skeleton(text: str) -> str:
    """Fuzzy key for transliteration variants: consonants only, digraphs merged, doubles collapsed.

    Saraqeb/Saraqib -> srkb, Hmeimim/Khmeimim/Humaymim -> hm, Deir ez-Zor/Dayr az Zawr -> drsr.
    """
    text = key(text).replace(" ", "")
    for digraph, simple in _DIGRAPHS:
        text = text.replace(digraph, simple)
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", text))
