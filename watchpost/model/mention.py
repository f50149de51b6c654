"""A document and the event mentions read from it, with their actors, places, dates and counts."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..merge.dedup import Fingerprint

KINDS = ("GOV", "MIL", "REB", "PTY", "CVL", "IGO", "UAF", "UNK")
STATUSES = ("occurred", "ongoing", "planned", "threatened", "denied", "hypothetical")
# what happened or is happening: the events shown, counted and merged as real unless asked otherwise
REAL_STATUSES = ("occurred", "ongoing")
PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()


def flat(obj: Any, skip: str | None = None) -> dict[str, Any]:
    """A dataclass of plain values as a dict (what dataclasses.asdict gives, without its deep copy: an
    order of magnitude faster)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj) if f.name != skip}


@dataclass
class Document:
    """One article as read from a source, before and after cleaning."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_reason: str | None = None  # where `published` came from when not from the source's metadata
    origin: str | None = None  # file name or "file.jsonl:12": where the reader found it
    story_id: str | None = None
    duplicate_of: str | None = None
    fingerprint: Fingerprint | None = None  # near-copy fingerprint computed where the text was (a Dask worker)


@dataclass
class Actor:
    """An event participant resolved against the actor dictionary."""

    text: str
    name: str
    country: str | None
    kind: str = "UNK"
    backer: str | None = None  # ISO3 of a patron state ("Turkey-backed rebels")
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return flat(self)


@dataclass
class Place:
    """A resolved place; lat/lon are None when the name could not be placed."""

    text: str
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    precision: int = 1  # 1 town, 2 district or nearby, 3 province or larger
    feature: str | None = None
    start: int | None = None
    end: int | None = None
    reason: str | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        out = flat(self, skip="candidates")
        if explain:
            out["candidates"] = [dict(c) for c in self.candidates]
        return out

    def contract_json(self, doc_id: str, explain: bool = False) -> dict[str, Any]:
        """The CONTRACT.md shape of one `watchpost geoparse` line."""
        out = {"doc_id": doc_id, "text": self.text, "start": self.start, "end": self.end, "name": self.name,
               "country": self.country, "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
               "geonameid": self.geonameid, "feature": self.feature, "precision": self.precision}
        if explain:
            out.update(reason=self.reason, candidates=self.candidates)
        return out


@dataclass
class DateSpan:
    """When an event happened: an inclusive ISO date range with its precision and reason."""

    text: str | None
    start: str | None
    end: str | None
    precision: str = "unknown"  # day week month year unknown
    anchor: str | None = None
    reason: str | None = None
    char_start: int | None = None  # where `text` sits in the document (start/end above are dates)
    char_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return flat(self)


@dataclass
class Quantity:
    """A count attached to an event: killed, injured, displaced, arrested, troops, vehicles..."""

    what: str
    value: float
    approximate: bool
    text: str
    start: int | None = None
    end: int | None = None
    bound: str | None = None  # "at least" for a floor ("no fewer than 12"), "at most" for a ceiling ("up to 40")
    most: float | None = None  # the highest figure another account in the report gives ("an officer said about 30")

    def to_json(self) -> dict[str, Any]:
        return flat(self)


@dataclass
class Dispute:
    """Someone who denies or disputes what a mention claims ("The RSF denied the accusation"): the
    denier as an Actor with the span of its words, the sentence that says so (its offsets in the
    document), and the mention coded from that sentence (a REJECT, or the act told as denied), if any."""

    by: Actor
    sentence: str
    start: int
    end: int
    mention: int | None = None  # the index of the denying mention in the same document

    def to_json(self, doc_id: str) -> dict[str, Any]:
        """The denier as a CONTRACT actor object, with where the denial is."""
        return {**self.by.to_json(), "doc_id": doc_id,
                "mention_id": None if self.mention is None else f"{doc_id}:{self.mention}",
                "sentence": self.sentence, "sentence_start": self.start, "sentence_end": self.end}


@dataclass
class Mention:
    """One event as one document tells it."""

    doc_id: str
    index: int
    type: str
    mode: str | None
    acled: dict[str, str] | None
    status: str
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    date: DateSpan | None = None
    quantities: list[Quantity] = field(default_factory=list)
    confidence: float = 0.5
    status_reason: str | None = None
    lead: bool = False  # the event the headline and first paragraph report
    background: bool = False  # a cumulative toll or history, not an event at the report's time
    according_to: Actor | None = None  # who the claim comes from; None when the report says it in its own voice
    disputed_by: list[Dispute] = field(default_factory=list)  # who in the same document denies it

    @property
    def denier(self) -> Actor | None:
        """Who denies the act when the mention tells it as denied by someone ("X denied shelling the camp",
        "the army said it did not ..."): the source of the denial; None for an act that is not denied, or
        denied in the report's own voice."""
        return self.according_to if self.status == "denied" else None

    @property
    def event_id(self) -> str:
        return f"{self.doc_id}:{self.index}"

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        """The CONTRACT.md shape of `watchpost extract`, plus the argument spans."""
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "type": self.type,
            "mode": self.mode,
            "acled": self.acled,
            "status": self.status,
            "actor1": self.actor1.to_json() if self.actor1 else None,
            "actor2": self.actor2.to_json() if self.actor2 else None,
            "location": self.location.to_json(explain) if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "quantities": [q.to_json() for q in self.quantities],
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "trigger": {"text": self.trigger, "start": self.trigger_start, "end": self.trigger_end},
            "status_reason": self.status_reason,
            "confidence": round(self.confidence, 3),
            "lead": self.lead,
            "background": self.background,
            "according_to": self.according_to.to_json() if self.according_to else None,
            "disputed_by": [d.to_json(self.doc_id) for d in self.disputed_by],
        }
