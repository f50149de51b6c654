"""Name keys, from strict to loose:

- `key`: case, accents, punctuation and the Arabic article ("El-", "Al ", "ad-") folded away;
- `variant`: the key with transliteration variants folded ("ou"/"u", "e"/"i", "ei"/"ay", doubled and silent letters,
  q/k, dj/j, ph/f, spaces): El-Fasher, Al-Fashir and al Fasher meet, Khan Younis and Khan Yunis meet,
  Deir and Dayr meet, but unrelated names rarely collide;
- `skeleton`: consonants only, a fuzzy last resort.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(
    r"^(?:al|el|ad|adh|ar|as|ash|at|az|an|ath|ez|es|ed|er|et)[\s-]+|[\s-](?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|et)[\s-]+"
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the\s+")
_DIGRAPHS = (
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("ou", "u"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("j", "g"),
    ("x", "ks"),
)
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLE = re.compile(r"(.)\1+")
KEY_CACHE = 8192  # names whose key is kept


def ascii_fold(text: str) -> str:
    """Lower-case ASCII: accents stripped, typographic apostrophes dropped."""
    if text.isascii():  # nothing to decompose (most names): the same result, faster
        return text.replace("`", "'").lower()
    text = unicodedata.normalize(
        "NFKD",
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u02bf", "'")
        .replace("\u02be", "'")
        .replace("`", "'"),
    )
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (after folding accents)."""
    return ascii_fold(text).isascii()


@lru_cache(maxsize=KEY_CACHE)
def key(text: str) -> str:
    """Exact lookup key: folded, 'the' and the Arabic article dropped, punctuation to single spaces (a pure
    function of the name, kept for the names of recent texts: the geoparser asks for each many times)."""
    text = _LEADING_THE.sub("", ascii_fold(text).replace("'", ""))
    text = _ARTICLE.sub(" ", text)
    return _NON_WORD.sub(" ", text).strip()


_VARIANT_SUBS = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"dj", "j"),
        (r"tch", "ch"),
        (r"ph", "f"),
        (r"q", "k"),
        (r"ck", "k"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"(?:ei|ey|ay)(?![aeiou])", "ai"),  # Younis/Yunis, Deir/Dayr/Dair
        (r"aw(?![aeiou])", "u"),  # Zawr/Zor
        (r"(?<=[aeiou])h\b", ""),  # Ramallah/Ramalla, Hamah/Hama
        (r"e", "i"),
        (r"o", "u"),  # Fasher/Fashir, Saraqeb/Saraqib, Shok/Shuk
        (r"(.)\1+", r"\1"),
    )
)


def variant(text: str) -> str:
    """Transliteration-variant key: `key` with the vowel spellings that transliterations of one name swap folded
    (ou/oo/u, ee/i, e/i, o/u, ei/ey/ay/ai), doubled letters single, dj/j, ph/f, q/k, a final h after a vowel
    dropped, spaces dropped ("Zam Zam"/"Zamzam"); a, i and u stay distinct, so foreign names rarely meet by chance.

    El-Fasher/Al-Fashir -> "fashir", Khan Younis/Khan Yunis -> "khanyunis", Deir ez-Zor/Dayr az Zawr -> "dairzur".
    """
    return variant_of_key(key(text))


def variant_of_key(k: str) -> str:
    """`variant` of a name already made a `key` (the gazetteer build keys every name once)."""
    word = k.replace(" ", "")
    for pattern, repl in _VARIANT_SUBS:
        word = pattern.sub(repl, word)
    return word


def skeleton(text: str) -> str:
    """Fuzzy key for transliteration variants: consonants only, digraphs merged, doubles collapsed.

    Saraqeb/Saraqib -> srkb, Hmeimim/Khmeimim/Humaymim -> hm, Deir ez-Zor/Dayr az Zawr -> drsr.
    """
    text = key(text).replace(" ", "")
    for digraph, simple in _DIGRAPHS:
        text = text.replace(digraph, simple)
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", text))
