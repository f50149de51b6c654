"""Event merging: mentions that tell the same real-world event become one Event.

Two mentions are the same event (ACLED's rule generalised) when their PLOVER types fall in
one family, their statuses agree (a threat never merges with the attack it threatens),
their dates lie a day apart at most, their actors are compatible and on the same side (two
first actors differ only in a clash, which each side tells), and their places lie within a
radius that fits the coarser of the two precisions. The event's date is the one most sources
give, ties to the first report: a later report does not move it. An Event keeps every source, the earliest and
latest report, how many independent documents report it (near copies count once) and
every count each source gives: "2 killed" against "5 killed" stays a disagreement.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Container, Iterable

from ..geodesy import km
from ..model import REAL_STATUSES, Document, Mention, flat

FAMILIES = {
    "ASSAULT": "violence", "COERCE": "violence",
    "PROTEST": "protest",
    "MOBILIZE": "posture", "RETREAT": "posture",
    "ACCUSE": "verbal", "REJECT": "verbal", "THREATEN": "verbal", "REQUEST": "verbal",
    "AGREE": "cooperate", "CONSULT": "cooperate", "SUPPORT": "cooperate", "COOPERATE": "cooperate",
    "CONCEDE": "cooperate", "AID": "aid", "SANCTION": "sanction",
}
RADIUS_KM = {1: 15.0, 2: 50.0, 3: 250.0}  # by the coarser place precision of the pair
DATE_SLACK_DAYS = 1  # reports disagree by a day around midnight and time zones
QUALIFIER_RE = re.compile(r"\s*\([^)]*\)")
UNDATED_DAYS = 3  # a mention without a date: the days before its publication
DAY_BUCKET = 8  # days per bucket of the merger's candidate index


def family(plover_type: str) -> str:
    return FAMILIES.get(plover_type, plover_type.lower())


def status_class(status: str) -> str:
    return "real" if status in REAL_STATUSES else status


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

    @classmethod
    def from_mention(cls, m: Mention, doc: Document) -> Report:
        a1, a2, place, date = m.actor1, m.actor2, m.location, m.date
        return cls(
            id=m.event_id, doc_id=m.doc_id, original_id=doc.duplicate_of or doc.id, idx=m.index,
            type=m.type, status=m.status, mode=m.mode,
            acled_event_type=(m.acled or {}).get("event_type"), acled_sub_event_type=(m.acled or {}).get("sub_event_type"),
            actor1=a1 and a1.name, actor1_country=a1 and a1.country, actor1_kind=a1 and a1.kind,
            actor2=a2 and a2.name, actor2_country=a2 and a2.country, actor2_kind=a2 and a2.kind,
            location=place and (place.name or place.text), country=place and place.country, admin1=place and place.admin1,
            latitude=place and place.lat, longitude=place and place.lon, geo_precision=place and place.precision,
            date_start=date and date.start, date_end=date and (date.end or date.start),
            date_precision=date and date.precision, published=doc.published, source=doc.source,
            sentence=m.sentence, sentence_start=m.start, sentence_end=m.end, confidence=m.confidence,
            quantities=[q.to_json() for q in m.quantities],
        )

    def row(self) -> dict[str, Any]:
        return flat(self)

    def actor1_key(self) -> str | None:
        """Who acted: the canonical name without qualifiers, else country and kind."""
        if self.actor1:
            return QUALIFIER_RE.sub("", self.actor1).strip().lower()
        return f"{self.actor1_country}/{self.actor1_kind}" if self.actor1_country else None

    def actors(self) -> set[str]:
        """Keys naming this mention's actors: canonical names without qualifiers such as
        "(Turkey-backed)", else country and kind."""
        keys = set()
        for name, country, kind in ((self.actor1, self.actor1_country, self.actor1_kind),
                                    (self.actor2, self.actor2_country, self.actor2_kind)):
            if name:
                keys.add(QUALIFIER_RE.sub("", name).strip().lower())
            elif country:
                keys.add(f"{country}/{kind}")
        return keys

    @cached_property
    def span(self) -> tuple[int, int] | None:
        """The inclusive ordinal-day range of the mention's own date (None: undated)."""
        if not self.date_start:
            return None
        return dt.date.fromisoformat(self.date_start[:10]).toordinal(), dt.date.fromisoformat((self.date_end or self.date_start)[:10]).toordinal()

    @cached_property
    def days(self) -> tuple[int, int] | None:
        """The inclusive ordinal-day range this mention can refer to, widened by the slack (computed
        once: a report never changes, and merging asks for it often)."""
        if self.date_start:
            lo, hi = self.date_start, self.date_end or self.date_start
        elif self.published:
            lo = hi = self.published
            return dt.date.fromisoformat(lo).toordinal() - UNDATED_DAYS, dt.date.fromisoformat(hi).toordinal()
        else:
            return None
        return dt.date.fromisoformat(lo[:10]).toordinal() - DATE_SLACK_DAYS, dt.date.fromisoformat(hi[:10]).toordinal() + DATE_SLACK_DAYS

    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def same_place(a: Report, b: Report) -> bool:
    if a.placed() and b.placed():
        radius = RADIUS_KM.get(max(a.geo_precision or 1, b.geo_precision or 1), RADIUS_KM[3])
        return km(a.latitude, a.longitude, b.latitude, b.longitude) <= radius
    if a.country and b.country and a.country != b.country:
        return False
    return bool(a.actors() & b.actors())  # unplaced: only when an actor is positively shared


def same_what_when_where(a: Report, b: Report) -> bool:
    """Type family, status class, dates and place agree (actors aside)."""
    if family(a.type) != family(b.type) or status_class(a.status) != status_class(b.status):
        return False
    da, db = (a.span, b.span) if a.span and b.span else (a.days, b.days)  # dated reports: a day apart at most
    slack = DATE_SLACK_DAYS if a.span and b.span else 0
    if da and db and (da[1] + slack < db[0] or db[1] + slack < da[0]):
        return False
    return same_place(a, b)


def actors_agree(ka: set[str], kb: set[str]) -> bool:
    return not (ka and kb) or bool(ka & kb)


def compatible(a: Report, b: Report) -> bool:
    """Could these two mentions tell the same real-world event?"""
    return same_what_when_where(a, b) and actors_agree(a.actors(), b.actors()) and same_side(a, b)


TWO_SIDED = {"Armed clash"}  # a battle told by each side names the other second: one event


def same_side(a: Report, b: Report) -> bool:
    """Who acted agrees: a capture by the rebels and a capture by the army are two events, not one told
    twice; only a clash, which each side tells as its own, may join opposite first actors."""
    k1, k2 = a.actor1_key(), b.actor1_key()
    if not k1 or not k2 or k1 == k2:
        return True
    return a.acled_sub_event_type in TWO_SIDED and b.acled_sub_event_type in TWO_SIDED


def span_days(r: Report) -> int:
    return dt.date.fromisoformat((r.date_end or r.date_start)[:10]).toordinal() - dt.date.fromisoformat(r.date_start[:10]).toordinal()


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


@dataclass
class Event:
    """One real-world event and every report of it; `id` is its first mention's id."""

    id: str
    reports: list[Report] = field(default_factory=list)

    def fits(self, report: Report) -> bool:
        """Agrees with every report on what, when and where, and shares an actor with one of them
        (reports name actors partially: "rebels attacked" and "troops were hit" join one event)."""
        return (all(same_what_when_where(r, report) and same_side(r, report) for r in self.reports)
                and actors_agree(set().union(*(r.actors() for r in self.reports)), report.actors()))

    def summary(self) -> dict[str, Any]:
        """The events table row: consensus fields, provenance and count disagreement."""
        rs = self.reports
        best_actor = max(rs, key=lambda r: (len(r.actors()), r.confidence))
        placed = [r for r in rs if r.location]
        best_place = min(placed, key=lambda r: (not r.placed(), r.geo_precision or 3, -r.confidence), default=None)
        best_date = consensus_date(rs)
        reported = sorted(r.published for r in rs if r.published)
        counts = self.counts()
        killed = [v["value"] for v in counts.get("killed", [])]
        return {
            "id": self.id, "type": most_common(r.type for r in rs), "family": family(rs[0].type),
            "mode": most_common(r.mode for r in rs),
            "acled_event_type": most_common(r.acled_event_type for r in rs),
            "acled_sub_event_type": most_common(r.acled_sub_event_type for r in rs),
            "status": most_common(r.status for r in rs),
            **{k: getattr(best_actor, k) for k in ("actor1", "actor1_country", "actor1_kind", "actor2", "actor2_country", "actor2_kind")},
            **{k: getattr(best_place, k) if best_place else None
               for k in ("location", "country", "admin1", "latitude", "longitude", "geo_precision")},
            **{k: getattr(best_date, k) if best_date else None for k in ("date_start", "date_end", "date_precision")},
            "first_reported": reported[0] if reported else None,
            "last_reported": reported[-1] if reported else None,
            "n_mentions": len(rs), "n_sources": len({r.original_id for r in rs}),
            "fatalities": int(min(killed)) if killed else None,
            "fatalities_max": int(max(killed)) if killed else None,
            "counts_disagree": int(any(len(v) > 1 for v in counts.values())),
            "quantities": counts,
            "notes": max(rs, key=lambda r: r.confidence).sentence,
        }

    def counts(self) -> dict[str, list[dict[str, Any]]]:
        """Per kind of count, each distinct value with the independent documents that give it."""
        out: dict[str, dict[float, set[str]]] = {}
        for r in self.reports:
            for q in r.quantities:
                out.setdefault(q["what"], {}).setdefault(q["value"], set()).add(r.original_id)
        return {what: [{"value": v, "sources": sorted(docs)} for v, docs in sorted(values.items())]
                for what, values in sorted(out.items())}


Region = tuple[str, str, int | None]  # family, status class, DAY_BUCKET-day bucket (None: a report without days)
Loader = Callable[[str, str, list[int | None] | None, Container[str]], Iterable[Event]]
CAPACITY = 50_000  # events a store-backed merger holds after trimming, at most (a few KB each)


def regions(report: Report) -> list[Region]:
    """Where the merger files a report: its family and status class with each bucket its days
    touch, or with None when it has no days (no date, no publication date)."""
    key = family(report.type), status_class(report.status)
    days = report.days
    if days is None:
        return [(*key, None)]
    return [(*key, bucket) for bucket in range(days[0] // DAY_BUCKET, days[1] // DAY_BUCKET + 1)]


class EventMerger:
    """Assigns each new report to the best-fitting known event, or opens a new one.

    Candidates come from an index of events by region (`regions`), so adding a report costs
    the events around its dates, not every event known. Given `load`, the merger starts empty
    and asks the store for a region's events the first time a report needs that region
    (`load(family, status class, buckets or None for all of them, events held)`): a report with
    days needs its buckets and its family's "no days" region, one without days every event of
    its family and status class. A loaded event is never loaded again while held, so every
    event is one object; `trim` forgets the least recently used regions. The choice is the
    eager one: the fitting candidates of a report are the same events, and the best is the
    maximum of (affinity, id), whatever order they came in.
    """

    def __init__(self, events: Iterable[Event] = (), load: Loader | None = None, capacity: int = CAPACITY):
        self.by_family: dict[str, dict[str, Event]] = {}  # every event held
        self.filed: dict[Region, dict[str, Event]] = {}
        self.complete: OrderedDict[Region | tuple[str, str], None] = OrderedDict()  # regions (a (family, status
        # class) pair: all of its regions) whose stored events are all held; least recently used first
        self.load, self.capacity = load, capacity
        for event in events:
            self.hold(event)

    def hold(self, event: Event) -> None:
        self.by_family.setdefault(family(event.reports[0].type), {})[event.id] = event
        for report in event.reports:
            self.index(event, report)

    def index(self, event: Event, report: Report) -> None:
        for region in regions(report):
            self.filed.setdefault(region, {})[event.id] = event

    def fetch(self, key: tuple[str, str], buckets: list[int | None] | None) -> None:
        """Hold every stored event of these regions of `key` (None: all of its regions)."""
        if self.load is None:
            return
        if key in self.complete:
            self.complete.move_to_end(key)
            return
        if buckets is None:
            wanted, missing = [key], None
        else:
            wanted = [(*key, b) for b in buckets]
            missing = [r[2] for r in wanted if r not in self.complete]
        if missing != []:  # None: all of them
            for event in self.load(*key, None if buckets is None else missing, self.by_family.get(key[0], {})):
                self.hold(event)
        for region in wanted:
            self.complete[region] = None
            self.complete.move_to_end(region)

    def candidates(self, report: Report) -> Iterable[Event]:
        """Every event that can fit the report: all of its family for a report without days, else
        those with a report of the same family and status class on one of its days, or without days."""
        key = family(report.type), status_class(report.status)
        filed = regions(report)
        if filed[0][2] is None:
            self.fetch(key, None)
            return self.by_family.get(key[0], {}).values()
        buckets = [None, *(r[2] for r in filed)]
        self.fetch(key, buckets)
        found: dict[str, Event] = {}
        for bucket in buckets:
            found.update(self.filed.get((*key, bucket), {}))
        return found.values()

    def add(self, report: Report) -> Event:
        """The event the report joins (its `reports` now include it)."""
        candidates = [e for e in self.candidates(report) if e.fits(report)]
        if candidates:
            event = max(candidates, key=lambda e: (self.affinity(e, report), e.id))
        else:
            event = Event(id=report.id)
            self.by_family.setdefault(family(report.type), {})[event.id] = event
        event.reports.append(report)
        self.index(event, report)
        return event

    @staticmethod
    def affinity(event: Event, report: Report) -> int:
        """Shared evidence: actors in common and reports of the same story or document."""
        keys = report.actors()
        return sum(len(keys & r.actors()) + (r.original_id == report.original_id) for r in event.reports)

    def events(self) -> list[Event]:
        return [e for group in self.by_family.values() for e in group.values()]

    def trim(self) -> None:
        """Past `capacity` events held, keep the most recently used complete regions whose events
        number half of it at most and forget every other event. Call it only when the events
        held are all stored (between batches): a forgotten event is read again from the store."""
        if self.load is None or sum(map(len, self.by_family.values())) <= self.capacity:
            return
        kept: dict[str, Event] = {}
        regions_kept = []
        for region in reversed(self.complete):
            if len(region) == 2:
                members = {e.id: e for e in self.by_family.get(region[0], {}).values()
                           if status_class(e.reports[0].status) == region[1]}
            else:
                members = self.filed.get(region, {})
            new = {i: e for i, e in members.items() if i not in kept}
            if len(kept) + len(new) > self.capacity // 2:
                break
            kept.update(new)
            regions_kept.append(region)
        held = self.events()
        self.by_family, self.filed = {}, {}
        for event in held:
            if event.id in kept:
                self.hold(event)
        self.complete = OrderedDict.fromkeys(reversed(regions_kept))


def merge(pairs: Iterable[tuple[Document, list[Mention]]]) -> list[Event]:
    """Merge the mentions of extracted documents (copies already marked) into events."""
    merger = EventMerger()
    for doc, mentions in pairs:
        for m in mentions:
            if not m.background:
                merger.add(Report.from_mention(m, doc))
    return merger.events()
