"""Merged events: a Report is one mention with what merging needs from its document (a row of the
store's mentions table); an Event is the reports of one real-world event, and `Event.summary` the
row the store keeps of it. Which reports belong together is watchpost.merge.events' to decide.

The summary keeps every source: the date most independent sources give (ties to the first report,
so a later report does not move it), the most precise place, every count each source gives ("2
killed" against "5 killed" stays a disagreement), how many independent documents report it (near
copies count once).

Claims and denials. A report is a *denial* when someone denies the act it tells ("the RSF denied
shelling the camp": status `denied`, `according_to` the RSF). A denial is filed and merged with
the real events (status class `real`), since it answers one. The event's facts come from the
reports that affirm it, and a denial never changes them:

- `status` is the most common status among the affirming reports; only an event that no report
  affirms (every report a denial) is `denied`.
- `disputed_by` lists each denier, once per denying sentence, from the denial reports and from the
  denials that extraction linked to a claim in the same document (`Mention.disputed_by`: "The RSF
  denied the accusation"), but never one who is also a claimant: a denier on the same side as the
  `according_to` of an affirming report (same name, or the same country's government and forces)
  does not dispute it. A report in its own voice is the outlet's claim, which no actor shares.
  The list is empty while no report affirms the event.
- counts, dates, place, actors and notes come from the affirming reports; `n_mentions`,
  `n_sources` and the report dates count every report, denials included.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable

from .mention import REAL_STATUSES, Document, Mention, flat

FAMILIES = {
    "ASSAULT": "violence", "COERCE": "violence",
    "PROTEST": "protest",
    "MOBILIZE": "posture", "RETREAT": "posture",
    "ACCUSE": "verbal", "REJECT": "verbal", "THREATEN": "verbal", "REQUEST": "verbal",
    "AGREE": "cooperate", "CONSULT": "cooperate", "SUPPORT": "cooperate", "COOPERATE": "cooperate",
    "CONCEDE": "cooperate", "AID": "aid", "SANCTION": "sanction",
}

DATE_SLACK_DAYS = 1  # reports disagree by a day around midnight and time zones
QUALIFIER_RE = re.compile(r"\s*\([^)]*\)")
UNDATED_DAYS = 3  # a mention without a date: the days before its publication
STATE = {"GOV", "MIL"}  # a country's government and its forces speak for one side
ACTOR_COLUMNS = ("actor1", "actor1_country", "actor1_kind", "actor2", "actor2_country", "actor2_kind")


def ordinal(day: str) -> int:
    """The ordinal of an ISO date (a timestamp's date)."""
    return dt.date.fromisoformat(day[:10]).toordinal()


def family(plover_type: str) -> str:
    return FAMILIES.get(plover_type, plover_type.lower())


def status_class(report: Report) -> str:
    """Which reports may merge: `real` for occurred and ongoing ones and for denials (which answer a
    real event's claim), else the status."""
    return "real" if report.status in REAL_STATUSES or report.denial else report.status


def bare(name: str | None) -> str:
    """A canonical name without qualifiers such as "(Turkey-backed)", lower case."""
    return QUALIFIER_RE.sub("", name or "").strip().lower()


def same_party(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two actor objects (CONTRACT shape) speak for one party: the same name, or the same
    country's government or forces."""
    if not a or not b:
        return False
    if bare(a.get("name")) and bare(a.get("name")) == bare(b.get("name")):
        return True
    return bool(a.get("country")) and a.get("country") == b.get("country") and {a.get("kind"), b.get("kind")} <= STATE


@dataclass
class Report:
    """One mention flattened with what merging needs from its document (a mentions table row)."""

    id: str
    doc_id: str
    original_id: str  # the document itself, or the one it copies
    idx: int
    type: str
    status: str
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: str | None = None
    actor1_country: str | None = None
    actor1_kind: str | None = None
    actor2: str | None = None
    actor2_country: str | None = None
    actor2_kind: str | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    published: str | None = None
    source: str | None = None
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    confidence: float = 0.5
    quantities: list[dict[str, Any]] = field(default_factory=list)
    lead: bool = False  # the event its document's headline and first paragraph report
    according_to: dict[str, Any] | None = None  # who the claim comes from (an actor object), None: the report's voice
    disputed_by: list[dict[str, Any]] = field(default_factory=list)  # denials linked to it in its document

    @classmethod
    def from_mention(cls, m: Mention, doc: Document) -> Report:
        a1, a2, place, date = m.actor1, m.actor2, m.location, m.date
        return cls(
            id=m.event_id, doc_id=m.doc_id, original_id=doc.duplicate_of or doc.id, idx=m.index,
            type=m.type, status=m.status, mode=m.mode,
            acled_event_type=(m.acled or {}).get("event_type"),
            acled_sub_event_type=(m.acled or {}).get("sub_event_type"),
            actor1=a1 and a1.name, actor1_country=a1 and a1.country, actor1_kind=a1 and a1.kind,
            actor2=a2 and a2.name, actor2_country=a2 and a2.country, actor2_kind=a2 and a2.kind,
            location=place and (place.name or place.text), country=place and place.country,
            admin1=place and place.admin1,
            latitude=place and place.lat, longitude=place and place.lon, geo_precision=place and place.precision,
            date_start=date and date.start, date_end=date and (date.end or date.start),
            date_precision=date and date.precision, published=doc.published, source=doc.source,
            sentence=m.sentence, sentence_start=m.start, sentence_end=m.end, confidence=m.confidence,
            quantities=[q.to_json() for q in m.quantities], lead=m.lead,
            according_to=m.according_to.to_json() if m.according_to else None,
            disputed_by=[d.to_json(m.doc_id) for d in m.disputed_by],
        )

    def row(self) -> dict[str, Any]:
        return flat(self)

    @property
    def denial(self) -> bool:
        """Someone denies the act this report tells (Mention.denier)."""
        return self.status == "denied" and self.according_to is not None

    def denial_entry(self) -> dict[str, Any]:
        """This denial as a `disputed_by` entry: the denier with where it says so (Dispute.to_json)."""
        return {**(self.according_to or {}), "doc_id": self.doc_id, "mention_id": self.id, "sentence": self.sentence,
                "sentence_start": self.sentence_start, "sentence_end": self.sentence_end}

    def actor1_key(self) -> str | None:
        """Who acted: the canonical name without qualifiers, else country and kind."""
        if self.actor1:
            return bare(self.actor1)
        return f"{self.actor1_country}/{self.actor1_kind}" if self.actor1_country else None

    def actors(self) -> set[str]:
        """Keys naming this mention's actors: canonical names without qualifiers such as
        "(Turkey-backed)", else country and kind."""
        keys = set()
        for name, country, kind in ((self.actor1, self.actor1_country, self.actor1_kind),
                                    (self.actor2, self.actor2_country, self.actor2_kind)):
            if name:
                keys.add(bare(name))
            elif country:
                keys.add(f"{country}/{kind}")
        return keys

    @cached_property
    def span(self) -> tuple[int, int] | None:
        """The inclusive ordinal-day range of the mention's own date (None: undated)."""
        if not self.date_start:
            return None
        return ordinal(self.date_start), ordinal(self.date_end or self.date_start)

    @cached_property
    def days(self) -> tuple[int, int] | None:
        """The inclusive ordinal-day range this mention can refer to, widened by the slack (computed
        once: a report never changes, and merging asks for it often)."""
        if self.date_start:
            lo, hi = self.date_start, self.date_end or self.date_start
        elif self.published:
            lo = hi = self.published
            return ordinal(lo) - UNDATED_DAYS, ordinal(hi)
        else:
            return None
        return ordinal(lo) - DATE_SLACK_DAYS, ordinal(hi) + DATE_SLACK_DAYS

    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def span_days(r: Report) -> int:
    return ordinal(r.date_end or r.date_start) - ordinal(r.date_start)


def consensus_date(reports: list[Report]) -> Report | None:
    """The report whose date stands for the event: among the most precise, the date most independent
    sources give, ties to the earliest report (a new report never silently moves an event's day)."""
    dated = [r for r in reports if r.date_start]
    if not dated:
        return None
    finest = min(span_days(r) for r in dated)
    precise = [r for r in dated if span_days(r) == finest]
    votes = Counter((r.date_start, r.date_end) for r in {r.original_id: r for r in precise}.values())
    return min(precise, key=lambda r: (-votes[(r.date_start, r.date_end)], r.published or "9999", r.id))


def most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def disputes(reports: list[Report]) -> list[dict[str, Any]]:
    """Who disputes an event, by the rule in this module's docstring: each denier once per denying
    sentence, in document and text order; nobody while no report affirms the event."""
    claims = [r for r in reports if not r.denial]
    claimants = [r.according_to for r in claims if r.according_to]
    found: dict[tuple[str, int, str], dict[str, Any]] = {}
    for r in reports if claims else ():
        for d in [r.denial_entry()] if r.denial else r.disputed_by:
            if not any(same_party(d, c) for c in claimants):
                found.setdefault((d["doc_id"], d["sentence_start"], bare(d.get("name"))), d)
    return [found[k] for k in sorted(found)]


@dataclass
class Event:
    """One real-world event and every report of it; `id` is its first mention's id."""

    id: str
    reports: list[Report] = field(default_factory=list)

    def claims(self) -> list[Report]:
        """The reports that affirm the event: all but the denials (all of them when none affirms it)."""
        return [r for r in self.reports if not r.denial] or self.reports

    def summary(self) -> dict[str, Any]:
        """The events table row: consensus fields, provenance, count disagreement and disputes (the
        rules are in this module's docstring)."""
        every, rs = self.reports, self.claims()
        best_actor = max(rs, key=lambda r: (len(r.actors()), r.confidence))
        placed = [r for r in rs if r.location]
        best_place = min(placed, key=lambda r: (not r.placed(), r.geo_precision or 3, -r.confidence), default=None)
        best_date = consensus_date(rs)
        reported = sorted(r.published for r in every if r.published)
        counts = self.counts()
        killed = [v["value"] for v in counts.get("killed", [])]
        return {
            "id": self.id, "type": most_common(r.type for r in rs), "family": family(rs[0].type),
            "mode": most_common(r.mode for r in rs),
            "acled_event_type": most_common(r.acled_event_type for r in rs),
            "acled_sub_event_type": most_common(r.acled_sub_event_type for r in rs),
            "status": most_common(r.status for r in rs),
            **{k: getattr(best_actor, k) for k in ACTOR_COLUMNS},
            **{k: getattr(best_place, k) if best_place else None
               for k in ("location", "country", "admin1", "latitude", "longitude", "geo_precision")},
            **{k: getattr(best_date, k) if best_date else None for k in ("date_start", "date_end", "date_precision")},
            "first_reported": reported[0] if reported else None,
            "last_reported": reported[-1] if reported else None,
            "n_mentions": len(every), "n_sources": len({r.original_id for r in every}),
            "fatalities": int(min(killed)) if killed else None,
            "fatalities_max": int(max(killed)) if killed else None,
            "counts_disagree": int(any(len(v) > 1 for v in counts.values())),
            "quantities": counts,
            "notes": max(rs, key=lambda r: r.confidence).sentence,
            "lead": int(any(r.lead for r in every)),
            "disputed_by": disputes(every),
        }

    def counts(self) -> dict[str, list[dict[str, Any]]]:
        """Per kind of count, each distinct value with the independent documents that give it (denials
        aside: a count a denier names is the claim it denies)."""
        out: dict[str, dict[float, set[str]]] = {}
        for r in self.claims():
            for q in r.quantities:
                values = out.setdefault(q["what"], {})
                for value in (q["value"], q.get("most")):  # a report's own figure and the highest other account
                    if value is not None:
                        values.setdefault(value, set()).add(r.original_id)
        return {what: [{"value": v, "sources": sorted(docs)} for v, docs in sorted(values.items())]
                for what, values in sorted(out.items())}
