"""What a document's places are doing: where an event is, and which country the document is about.

`Geoparser.parse` gives every mention a place. Not every mention says where something happened: a named border
("on the border with Mauritania"), the place a speaker spoke from ("told reporters in Mogadishu"), a dateline, the
base of an organisation ("the Britain-based observatory") or the unit that holds a town named just before it
("El-Fasher, the capital of North Darfur") are context, not the scene. This module reads those roles off the text
around each mention, picks the place of a clause from its own mentions, and weighs the document's country so that a
weak foreign reading cannot decide it. Event code calls it with the places of one document:

    from watchpost.geo.document import clause_place, document_country, roles
    tags = roles(text, places)                       # one role (or None) per place
    where = clause_place(places, start, end, tags)   # the place of the clause text[start:end], or None
    country = document_country(places, tags)
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import Place
from . import CONTAINER_GAP, NEAR, WEAK_VOTE, weak_vote
from .cues import weights

#: Roles of mentions that are not where the clause's event happened.
CONTEXT_ROLES = {"border", "speaker", "dateline", "based", "container", "anchor"}
#: How much a mention of each role counts for the document's country (a plain place counts 1).
ROLE_VOTE = {"border": 0.3, "speaker": 0.3, "dateline": 0.5, "based": 0.2, "container": 0.5, "anchor": 0.5}
METONYM_VOTE = weights("document")["metonym_vote"]  # countries, capitals and demonyms often name governments

_BORDER_BEFORE = re.compile(r"(?:\bborders?\s+(?:with|of|between|near|into)\s+(?:the\s+)?|\bacross\s+the\s+border\s+"
                            r"(?:from|into|in|with)\s+(?:the\s+)?|\bborder\s+(?:crossing|post)\s+(?:with|into|to)\s+"
                            r"(?:the\s+)?|\bfrontier\s+with\s+(?:the\s+)?|\band\s+(?:the\s+)?)$", re.I)
_BORDER_AFTER = re.compile(r"^(?:'s|\u2019s)?[\s-](?:[A-Z][\w]*[\s-])?(?:border|frontier|borderlands?)\b", re.I)
#: Where a speaker spoke ("told reporters in Mogadishu", "speaking to local media in the capital Mogadishu").
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|telling|speaking|spoke|announced|briefing|briefed|statement|"
                             r"conference|interview|reporting|reported|wrote|posted)\b([^.;:,\n]{0,30}?)\b(?:in|from|at)\s+"
                             r"(?:the\s+)?(?:(?:[a-z]+\s+)?(?:capital|city|town|port)\s+)?$", re.I)
#: Words that open a reported clause between the saying and the place ("said it had seized the base in X"): the
#: place is the clause's, not where the speaker spoke.
_CLAUSE_WORDS = re.compile(r"\b(?:that|it|he|she|they|we|had|has|have|was|were|is|are|would|will|who|which)\b", re.I)
_BASED_AFTER = re.compile(r"^[-\s](?:based|headquartered)\b", re.I)
_DATELINE_AFTER = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?"
                             r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,?\s\d{4})?\s*)?"  # ", Oct 27"
                             r"(?:\((?:AP|AFP|Reuters|dpa|Xinhua|IANS|"
                             r"UPI|Anadolu|[A-Z][\w ]{0,20})\)\s*)?(?:--|\u2014|\u2013|-|:)\s"
                             r"|^\s*(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,?\s\d{4})?\s*)?\((?:AP|AFP|Reuters|dpa|Xinhua|IANS|"
                             r"UPI|Anadolu|PTI|ANI|NAN|PNA|Bernama|Kyodo|TASS|EFE|Lusa)\)\s")  # "Cotonou (AFP) Three"


def roles(text: str, places: list[Place]) -> list[str | None]:
    """One role per place (None for a plain mention): "border" (a named border), "speaker" (where someone spoke),
    "dateline", "based" ("the UK-based monitor"), "container" (the unit after "X, the capital of") or "anchor"
    (the Y of "X near Y", "X in Y")."""
    out: list[str | None] = []
    ordered = sorted(range(len(places)), key=lambda i: places[i].start or 0)
    previous = {j: (ordered[k - 1] if k else None) for k, j in enumerate(ordered)}
    for i, p in enumerate(places):
        out.append(role(text, p, places[previous[i]] if previous[i] is not None else None))
    return out


def role(text: str, p: Place, before: Place | None = None) -> str | None:
    """The role of one mention; `before` is the mention just before it in the text."""
    if p.start is None or p.end is None:
        return None
    head = text[max(0, p.start - 80):p.start]
    tail = text[p.end:p.end + 40]
    line_start = text.rfind("\n", 0, p.start) + 1
    if not text[line_start:p.start].strip() and _DATELINE_AFTER.match(tail) and p.end - line_start < 60:
        return "dateline"
    if _BASED_AFTER.match(tail):
        return "based"
    if _BORDER_AFTER.match(tail) or (_BORDER_BEFORE.search(head) and (
            "border" in head[-40:].lower() or "frontier" in head[-40:].lower())):
        return "border"
    spoke = _SPEAKER_BEFORE.search(head)
    if spoke and not _CLAUSE_WORDS.search(spoke.group(1)):
        return "speaker"
    if before is not None and before.end is not None and before.lat is not None:
        if NEAR.fullmatch(text, before.end, p.start):
            return "anchor"  # "the village of X near Y", "X in Y": Y says where X is
        if (before.precision or 1) < (p.precision or 1) and CONTAINER_GAP.fullmatch(text, before.end, p.start):
            return "container"  # "El-Fasher, the capital of North Darfur"
    return None


def clause_place(places: list[Place], start: int, end: int, tags: list[str | None] | None = None) -> Place | None:
    """The place of the clause text[start:end]: its own placed mentions less borders, speakers' places, datelines,
    organisations' bases and the units that hold a town named there; the finest first, then the first written.
    None when the clause names no such place (the caller may then look further, e.g. the sentence)."""
    tags = tags if tags is not None else [None] * len(places)
    own = [(p, t) for p, t in zip(places, tags) if p.start is not None and start <= p.start < end and p.lat is not None
           and not (p.reason or "").startswith("demonym")]
    plain = [p for p, t in own if t not in CONTEXT_ROLES]
    if not plain:
        return None
    return min(plain, key=lambda p: (p.precision or 1, p.start))


def document_country(places: list[Place], tags: list[str | None] | None = None) -> str | None:
    """The country most of the document's places are in, each mention weighted: a plain sub-national place 1, a
    weak reading (a small town matched by a variant name, or one that beat a foreign penalty) WEAK_VOTE, countries,
    capitals and demonyms METONYM_VOTE, borders, speakers' places and bases less (ROLE_VOTE)."""
    tags = tags if tags is not None else [None] * len(places)
    weights: Counter = Counter()
    for p, t in zip(places, tags):
        if not p.country:
            continue
        metonym = (p.feature or "").startswith("PCL") or p.feature == "PPLC" or (p.reason or "").startswith("demonym")
        w = METONYM_VOTE if metonym else weak_vote(p)
        if t in ROLE_VOTE:
            w = min(w, ROLE_VOTE[t])
        weights[p.country] += w
    if not weights:
        return None
    return weights.most_common(1)[0][0]


__all__ = ["roles", "role", "clause_place", "document_country", "CONTEXT_ROLES", "WEAK_VOTE"]
