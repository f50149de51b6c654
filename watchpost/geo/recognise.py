"""Find place mentions in text: spaCy GPE/LOC/FAC entities, demonyms, and the words around them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from spacy.tokens import Doc

from .sources import Entry, demonyms

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
    demonym: Entry | None = None  # the country or continent of a demonym ("Syrian")


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


def mentions(text: str, parsed: Iterable[tuple[int, Doc]], is_major: Callable[[str], bool]) -> list[Mention]:
    """Every place entity and demonym in the parsed chunks, as spans of `text`, sorted by start.

    GPE/LOC/FAC entities count unless they are part of a person's name found elsewhere in the text
    ("Modi" after "Narendra Modi"); ORG entities count only when `is_major` (a country, province or big city).
    """
    parsed = list(parsed)
    person_words = {tok.text for _, doc in parsed for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent}
    known = demonyms()
    out = []
    for offset, doc in parsed:
        for ent in doc.ents:
            if ent.label_ == "NORP":
                if ent.text in known:
                    out.append(Mention(offset + ent.start_char, offset + ent.end_char, ent.text, "NORP", demonym=known[ent.text]))
                continue
            start, end = trim(text, offset + ent.start_char, offset + ent.end_char)
            name = text[start:end]
            if end - start < 2 or not any(ch.isupper() for ch in name):
                continue
            if ent.label_ in PLACE_LABELS:
                if ent.text in person_words and not is_major(name):
                    continue
            elif not (ent.label_ == "ORG" and is_major(name)):
                continue
            after = doc[ent.end] if ent.end < len(doc) else None
            admin = bool(after is not None and after.lower_ in ADMIN_WORDS)
            out.append(Mention(start, end, name, ent.label_, admin=admin))
    return sorted(out, key=lambda m: m.start)
