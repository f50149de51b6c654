"""Agreements read from text: AGREE, CONSULT and RETREAT mentions that establish, extend,
suspend, resume or end a ceasefire, truce, zone or exchange.

A mention counts when its sentence names such an agreement ("ceasefire", "truce",
"de-escalation zone", "prisoner swap"...). What it does to the agreement is read from the words
between its trigger and that noun ("agreed to *extend* the ceasefire"), else from the cue nearest
the noun ("*pulled out of* the ceasefire"), else from its type (an agreement establishes); talks
are talks. Each mention joins the known agreement it concerns best (match.py); an establishing
mention that joins none starts a detected agreement when it says where the agreement applies
("a ceasefire in Hodeidah", "the Idlib truce") — the place of a signing ("struck in Sochi") is
not a zone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..model import REAL_STATUSES, Agreement, Change
from .match import Said, best, concerns
from .parties import ActorSpec, Party, side_of
from .zone import Zone, ZonePlace

if TYPE_CHECKING:
    from ..store import Store

STATUS_TYPES = ("AGREE", "CONSULT", "RETREAT")
KIND_CUES = [(kind, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for kind, words in (
    ("ceasefire", r"cease[- ]?fires?|armistice|cessation of hostilities"),
    ("truce", r"truces?|humanitarian pauses?"),
    ("de-escalation zone", r"de-?escalation (?:zones?|areas?)|demilitari[sz]ed zones?|buffer zones?|safe zones?"
                           r"|observation (?:posts?|points?)"),
    ("exchange", r"(?:prisoner|captive|hostage|detainee)s?(?: exchanges?| swaps?)|(?:exchanges?|swaps?) of (?:prisoners|captives|detainees|bodies)"),
)]
ACTION_CUES = [(action, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for action, words in (
    ("end", r"collaps\w*|ended|ends|ending|end(?= (?:the|a|an|its|their)\b)|end of|broke down|break(?:s|ing)? down|breakdown"
            r"|terminat\w*|expired?|expires|scrap\w*|abandon\w*|pull\w* out|withdr[ae]w\w* from|no longer in (?:force|effect)"),
    ("suspend", r"suspen\w*|put on hold|froze|frozen|freez\w*"),
    ("resume", r"resum\w*|reinstat\w*|restor\w*|reviv\w*"),
    ("extend", r"extend\w*|extension|prolong\w*|renew\w*|expand\w*"),
    ("establish", r"agree\w*|reach\w*|struck|strikes?|sign\w*|announc\w*|declar\w*|broker\w*|establish\w*|set up"
                  r"|t[ao]ke?s? effect|took effect|c[oa]me into (?:force|effect)|enter\w* into (?:force|effect)|implement\w*"),
)]
KIND_WORDS = ("cease", "armistice", "hostilities", "truce", "pause", "escalation", "demilitari", "zone", "observation p",
              "exchange", "swap")  # what every KIND_CUES match contains
DEFAULT_ACTION = {"AGREE": "establish", "RETREAT": "establish"}
ZONE_GAP_RE = re.compile(r"^\s*(?:in|for|around|across|along|over|covering|near|of)\s+(?:[a-z'’-]+\s+){0,4}$")  # "in the port city of"


@dataclass
class Step:
    """What one mention says happened to an agreement."""

    said: Said
    kind: str
    action: str
    zone: dict[str, Any] | None  # the mention's place when the sentence says the agreement applies there


def nouns(sentence: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every agreement noun in a sentence."""
    return sorted((kind, m.start(), m.end()) for kind, cue in KIND_CUES for m in cue.finditer(sentence))


def cues(text: str, offset: int = 0) -> list[tuple[str, int]]:
    return [(action, m.start() + offset) for action, cue in ACTION_CUES for m in cue.finditer(text)]


def action_of(said: Said, noun: tuple[str, int, int], trigger: tuple[int, int]) -> str:
    """The action a mention reports on the agreement its noun names (talks are only talks)."""
    if said.line["type"] == "CONSULT":
        return "talks"
    lo, hi = min(trigger[0], noun[1]), max(trigger[1], noun[2])
    between = cues(said.sentence[lo:hi], lo)
    specific = [c for c in between if c[0] != "establish"]
    if specific or between:
        return min(specific or between, key=lambda c: abs(c[1] - noun[1]))[0]
    anywhere = cues(said.sentence)
    if anywhere:
        return min(anywhere, key=lambda c: abs(c[1] - noun[1]))[0]
    return DEFAULT_ACTION[said.line["type"]]


def zone_of(said: Said, noun: tuple[str, int, int], trigger: tuple[int, int]) -> dict[str, Any] | None:
    """The mention's place when the sentence ties it to the agreement noun: "ceasefire in X",
    "the X truce" — not "a deal struck in X" (the trigger stands between them)."""
    place = said.line.get("location")
    if not place or place.get("lat") is None or place.get("start") is None:
        return None
    start, end = said.local(place)
    if 0 <= noun[1] - end <= 3:  # "the Idlib truce", "Idlib's truce"
        return place
    gap = said.sentence[noun[2]:start] if start >= noun[2] else None
    if gap is None or not ZONE_GAP_RE.match(gap) or noun[2] <= trigger[0] < start:
        return None
    return place


def read_step(said: Said) -> Step | None:
    """The step a status mention reports, or None when it names no agreement."""
    found = nouns(said.sentence)
    if not found:
        return None
    trigger = said.local(said.line["trigger"])
    noun = min(found, key=lambda n: min(abs(n[1] - trigger[1]), abs(trigger[0] - n[2])))
    return Step(said, noun[0], action_of(said, noun, trigger), zone_of(said, noun, trigger))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class AgreementDetector:
    """Assigns steps, in date order, to declared agreements and to agreements it detects."""

    def __init__(self, declared: list[Agreement], document: Callable[[str], str]):
        self.declared, self.document = declared, document
        self.detected: list[Agreement] = []
        self.links: list[tuple[str, str, str, str]] = []  # agreement id, mention id, action, date

    def add(self, step: Step) -> None:
        exchange = step.kind == "exchange"
        fitting = [a for a in self.declared + self.detected if (a.kind == "exchange") == exchange]
        chosen = best(fitting, lambda a: concerns(a, step.said, self.document, every_actor=False))
        if chosen:
            target = chosen[0]
        elif step.action == "establish" and step.zone and step.said.line["type"] != "CONSULT" and step.said.actors():
            target = self.start(step)
        else:
            return
        self.links.append((target.id, step.said.id, step.action, step.said.lo))
        if target.origin == "detected":
            target.history.append(Change(step.said.lo, step.action, mention_id=step.said.id, until=step.said.hi))
            if step.action in ("establish", "extend"):
                self.widen(target, step)

    def start(self, step: Step) -> Agreement:
        place = step.zone
        base = f"{slug(step.kind)}-{slug(place['text'])}-{step.said.lo}"
        taken, ident, n = {a.id for a in self.declared + self.detected}, base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        agreement = Agreement(ident, f"{step.kind.capitalize()} in {place['text']}", step.kind, "detected", parties=[], zone=Zone())
        self.detected.append(agreement)
        return agreement

    @staticmethod
    def widen(agreement: Agreement, step: Step) -> None:
        """Parties and places an establishing or extending mention adds to a detected agreement."""
        for actor in step.said.actors():
            if side_of(agreement.parties, actor) is None:
                agreement.parties.append(Party(actor["name"], ActorSpec.of(actor)))
        place = step.zone
        if place and not agreement.zone.containing(place["lat"], place["lon"], place.get("country"), place.get("admin1")):
            agreement.zone.places.append(ZonePlace(place["text"], place["lat"], place["lon"], place.get("country"),
                                                   place.get("admin1"), place.get("precision") or 1))
        if place:
            agreement.keywords = sorted({*agreement.keywords, place["text"]})


def detect(store: Store, declared: list[Agreement], document: Callable[[str], str]) -> AgreementDetector:
    """Read every real AGREE, CONSULT and RETREAT mention of the store into agreement steps."""
    said = [s for s in map(Said.from_row, store.said(STATUS_TYPES, REAL_STATUSES, KIND_WORDS)) if s]
    said.sort(key=lambda s: (s.hi, s.lo != s.hi, s.doc_id, s.id))  # by the last day each may be about, precise first
    detector = AgreementDetector(declared, document)
    for step in filter(None, map(read_step, said)):
        detector.add(step)
    return detector
