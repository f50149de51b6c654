"""Violations: stored events linked to an agreement, observed apart from accused.

Observed: a real ASSAULT, COERCE or MOBILIZE event placed at a town or district (precision 1
or 2) inside the zone — by a place one of its sentences names, not one inferred from the rest of
the document — within the period, with a party or a client among the actors its mentions name. The party held responsible is the side of the event's acting actor (actor1)
when it is bound; otherwise none (a non-party acted against a party).

Accused: an ACCUSE, PROTEST, REQUEST or REJECT mention that speaks of a violation
("violations", "breach", "broke the truce", "responsible for the collapse"), whose named actors
are all bound by the agreement, dated within the period and referring to the agreement
(match.py). The accused is actor2 — actor1 for REJECT ("X violated the truce").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..model import REAL_STATUSES, Agreement, flat
from .match import Said, best, concerns
from .parties import side_of

if TYPE_CHECKING:
    from ..store import Store

OBSERVED_TYPES = ("ASSAULT", "COERCE", "MOBILIZE")
ACCUSATION_TYPES = ("ACCUSE", "PROTEST", "REQUEST", "REJECT")
MAX_PRECISION = 2  # a province-wide place cannot put an event inside a zone
VIOLATION_RE = re.compile(
    r"\bviolat\w*|\bbreach\w*"
    r"|\b(?:broke|broken|break\w*)\b(?:\W+\w+){0,4}?\W+(?:cease[- ]?fires?|truces?|deals?|agreements?|accords?|memorandum)\b"
    r"|\b(?:responsib\w*|blam\w*)\b[^.;]{0,60}\bcollapse", re.IGNORECASE)
NOT_A_TRUCE_RE = re.compile(r"\b(?:violat|breach)\w*\s+(?:\w+\s+){0,3}?(?:sovereignty|airspace|territor\w*|borders?|law|rights"
                            r"|resolutions?|sanctions?)\b", re.IGNORECASE)  # violations of something else
VIOLATION_WORDS = ("violat", "breach", "broke", "break", "collapse")


@dataclass
class Violation:
    """One event linked to one agreement."""

    agreement_id: str
    event_id: str
    kind: str  # "observed" or "accused"
    party: str | None  # the party held responsible (its own act or its client's), if bound
    actor: str | None  # who acted (observed) or who accuses (accused), as reported
    mention_id: str  # the accusing mention; for an observed event, its first mention (the event id)
    areas: list[str] | None  # the zone's areas and places that contain an observed event
    date: str

    def row(self) -> dict[str, Any]:
        """Its violations-table row by column."""
        values = flat(self)
        values["areas"] = json.dumps(self.areas, ensure_ascii=False) if self.areas is not None else None
        return values


def placed_in_sentence(line: dict[str, Any]) -> bool:
    """Whether a mention's place is named in its own sentence (not the document's main place)."""
    place = line.get("location") or {}
    return place.get("start") is not None and line["start"] <= place["start"] < line["end"]


def observed(store: Store, agreement: Agreement) -> list[Violation]:
    """Real acts of force inside the agreement's zone and period that involve its parties or clients."""
    if not agreement.zone:
        return []
    start, end = agreement.period()
    inside = {}
    for event in store.events_in_period(OBSERVED_TYPES, REAL_STATUSES, MAX_PRECISION, start, end, agreement.zone.bbox()):
        areas = agreement.zone.containing(event["latitude"], event["longitude"], event["country"], event["admin1"])
        if areas:
            inside[event["id"]] = (event, areas)
    out = []
    for event_id, lines in store.event_lines(inside).items():
        event, areas = inside[event_id]
        actors = [a for line in lines for a in (line.get("actor1"), line.get("actor2"))]
        if not any(map(placed_in_sentence, lines)) or not any(side_of(agreement.parties, a) for a in actors):
            continue
        acting = next((line["actor1"] for line in lines if (line.get("actor1") or {}).get("name") == event["actor1"]), None)
        doer = side_of(agreement.parties, acting)
        out.append(Violation(agreement.id, event_id, "observed", doer[0] if doer else None, event["actor1"], event_id, areas, event["lo"]))
    return out


def accused(store: Store, agreements: list[Agreement], document: Callable[[str], str]) -> list[Violation]:
    """Reported accusations of violation, each linked to the agreements it concerns best."""
    out = []
    for row in store.said(ACCUSATION_TYPES, REAL_STATUSES, VIOLATION_WORDS):
        said = Said.from_row(row)
        if said is None or not VIOLATION_RE.search(said.sentence) or NOT_A_TRUCE_RE.search(said.sentence):
            continue
        rejects = said.line["type"] == "REJECT"
        accused_actor = said.line.get("actor1" if rejects else "actor2")
        accuser = None if rejects else (said.line.get("actor1") or {}).get("name")
        for agreement in best(agreements, lambda a: concerns(a, said, document, every_actor=True)):
            side = side_of(agreement.parties, accused_actor)
            out.append(Violation(agreement.id, said.event_id, "accused", side[0] if side else None, accuser, said.id, None, said.lo))
    return out
