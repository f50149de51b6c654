"""In-document coreference: one mention per event told in a sentence, arguments shared across nearby sentences.

Triggers of one type in one sentence with compatible actors become one mention, keeping every word
that told it; across nearby sentences a mention missing an argument borrows it from a coreferent
mention (same type, same actor1); anaphoric nouns ("the attack" told again) and actorless side
remarks survive only when they bring a count of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from ..dates import day_key
from ..model import Actor, Mention, Quantity
from ..quantities import find_quantities
from .background import moved_on
from .lexicon import Spec


@dataclass
class Trigger:
    """A word that starts an event, with the reading the lexicon gave it and where it stands."""

    token: Token
    spec: Spec
    sent: Span
    sent_index: int
    offset: int  # the block's offset in the document


@dataclass
class Draft:
    """A mention being assembled, with what later steps need to know."""

    trigger: Trigger
    mention: Mention
    anaphoric: bool = False
    lemmas: set[str] = field(default_factory=set)  # trigger words of every draft merged into this one
    main: bool = False  # told as a clause's own act (`headline_act`), by this draft or one merged into it
    count: Quantity | None = None  # the victims' number read from the parse, when the words alone miss it
    earlier: bool = False  # told as the time of another act ('following last night's clashes'): an act of its own


COREF_WINDOW = 2  # sentences
RETOLD_ACT = re.compile(  # a sentence that opens on the act told before it: "The strike killed three people"
    r"^(?:the|this|that|saturday's|sunday's|monday's|tuesday's|wednesday's|thursday's|friday's) (?:[\w-]+ )?"
    r"(?:strike|attack|raid|bombing|shelling|assault|barrage)s?\b",
    re.IGNORECASE,
)
SAID_ON = "the day it was said: "  # a date's reason when it hangs on the reporting verb, not on the act


TELLING_MODES = {
    "sexual",
    "abduct",
    "suicide-attack",
    "explosives",
    "aerial",
    "drone",
    "heavy-weapons",
    "unconventional",
    "crowd-control",
    "beat",
    "riot",
    "destroy",
    "targeted",
    "disarm",
}  # acts whose word alone says what happened


def merge_same_sentence(drafts: list[Draft]) -> list[Draft]:
    """One mention per type and actor pair in a sentence; the one with most arguments leads."""
    out: list[Draft] = []
    for d in drafts:
        twin = next(
            (
                o
                for o in out
                if o.mention.type == d.mention.type
                and not (o.earlier != d.earlier and tells_own_toll(o if o.earlier else d))
                and compatible(o.mention.actor1, d.mention.actor1)
                and (o.mention.status == d.mention.status or nested(o.trigger.token, d.trigger.token))
            ),
            None,
        )
        if twin is None:
            out.append(d)
            continue
        lead, other = (twin, d) if rank(twin.mention) >= rank(d.mention) else (d, twin)
        fill(lead.mention, other.mention, refine_place=True)
        lead.anaphoric = lead.anaphoric and other.anaphoric
        lead.lemmas = lead.lemmas | other.lemmas  # "killed ... while recapturing": one event, told by both words
        lead.main = lead.main or other.main
        lead.count = lead.count or other.count
        out[out.index(twin)] = lead
    return out


def tells_own_toll(d: Draft) -> bool:
    """An act told as the time of another with a toll of its own ('following last night's clashes that left 23
    dead') is an act of its own; without one ('killed following a cattle raid') it is the same act."""
    tok = d.trigger.token
    phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text
    return any(q.what in ("killed", "injured") for q in find_quantities(phrase))


def embedded(inner: Token, outer: Token) -> bool:
    """`inner` is inside `outer`'s phrase, not merely coordinated with it."""
    node = inner
    while node.head.i != node.i and node.dep_ != "conj":
        node = node.head
        if node.i == outer.i:
            return True
    return False


def nested(a: Token, b: Token) -> bool:
    """One trigger inside the other's phrase ('a campaign to recapture ...')."""
    return embedded(a, b) or embedded(b, a)


def compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name


def rank(m: Mention) -> tuple:
    """Which of two coreferent mentions leads: the one with more actors, then the main clause's."""
    return bool(m.actor1) + bool(m.actor2), m.confidence, bool(m.location), bool(m.date and m.date.text)


def refine(first: Mention, again: Mention) -> None:
    """An act told again ('the fighting, which broke out on Wednesday in a town in Negros Occidental') gives its
    first telling a finer place in the same country and a date told on the act itself, not on a 'said'. Only
    when it can be the same act: the same actor (or none said) and the same day (unless the first date is a 'said')."""
    said = first.date is not None and (first.date.reason or "").startswith(SAID_ON)
    if not compatible(first.actor1, again.actor1) or not (said or same_event_day(first, again)):
        return
    place, told = again.location, first.location
    if place is not None and (told is None or place.precision < told.precision and told.country == place.country):
        first.location = place
    dated = again.date and again.date.text and not (again.date.reason or "").startswith(SAID_ON)
    if dated and (first.date is None or not first.date.text or (first.date.reason or "").startswith(SAID_ON)):
        first.date = again.date
    elif dated and finer_day(again.date, first.date):  # "earlier this week" told again "on Monday afternoon"
        first.date = again.date


def finer_day(day, span) -> bool:
    """Whether a date is one day inside a wider span (a week, a month) of the same act."""
    return bool(
        day.precision == "day"
        and span is not None
        and span.precision in ("week", "month")
        and day.start
        and span.start
        and span.end
        and span.start <= day.start <= span.end
    )


@lru_cache(maxsize=256)
def counts_casualties(sentence: str) -> bool:
    """Whether a sentence counts people killed or hurt."""
    return any(q.what in ("killed", "injured") for q in find_quantities(sentence))


def same_words(a: Actor | None, b: Actor | None) -> bool:
    """Two roles filled by the one phrase of a text (not two rival militias, each told by its own words)."""
    return a is not None and b is not None and a.text == b.text and a.start == b.start


def fill(lead: Mention, other: Mention, refine_place: bool = False) -> None:
    """Copy the arguments `lead` lacks from a coreferent mention (a finer place and the mode too, within one
    sentence: `refine_place`)."""
    lead.actor1 = lead.actor1 or other.actor1
    counted = counts_casualties(lead.sentence)  # its own victims: "14 civilians have been killed"
    lead.actor2 = lead.actor2 or (None if counted and other.start != lead.start else other.actor2)
    if same_words(lead.actor1, lead.actor2):
        lead.actor2 = None  # "shot dead in a shootout with police": the police shot, they were not shot too
    if other.location and (
        lead.location is None or refine_place and other.location.precision < lead.location.precision
    ):
        lead.location = other.location
    if (
        lead.date
        and not lead.date.text
        and other.date
        and other.date.text
        and (other.start <= lead.start or other.date.precision == "day")
    ):  # a later sentence's month or year ("clashes erupted in July 2023") is the war's time, not the act's
        lead.date = other.date
    if refine_place:  # how an act was done is told in its own sentence; another sentence may tell another act
        lead.mode = lead.mode or other.mode


def corefer(drafts: list[Draft]) -> list[Mention]:
    """Fill arguments across nearby coreferent mentions; anaphoric ones survive only with new counts."""
    out = []
    turn = moved_on([d.mention for d in drafts])
    for i, d in enumerate(drafts):
        m = d.mention
        near = [
            o
            for o in drafts
            if o is not d
            and o.mention.type == m.type
            and not o.anaphoric
            and abs(o.trigger.sent_index - d.trigger.sent_index) <= COREF_WINDOW
        ]
        if d.anaphoric or m.actor1 is None:
            before = [o for o in near if o.trigger.sent_index <= d.trigger.sent_index and o.mention.actor1]
            first = [o for o in near if o.trigger.sent_index < d.trigger.sent_index]
            if d.anaphoric and first:
                refine(first[-1].mention, m)
            if not before:
                if d.anaphoric:
                    continue
            else:
                fill(m, before[-1].mention)
                if RETOLD_ACT.match(m.sentence):  # "... launched a drone attack. The strike killed three": by drone
                    m.mode = m.mode or before[-1].mention.mode
            main_clause = d.main
            telling = m.type in ("ASSAULT", "PROTEST") and m.mode in TELLING_MODES  # "after having been raped"
            if (
                d.anaphoric or not m.actor1 and not m.actor2 and not main_clause and not telling
            ) and not find_quantities(m.sentence):
                continue  # told again, or nobody acts in a side remark: nothing new to report
        else:
            for o in near:
                if o.mention.actor1 and m.actor1 and o.mention.actor1.name == m.actor1.name and not (
                    turn is not None and o.mention.start >= turn > m.start
                ):  # not from "In a separate attack, the Taliban ..." or what follows it: another act
                    fill(m, o.mention)
        out.append(m)
    return out


def renumber(mentions: list[Mention]) -> list[Mention]:
    for i, m in enumerate(sorted(mentions, key=lambda m: (m.start, m.trigger_start))):
        m.index = i
    return sorted(mentions, key=lambda m: m.index)


def same_event_day(a: Mention, b: Mention) -> bool:
    """Dates that can be the same event's: either undated in its sentence, or overlapping spans."""
    if not (a.date and a.date.text and b.date and b.date.text):
        return True
    if not (a.date.start and b.date.start):  # days named in a report with no date to count from
        ka, kb = day_key(a.date.text), day_key(b.date.text)
        return not (ka and kb) or bool(ka & kb)
    return bool(
        a.date.start
        and b.date.start
        and a.date.start <= (b.date.end or b.date.start)
        and b.date.start <= (a.date.end or a.date.start)
    )
