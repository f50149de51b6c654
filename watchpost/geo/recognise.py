"""Find place mentions in text: spaCy GPE/LOC/FAC entities, demonyms, and the words around them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc

from .sources import demonyms

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: A word after the name that says it is an administrative unit ("Idlib province").
ADMIN_WORDS = {"province", "governorate", "region", "county", "state", "oblast", "district", "prefecture", "parish"}
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


@dataclass
class Mention:
    """A recognised place name: character span into the document, entity label and hints for resolution."""

    start: int
    end: int
    text: str
    label: str
    admin: bool = False  # followed by "province", "county"...
    demonym: str | None = None  # ISO3 when the mention is a demonym ("Syrian")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) chunks split on blank lines, so long texts parse in pieces."""
    out, pos = [], 0
    for part in re.split(r"(\n\s*\n)", text):
        if part.strip() and not re.fullmatch(r"\n\s*\n", part):
            out.append((pos, part))
        pos += len(part)
    return out


def parse(text: str) -> list[tuple[int, Doc]]:
    """Run the shared spaCy pipeline over the paragraphs of `text`."""
    from ..nlp import load

    chunks = paragraphs(text)
    return list(zip((o for o, _ in chunks), load().pipe(p for _, p in chunks)))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the' and a trailing possessive from the span."""
    span = text[start:end]
    lead = _LEADING.match(span)
    if lead:
        start += lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail:
        end -= len(tail.group())
    return start, end


def mentions(text: str, parsed: Iterable[tuple[int, Doc]]) -> list[Mention]:
    """Every place-like entity and demonym in the parsed chunks, as spans of `text`, sorted by start."""
    known = demonyms()
    out = []
    for offset, doc in parsed:
        for ent in doc.ents:
            if ent.label_ == "NORP":
                iso3 = known.get(ent.text)
                if iso3:
                    out.append(Mention(offset + ent.start_char, offset + ent.end_char, ent.text, "NORP", demonym=iso3))
                continue
            if ent.label_ not in PLACE_LABELS or not any(ch.isupper() for ch in ent.text):
                continue
            start, end = trim(text, offset + ent.start_char, offset + ent.end_char)
            if end - start < 2:
                continue
            after = doc[ent.end] if ent.end < len(doc) else None
            admin = bool(after is not None and after.lower_ in ADMIN_WORDS)
            out.append(Mention(start, end, text[start:end], ent.label_, admin=admin))
    return sorted(out, key=lambda m: m.start)
