"""Event merging: which mentions tell the same real-world event (the Report and Event objects are
in watchpost.model.event).

Two mentions are the same event (ACLED's rule generalised) when their PLOVER types fall in
one family, their statuses agree (a threat never merges with the attack it threatens; a
denial, "X denied shelling the camp", joins the real event it answers: model/event.py says how
the event's status and `disputed_by` follow),
their dates lie a day apart at most, their actors are compatible and on the same side (two
first actors differ only in a clash, which each side tells), and their places lie within a
radius that fits the coarser of the two precisions.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Container, Iterable

from ..geodesy import km
from ..model import Document, Event, Mention, Report, family, status_class
from ..model.event import DATE_SLACK_DAYS

RADIUS_KM = {1: 15.0, 2: 50.0, 3: 250.0}  # by the coarser place precision of the pair
DAY_BUCKET = 8  # days per bucket of the merger's candidate index


def same_place(a: Report, b: Report) -> bool:
    if a.placed() and b.placed():
        radius = RADIUS_KM.get(max(a.geo_precision or 1, b.geo_precision or 1), RADIUS_KM[3])
        return km(a.latitude, a.longitude, b.latitude, b.longitude) <= radius
    if a.country and b.country and a.country != b.country:
        return False
    return bool(a.actors() & b.actors())  # unplaced: only when an actor is positively shared


def same_what_when_where(a: Report, b: Report) -> bool:
    """Type family, status class, dates and place agree (actors aside)."""
    if family(a.type) != family(b.type) or status_class(a) != status_class(b):
        return False
    da, db = (a.span, b.span) if a.span and b.span else (a.days, b.days)  # dated reports: a day apart at most
    slack = DATE_SLACK_DAYS if a.span and b.span else 0
    if da and db and (da[1] + slack < db[0] or db[1] + slack < da[0]):
        return False
    return same_place(a, b)


def actors_agree(ka: set[str], kb: set[str]) -> bool:
    return not (ka and kb) or bool(ka & kb)


def fits(event: Event, report: Report) -> bool:
    """Agrees with every report of the event on what, when and where, and shares an actor with one of
    them (reports name actors partially: "rebels attacked" and "troops were hit" join one event)."""
    return (all(same_what_when_where(r, report) and same_side(r, report) for r in event.reports)
            and actors_agree(set().union(*(r.actors() for r in event.reports)), report.actors()))


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


Region = tuple[str, str, int | None]  # family, status class, DAY_BUCKET-day bucket (None: a report without days)
Loader = Callable[[str, str, list[int | None] | None, Container[str]], Iterable[Event]]
CAPACITY = 50_000  # events a store-backed merger holds after trimming, at most (a few KB each)


def regions(report: Report) -> list[Region]:
    """Where the merger files a report: its family and status class with each bucket its days
    touch, or with None when it has no days (no date, no publication date)."""
    key = family(report.type), status_class(report)
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
        key = family(report.type), status_class(report)
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
        candidates = [e for e in self.candidates(report) if fits(e, report)]
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
                           if status_class(e.reports[0]) == region[1]}
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
