"""The lead event: the one act that a report's headline and first paragraph tell.

Among the mentions that happened (occurred or ongoing) and are not background: ACLED-coded acts
before statements; acts told in their own right before those told only as another's time or place;
then those whose toll the headline gives; then those that share the most words with the headline;
then those in the lead zone (the headline and first paragraph); then those with a toll; then
confidence; then the earliest.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from ..model import REAL_STATUSES, Mention
from ..quantities import find_quantities
from .background import SEPARATE_RE, apart, is_history, moved_on
from .coref import SAID_ON, same_event_day
from .scene import main_place_only

TITLE_CHARS = 200  # blocks shorter than this before the first paragraph are headline, byline, date lines
WORD_RE = re.compile(r"[^\W_]{3,}|\d+")
STOP = {
    "said",
    "says",
    "with",
    "from",
    "that",
    "this",
    "have",
    "were",
    "after",
    "over",
    "into",
    "their",
    "they",
    "about",
    "more",
    "than",
    "least",
    "people",
    "news",
    "report",
    "reports",
    "according",
    "killed",
    "kills",
}


def lead_zone_end(blocks: list[tuple[int, int]]) -> int:
    """End offset of the headline and first paragraph: up to the first block of paragraph length."""
    for start, end in blocks:
        if end - start >= TITLE_CHARS:
            return end
    return blocks[-1][1] if blocks else 0


STEM = 5  # words compared by their first letters: "clash"/"clashes", "Ethiopia's"/"Ethiopian", "forces"/"force"


def words(text: str | None) -> set[str]:
    """A text's content words, each cut to its first STEM letters, and its numbers as digits."""
    found = (NUMBER_WORDS.get(w, w) for w in WORD_RE.findall((text or "").lower()) if w not in STOP)
    return {w if w.isdigit() else w[:STEM] for w in found}


NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}


def told_toll(m: Mention, headline: set[str]) -> int:
    """2 when the headline gives this mention's count of the dead ('Gunmen ... kill 13', 'Thirteen officers were
    killed'), 1 when only its count of the hurt, else 0: the dead lead a headline's toll."""
    told = {q.what for q in m.quantities if float(q.value).is_integer() and str(int(q.value)) in headline}
    return 2 if "killed" in told else int("injured" in told)


def mark_lead(
    mentions: list[Mention], zone_end: int, title: str | None = None, earlier: frozenset[int] = frozenset()
) -> Mention | None:
    """Set `lead` on the one mention that best stands for the report's main event (its news before its history),
    and return it. Acts told only as the time or the place of another (`earlier`: their ids) come after the acts
    they serve."""
    live = [m for m in mentions if m.status in REAL_STATUSES and not m.background]
    if not live:
        return None
    headline = words(title)

    def rank(m: Mention) -> tuple:
        shared = min(len(headline & words(m.sentence)), 3)
        toll = any(q.what == "killed" for q in m.quantities)
        return (
            m.acled is not None,
            not is_history(m),
            id(m) not in earlier,
            told_toll(m, headline),
            shared,
            not SEPARATE_RE.search(m.sentence),  # "In a separate attack ...": not the report's news, unless headlined
            m.start < zone_end,
            toll,
            round(m.confidence, 2),
            -m.start,
        )

    lead = max(live, key=rank)
    lead.lead = True
    return lead


RETOLD_CHARS = 400  # about the two sentences after the lead's
SAID_REACH = 1200  # how far a lead dated by the day it was told looks for the act's own day (a few paragraphs)
BARE_TOLL_WORDS = 4  # a headline clause this short ("12 dead") is the toll of the act beside it


def retellings(lead: Mention, mentions: list[Mention], reach: int = RETOLD_CHARS) -> Iterator[Mention]:
    """The mentions of the next sentences (`reach` characters) that tell the lead's act again: same type, real,
    neither background nor told as a separate act."""
    for m in sorted(mentions, key=lambda m: m.start):
        if lead.end <= m.start < lead.end + reach and m.type == lead.type and m.status in REAL_STATUSES:
            if not apart(m):
                yield m


def retold_toll(lead: Mention, mentions: list[Mention]) -> None:
    """A lead attack whose own sentence counts no dead takes the count of the dead that the next sentences give
    the same act ('Maoists detonated an IED on Monday, targeting a vehicle ...' then 'Nine people lost their
    lives when their vehicle was blown up'), not that of an act told as separate or recalled."""
    if lead.type != "ASSAULT" or any(q.what == "killed" for q in lead.quantities):
        return
    for m in retellings(lead, mentions):
        told = [q for q in m.quantities if q.what == "killed"]
        if told:
            lead.quantities.extend(told)
            return


TOLL_WORDS = {"killed", "died", "dead", "perished", "slain", "lives", "death", "deaths"}  # a sentence that tells a toll
UPDATED_RE = re.compile(  # a toll that grew since ('rose to 30', 'has now climbed to'): the report's latest figure
    r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|now|later|updated|latest|final|revised|raising|bringing)\b",
    re.IGNORECASE,
)
HEDGED_RE = re.compile(
    r"\b(?:as many as|may have|might have|could have|feared|also reported|other reports)\b", re.IGNORECASE
)


def other_accounts(lead: Mention, mentions: list[Mention]) -> list[Mention]:
    """The report's other accounts of the lead attack's toll, higher than its own: a later sentence that only tells
    the dead of the same act, on someone else's word or hedged ('But an army officer said "about 30" troops had
    been killed', 'As many as 30 people may have died in the attack'), with no other doer, place or day, and no
    growth of the toll ('rose to 30'). The lead keeps its own figure and takes theirs as its `most`; those
    mentions are dropped, so that an account is not a second event. Returns the mentions kept."""
    own = max((q for q in lead.quantities if q.what == "killed"), key=lambda q: q.value, default=None)
    if lead.type != "ASSAULT" or own is None:
        return mentions
    turn = moved_on(mentions, lead.start)
    folded = [
        m
        for m in mentions
        if m is not lead
        and lead.end <= m.start
        and (turn is None or m.start < turn)
        and m.type == lead.type
        and not apart(m)
        and m.trigger.lower() in TOLL_WORDS
        and (m.according_to is not None or HEDGED_RE.search(m.sentence))
        and not UPDATED_RE.search(m.sentence)
        and (m.actor1 is None or m.actor1.kind == "UAF" or m.actor1.name == (lead.actor1.name if lead.actor1 else None))
        and (unplaced(m) or lead.location is None or m.location.name == lead.location.name)
        and same_event_day(m, lead)
        and most_killed(m) > own.value
    ]
    if not folded:
        return mentions
    lead.quantities[lead.quantities.index(own)] = replace(own, most=max(map(most_killed, folded)))
    return [m for m in mentions if not any(m is f for f in folded)]


RIVAL_RE = re.compile(  # "six people had died but a survivor said up to 19 were killed": a second account between
    r"\b(?:but|while|whereas)\b[^.;]{0,80}?\b(?:said|says|told|claimed|reported|put|puts|gave|estimated|counted)\b"
    r"|\b(?:said|says|told|claimed|reported)\b[^.;]{0,60}?\b(?:but|while|whereas)\b",
    re.IGNORECASE,
)


def rival_accounts(m: Mention) -> None:
    """Two tolls of the dead in one sentence that are two sources' accounts ('A militia leader said six people had
    died but a survivor said up to 19 were killed'): the first stays the count, the higher other its `most`."""
    killed = sorted((q for q in m.quantities if q.what == "killed" and q.start is not None), key=lambda q: q.start)
    if len(killed) < 2:
        return
    first, *rest = killed
    between = [(q, m.sentence[first.end - m.start : q.start - m.start]) for q in rest]
    rivals = [q for q, gap in between if q.value > first.value and RIVAL_RE.search(gap)]
    if rivals:
        m.quantities = [q for q in m.quantities if q not in rivals]
        m.quantities[m.quantities.index(first)] = replace(first, most=max(q.value for q in rivals))


def most_killed(m: Mention) -> float:
    """The highest count of the dead a mention gives (0 without one)."""
    return max((q.value for q in m.quantities if q.what == "killed"), default=0)


def unplaced(m: Mention) -> bool:
    """A mention whose own words place it nowhere (at most at the document's main place)."""
    return m.location is None or main_place_only(m.location)


VAGUE_TOLL_RE = re.compile(r"\b(?:dozens|scores|several|a few|hundreds|many)\b", re.IGNORECASE)


def precise_toll(lead: Mention, mentions: list[Mention]) -> None:
    """A lead attack whose toll is a word for many ('Gunmen kill dozens in Mali attack') takes the figure that the
    next sentences give the same act ('killing at least 38 people')."""
    vague = [q for q in lead.quantities if q.what == "killed" and VAGUE_TOLL_RE.search(q.text)]
    if lead.type != "ASSAULT" or not vague or len(vague) < sum(q.what == "killed" for q in lead.quantities):
        return
    for m in retellings(lead, mentions):
        told = [q for q in m.quantities if q.what == "killed" and not VAGUE_TOLL_RE.search(q.text)]
        if told:
            lead.quantities = [q for q in lead.quantities if q not in vague] + told[:1]
            return


def retold_day(lead: Mention, mentions: list[Mention]) -> None:
    """A lead attack that no words of its own date takes the day that the next sentences give the same act ('Suspected
    Ambazonia fighters kill three soldiers' then 'They were killed on Sunday, February 14'), when it is a day; so does
    one dated only by the day someone spoke of it ('24 civilians have been killed, the mayor said on Tuesday' then,
    paragraphs on, 'Separatists on Sunday attacked the village'), when the act's own day is no later."""
    said = lead.date is not None and (lead.date.reason or "").startswith(SAID_ON)
    if lead.type != "ASSAULT" or lead.date is None or lead.date.text and not said:
        return
    for m in retellings(lead, mentions, SAID_REACH if said else RETOLD_CHARS):
        d = m.date
        if d and d.text and d.precision == "day" and not (d.reason or "").startswith(SAID_ON):
            if said and not (d.end and lead.date.end and d.end <= lead.date.end):
                continue
            lead.date = d
            return


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each clause of a text joined by semicolons ('Leader beheaded; 18 rebels slain')."""
    starts = [0] + [m.end() for m in re.finditer("; ", text)]
    ends = [s - 2 for s in starts[1:]] + [len(text)]
    return list(zip(starts, ends))


def bare_toll(clause: str) -> bool:
    """A clause too short to tell an act of its own ('12 dead'): the toll of the act beside it."""
    return len(clause.split()) <= BARE_TOLL_WORDS


def headline_toll(lead: Mention, mentions: list[Mention], title: str | None) -> None:
    """A lead attack whose own sentence counts no dead takes the toll of the dead its headline gives ('Gunmen
    kill at least 12 civilians' over 'armed men burst into the village and shot at people'), unless another
    mention of the report carries that count; of a headline of clauses joined by semicolons, the clause that tells
    the lead's act. The headline is not in the text: the count has no offsets."""
    if not title or lead.type != "ASSAULT" or any(q.what == "killed" for q in lead.quantities):
        return
    parts = [title[a:b] for a, b in clauses(title)]  # "Muslim leader beheaded in Namuno; 18 rebels slain": two acts
    if len(parts) > 1:  # the lead's clause, else a bare toll ("Army shells town; 12 dead")
        own = [c for c in parts if lead.trigger in c]
        title = "; ".join(own + [c for c in parts if c not in own and bare_toll(c)])
    told = next((q for q in find_quantities(title) if q.what == "killed"), None)
    if told is None or any(q.what == "killed" and q.value == told.value for m in mentions for q in m.quantities):
        return
    lead.quantities.append(replace(told, start=None, end=None))
