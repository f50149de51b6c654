"""Does a stored mention concern an agreement? Its parties, its zone (or a name for it) and its period.

Statements about an agreement are often made far from its zone (a ministry in Ankara, a summit
in Sochi), so a mention refers to an agreement when it is placed inside the zone, or its
sentence names one of the agreement's keywords, or, more weakly, its document does.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from ..model import Agreement
from .parties import relevant, side_of

if TYPE_CHECKING:
    from ..store import Store

SENTENCE_NAMES, DOCUMENT_NAMES, PLACED_INSIDE = 2.0, 1.0, 2.0


@dataclass
class Said:
    """A stored mention as the agreement rules read it: its CONTRACT line and its dates."""

    id: str
    event_id: str
    doc_id: str
    line: dict[str, Any]  # the CONTRACT JSON of `watchpost extract`
    lo: str  # first and last day it may refer to
    hi: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Said | None:
        lo = row["date_start"] or row["published"]
        if not lo:
            return None
        return cls(row["id"], row["event_id"], row["doc_id"], json.loads(row["extract_json"]), lo,
                   row["date_end"] or row["date_start"] or row["published"])

    @property
    def sentence(self) -> str:
        return self.line["sentence"]

    def actors(self) -> list[dict[str, Any]]:
        return [a for a in (self.line.get("actor1"), self.line.get("actor2")) if relevant(a)]

    def local(self, span: dict[str, Any]) -> tuple[int, int]:
        """A document span as offsets into the sentence."""
        return span["start"] - self.line["start"], span["end"] - self.line["start"]


@lru_cache(maxsize=256)
def keyword_re(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def reference(agreement: Agreement, said: Said, document: Callable[[str], str]) -> float:
    """How strongly the mention refers to the agreement: 0 when it does not at all."""
    score = 0.0
    place = said.line.get("location")
    if place and place.get("lat") is not None and agreement.zone.containing(place["lat"], place["lon"], place.get("country"), place.get("admin1")):
        score += PLACED_INSIDE
    names = keyword_re(tuple(agreement.keywords))
    if names and names.search(said.sentence):
        score += SENTENCE_NAMES
    elif names and names.search(document(said.doc_id)):
        score += DOCUMENT_NAMES
    return score


def sides(agreement: Agreement, said: Said) -> list[tuple[str, str] | None]:
    """For each relevant actor of the mention, (party, role) or None when it is bound by nothing."""
    return [side_of(agreement.parties, a) for a in said.actors()]


def concerns(agreement: Agreement, said: Said, document: Callable[[str], str], every_actor: bool) -> float:
    """The reference score when the mention names an actor bound by the agreement (with
    `every_actor`, binds all it names), its dates overlap the period and it refers to the
    agreement; else 0."""
    found = sides(agreement, said)
    bound = [s for s in found if s]
    if not bound or (every_actor and len(bound) < len(found)) or not agreement.overlaps(said.lo, said.hi):
        return 0.0
    return reference(agreement, said, document)


def best(agreements: list[Agreement], score: Callable[[Agreement], float]) -> list[Agreement]:
    """The agreements with the highest positive score (several when they tie)."""
    scored = [(score(a), a) for a in agreements]
    top = max((s for s, _ in scored), default=0.0)
    return [a for s, a in scored if s == top and s > 0]


class Documents:
    """Document texts fetched once each from the store."""

    def __init__(self, store: Store):
        self.store, self.cache = store, {}

    def __call__(self, doc_id: str) -> str:
        if doc_id not in self.cache:
            self.cache[doc_id] = self.store.text(doc_id)
        return self.cache[doc_id]
