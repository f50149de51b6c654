"""Background: what a report says of the war's past rather than of the event it reports.

"The fighting has killed tens of thousands since April 2023", "more than 230,000 people have been
killed since 2011", "in 2016 government forces besieged the city": cumulative tolls and history.
A count is cumulative when its clause says since when, or so far, or in total, or when its sentence
is in the perfect and counts since when, over a war, or by the hundreds; a mention is background
when its own clause is cumulative, or when its stated date ends more than ten days before the report.
Cumulative counts are kept as `total_<what>` so that they never pass for an event's toll. Once the lead is
known, the attacks a report recalls around it are background too (`mark_recalled`), as is what a group
habitually does (`habitual`).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from ..dates import PAST_PERIOD, day_key
from ..model import Mention, Quantity
from .lexicon import words

MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
WAR_WORDS = r"(?:war|conflict|insurgency|violence|fighting|uprising|crisis)"
OUTCOME_PERFECT = r"(?:has|have|had) (?:so far )?(?:killed|claimed|left|displaced|forced|uprooted)"
CUMULATIVE_RE = re.compile(
    r"\b(?:since (?:the (?:start|beginning|outbreak|onset)"
    r"|(?:the |its |their )?(?:war|conflict|uprising|insurgency|invasion|revolution|crisis|fighting|violence|offensive"
    r"|escalation) (?:began|started|erupted|broke out)"
    r"|(?:early |late |mid-?)?(?:19|20)\d\d"
    rf"|(?:early |late |mid-?)?{MONTHS}(?: (?:19|20)\d\d)?|then|independence)"
    r"|so far(?: this (?:year|month))?|to date|in total|in all|altogether|cumulative"
    r"|overall death toll|total death toll"
    r"|(?:toll|number|tally|total)\b[^,;]{0,40}?\b(?:this|last|past) (?:week|month|year)"  # "the number ... this month"
    r"|(?:toll|number|tally|total)\b[^,;]{0,40}?\b(?:days|weeks?|months?|years?) of "
    r"(?:fighting|clashes|violence|attacks|protests|unrest|war)"  # "raising the toll from a week of clashes to 40"
    r"|(?:over|in|during) the (?:past|last) (?:\w+ )?(?:days|weeks|months|years|decades?)"
    r"|throughout the (?:war|conflict)"
    r"|(?:this|last) (?:month|year) alone"  # "have killed more than 200 people this month alone"
    r"|(?:in|during|over) the (?:first|second|last|past) (?:half|quarter|(?:\w+ )?months)\b"  # "the first half of"
    r"|in recent (?:weeks|months|years)|across the country|nationwide|in the same period"  # "in recent months"
    r"|in (?:various|several|multiple|separate|a series of) (?:[\w-]+ )?(?:operations|attacks|incidents|clashes|raids)"
    r"|in (?:two|three|four|five|six|several|many|\d+) (?:regions|provinces|states|districts|countries)\b"
    r"|in the course of the (?:war|conflict)"
    rf"|{WAR_WORDS}(?: \w+){{0,3}} {OUTCOME_PERFECT}"
    rf"|(?:war|conflict|insurgency|uprising|crisis) that {OUTCOME_PERFECT})\b",
    re.IGNORECASE,
)
PERFECT_RE = re.compile(
    r"\b(?:has|have|had)(?: \w+ly| since| already| also)? (?:been |so far |now )?"
    r"(?:\w+ed|\w+en|killed|slain|left|claimed|driven|fled|forced|seen|spread|fought|made|had|become|begun)\b",
    re.IGNORECASE,
)
SINCE_RE = re.compile(  # "have killed 14 people in 2023": the year's tally
    r"\b(?:since|so far|to date|in total|over the (?:past|last)|this year|in (?:19|20)\d\d)\b", re.IGNORECASE
)
WAR_RE = re.compile(
    r"\b(?:killed|died|dead|displaced|lost their lives)(?: [\w-]+){0,8} (?:in|during|throughout|since) "
    r"(?:the |its |their |[\w-]+['\u2019]s )(?:[\w/-]+ ){0,3}(?:war|conflict|insurgency|uprising)\b",
    re.IGNORECASE,
)
#: A count of the dead no single attack reaches, told in the perfect ("More than 20,000 people have been killed and
#: 15 million displaced"): a war's tally; thousands are one too unless the sentence names one act ("clashes have
#: claimed more than 6,000 lives", not "1,200 people have been killed in the attack on the town").
OF_THE_DEAD = r"(?: [\w-]+){0,4}? (?:killed|dead|died|deaths|lives)\b"  # "20,000 people have been killed"
WAR_SCALE_RE = re.compile(
    r"\b(?:\d{2,3},\d{3}|\d{1,3}(?:,\d{3}){2,}|\d+(?:\.\d+)? million)" + OF_THE_DEAD, re.IGNORECASE
)
THOUSANDS_RE = re.compile(r"\b\d,\d{3}" + OF_THE_DEAD, re.IGNORECASE)
ONE_ACT_RE = re.compile(
    r"\b(?:the|an?|this|that|\w+day's) (?:[\w-]+ )?"
    r"(?:attack|bombing|strike|raid|massacre|ambush|assault|blast|explosion)\b",
    re.IGNORECASE,
)
AGGREGATE_RE = re.compile(r"\b(?:hundreds|thousands|tens of thousands|hundreds of thousands|millions)\b", re.IGNORECASE)
DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
RECENT_RE = re.compile(  # a count since a day of this week is news, not a total ("detained 20 since Tuesday night")
    rf"\b(?:since|over the (?:past|last)|in the (?:past|last))\s+(?:(?:early|late) )?"
    rf"(?:{DAYS}(?: (?:night|morning|evening|afternoon))?|yesterday|last night|this morning|dawn|the weekend|weekend"
    r"|(?:24|48|72|\d+) hours|(?:a|one|two|three|four|five|six|few|\d) days?|day)\b",
    re.IGNORECASE,
)
HISTORY_DAYS = 10  # an event dated this long before its report is background, not the report's news


def segment(sentence: str, start: int, end: int) -> str:
    """The clause around a span: between the nearest ', ' or ';' on each side (not '230,000')."""
    left = max(sentence.rfind(", ", 0, start), sentence.rfind("; ", 0, start))
    right = [i for i in (sentence.find(", ", end), sentence.find("; ", end)) if i >= 0]
    return sentence[left + 1 : min(right) if right else len(sentence)]


def cumulative(sentence: str, start: int, end: int) -> bool:
    """Whether the words at sentence[start:end] sit in a cumulative clause: one that says since when or so
    far, or a sentence in the perfect that counts since when, the dead of a war, by the hundreds, or by the tens of
    thousands. A count
    since a day of this week ('since Tuesday night', 'over the past 48 hours') is the news of those days."""
    sentence = RECENT_RE.sub(lambda m: " " * len(m.group()), sentence)  # offsets kept
    if CUMULATIVE_RE.search(segment(sentence, start, end)):
        return True
    if not PERFECT_RE.search(sentence):
        return False
    return bool(
        SINCE_RE.search(sentence)
        or WAR_RE.search(sentence)
        or AGGREGATE_RE.search(sentence[start : end + 40])
        or WAR_SCALE_RE.search(sentence)
        or THOUSANDS_RE.search(sentence) and not ONE_ACT_RE.search(sentence)
    )


def mark_cumulative(quantities: list[Quantity], sentence: str, offset: int) -> None:
    """Rename each cumulative count of a sentence ('killed' → 'total_killed')."""
    for q in quantities:
        if (
            q.start is not None
            and not q.what.startswith("total_")
            and cumulative(sentence, q.start - offset, q.end - offset)
        ):
            q.what = f"total_{q.what}"


HISTORY_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"}  # the war's past; an agreement's history
# stays a record of the agreement (the 2018 Sochi deal a 2020 report recalls is still the Sochi deal of 2018)


ONSET_RE = re.compile(  # "clashes between the army and Fano erupted in July 2023": when the war began
    r"\b(?:erupted|broke out|began|started|flared up|flared)\b[^.;]{0,60}?\bin (?:(?:early|late|mid)[- ]?)?"
    rf"(?:{MONTHS}(?:,? (?:19|20)\d\d)?|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


REMEMBERED_RE = re.compile(  # the act a remembrance is of ('the commemoration for the victims of the massacre', 'one
    # year to the day after the marathon bombing'): the text up to the act's word, within its clause
    r"\b(?:anniversary|anniversaries|commemorat\w*|memorial|remembrance|vigil|tribute|mourn\w*)\b[^.;:,]{0,80}"
    r"\b(?:of|for|to|after|since)\b[^.;:,]{0,50}$"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:years?|decades?)(?: to the day)? (?:after|since)"
    r"\b[^.;:,]{0,50}$",
    re.IGNORECASE,
)


def remembered(m: Mention) -> bool:
    """An act a commemoration or an anniversary is of: the past, not the report's news."""
    return bool(REMEMBERED_RE.search(m.sentence, 0, m.trigger_start - m.start))


def is_background(m: Mention) -> bool:
    """Fighting told in a cumulative clause ('the war has killed 230,000 since 2011'), or a total of arrests,
    protesters or displaced; protests that have gone on since March are news of an ongoing protest, and a
    grant or a deal is news whatever its clause says of the time before. Fighting told as having broken out in a
    month or a year ('clashes erupted in July 2023') is the conflict's onset; fighting a commemoration or an
    anniversary is of is history."""
    if m.type in HISTORY_TYPES and remembered(m):
        return True
    if m.type in HISTORY_TYPES and m.date and m.date.precision in ("month", "year") and ONSET_RE.search(m.sentence):
        return True
    if m.type not in HISTORY_TYPES or not cumulative(m.sentence, m.trigger_start - m.start, m.trigger_end - m.start):
        return False
    return m.type == "ASSAULT" or any(q.what.startswith("total_") for q in m.quantities)


MANY = {"numerous", "many", "several", "repeated", "frequent", "countless", "multiple", "regular", "recurrent"}


def habitual(tok: Token) -> bool:
    """An act told in the simple present of a relative clause on a plural noun: what a group does, not what it
    did ('armed gangs who raid villages, kill residents and kidnap for ransom'); or acts counted as many up to now
    ('the group has carried out numerous attacks in Borno state')."""
    if tok.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in MANY for c in tok.children):
        verb = tok.head
        return any(a.lower_ in ("has", "have") for a in verb.children if a.dep_ == "aux") or verb.tag_ in ("VBP", "VBZ")
    clause = tok
    while clause.dep_ == "conj":
        clause = clause.head
    return (
        tok.pos_ == "VERB"
        and tok.tag_ in ("VBP", "VBZ", "VB")  # "kill" after "raid": the base form of a conjoined present
        and clause.tag_ in ("VBP", "VBZ")
        and clause.dep_ == "relcl"
        and clause.head.tag_ in ("NNS", "NNPS")
    )


def is_history(m: Mention) -> bool:
    """Fighting the report dates well before its publication ('in 2016 government forces besieged the city')."""
    if m.type not in HISTORY_TYPES:
        return False
    d = m.date
    if d and d.text and d.end and d.anchor and d.precision != "unknown":
        return (dt.date.fromisoformat(d.anchor) - dt.date.fromisoformat(d.end)).days > HISTORY_DAYS
    return False


PAST_OPENING = re.compile(  # a sentence opened by a month without its day, or a past year: the report's past
    rf"^(?:(?:in|during) (?:(?:early|late|mid)[- ])?{MONTHS}(?: (?:this|last) year|,? (?:19|20)\d\d)?"
    r"|(?:in|during) (?:19|20)\d\d|last (?:year|month)|recently|previously|in recent (?:weeks|months))\s*,",
    re.IGNORECASE,
)
DAY_TOLD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|overnight|last night"
    r"|this morning)\b",
    re.IGNORECASE,
)
SITE_NOUNS = (
    "checkpoint post outpost market mosque church school hospital road highway bridge convoy spot site location"
)
SITES = sorted(
    words()["place_nouns"] | set(f"{SITE_NOUNS} building position station compound barracks garrison".split())
)
RECALL_RE = re.compile(  # "in a similar attack", "an earlier ambush", "attacked the same checkpoint": another act
    r"\b(?:(?:a|an|the|another|in) (?:similar|previous|earlier|prior) (?:[\w-]+ )?"
    r"(?:attacks?|assault|ambush|raid|bombing|blast|explosion|strike|incident|massacre|shelling|clash(?:es)?)"
    rf"|the same (?:[\w-]+ )?(?:{'|'.join(SITES)})"
    r"|^(?:earlier|previously|prior to that|before that),)",  # "Earlier, on Sunday the 22nd, the group attacked ..."
    re.IGNORECASE,
)
SEPARATE_RE = re.compile(  # "in a separate incident", "separately", "another attack": its own act, not a retelling
    r"\b(?:(?:in )?(?:a|another) separate|separately|in (?:another|a second) (?:[\w-]+ )?"
    r"(?:attacks?|incidents?|blasts?|clash(?:es)?|raids?|strikes?|ambush)|meanwhile)\b",
    re.IGNORECASE,
)


def moved_on(mentions: list[Mention], after: int = -1) -> int | None:
    """Where the report turns to a separate incident ('In a separate attack ...'): the start of the first mention
    after offset `after` told as separate, or None. What follows it tells that other story."""
    return min((m.start for m in mentions if m.start > after and SEPARATE_RE.search(m.sentence)), default=None)


def apart(m: Mention) -> bool:
    """Whether a mention tells another act than its neighbours: background, or told as separate."""
    return m.background or bool(SEPARATE_RE.search(m.sentence))


FOLLOWS_RE = re.compile(  # "the latest attack follows an ambush that killed 50": what follows it is earlier
    r"\b(?:attacks?|assault|bombing|blast|explosion|ambush|raid|strikes?|killings?|violence|incident|fighting"
    r"|encounter|operation|clash(?:es)?|gunfight|gunbattle)"
    r" (?:follows|followed|(?:comes|came)(?: [\w-]+){0,3} after)\b",  # "the encounter comes hours after"
    re.IGNORECASE,
)
PAST_PERIODS = {"week", "month", "year"}  # "last week", "earlier this month", "in August": a past period, not a day


def recalled(m: Mention, lead: Mention, earlier: bool, year: int | None = None) -> bool:
    """Whether a mention is one the report recalls around its lead, not its news: history when the lead is not
    (a report on a watchdog's finding about a spring attack is about that attack); or an attack told as the
    time or the place of another act ('comes a day after air strikes killed 15', 'the checkpoint where 12
    soldiers were killed earlier this month'), or dated to a past week, month or year that ends before the
    lead's day ('Last week, 18 civilians were killed'), or opened by a month without its day or a past year
    beside a lead told by its day ('In August, a bombing killed 15' beside 'on Monday'), which dates it even
    without the report's date; or told in another sentence as a similar, earlier or previous attack or one on
    the same place ('Militants attacked the same checkpoint on Oct. 14'), unless its own date is the lead's."""
    if m is lead or m.background:
        return False
    if is_history(m) and not is_history(lead):
        return True
    if year and lead.date and lead.date.end:
        year = int(lead.date.end[:4])  # an undated report's lead dated with its year: that year
    if year and m.date and m.date.text and m.date.end and int(m.date.end[:4]) < year:
        return m.type in HISTORY_TYPES  # an undated report's past: a year before its lead's or its text's latest
    if m.type != "ASSAULT":
        return False
    if earlier:
        return True
    d, ld = m.date, lead.date
    if m.sentence != lead.sentence and RECALL_RE.search(m.sentence) and not same_day_told(m, lead):
        return True
    if d and not d.start and d.text and PAST_PERIOD.search(d.text) and (day_told_of(lead) or not (ld and ld.text)):
        return True  # "last month" beside a lead told by its day or by no time at all, in a report with no date
    if d and d.text and d.precision in ("month", "year") and PAST_PERIOD.search(d.text) and day_told_of(lead):
        # "Earlier this month, 33 people were killed" beside news "on Monday": the toll is the report's past (an
        # act with no toll, "captured by troops earlier this month", stays an event of its own)
        return m.sentence != lead.sentence and any(q.what == "killed" for q in m.quantities)
    if d and ld and not (d.start and ld.start) and d.text and ld.text:  # no dates to compare: the days named
        gap = days_before(day_key(d.text), day_key(ld.text))
        if gap is not None and gap > HISTORY_DAYS:
            return True
    if (f := FOLLOWS_RE.search(m.sentence)) and f.end() <= m.trigger_start - m.start:
        return True
    if PAST_OPENING.match(m.sentence) and not PAST_OPENING.match(lead.sentence) and day_told_of(lead):
        return True  # "In August, a bombing killed 15" beside news told "on Monday": undated reports too
    return bool(d and d.text and d.precision in PAST_PERIODS and d.end and ld and ld.start and d.end < ld.start)


def day_told_of(lead: Mention) -> bool:
    """Whether the lead is told by its day ('on Monday', 'yesterday', 'February 3'), not by a past period."""
    ld = lead.date
    if ld and ld.text and PAST_PERIOD.search(ld.text):
        return False
    return bool(DAY_TOLD.search(lead.sentence) or ld and ld.text and day_key(ld.text))


def days_before(earlier: frozenset[str], later: frozenset[str]) -> int | None:
    """How many days the first calendar day named lies before the second ('11-6' before '11-21': 15), taking
    it in the year before when it falls later in the calendar; None unless both name a calendar day."""
    days = [next((k for k in keys if "-" in k), None) for keys in (earlier, later)]
    if None in days:
        return None
    first, second = (dt.date(2000, *map(int, k.split("-"))) for k in days)  # a leap year: 29 February fits
    return (second - first).days % 366


def same_day_told(m: Mention, lead: Mention) -> bool:
    """Whether a mention's own sentence dates it to the lead's day ('In a similar attack on Tuesday ...')."""
    d, ld = m.date, lead.date
    own = d and d.text and d.char_start is not None and m.start <= d.char_start < m.end
    if not (own and ld and ld.text):
        return False
    if d.start and ld.start:
        return d.start == ld.start and d.end == ld.end
    return bool(day_key(d.text) & day_key(ld.text))  # no date to count from: the days the words name


def mark_recalled(mentions: list[Mention], lead: Mention, earlier: frozenset[int], year: int | None = None) -> None:
    """Mark as background what the report recalls around its lead (see `recalled`): the report's past,
    whose tolls are not the report's. `year`: for a report with no date, the latest year its text names."""
    for m in mentions:
        if recalled(m, lead, id(m) in earlier, year):
            m.background = True
            m.confidence = demoted(m.confidence)


def demoted(confidence: float) -> float:
    """The confidence of a background mention: below any of the report's news."""
    return max(confidence - 0.3, 0.05)
