"""Background: what a report says of the war's past rather than of the event it reports.

"The fighting has killed tens of thousands since April 2023", "more than 230,000 people have been
killed since 2011", "in 2016 government forces besieged the city": cumulative tolls and history.
A count is cumulative when its clause says since when, or so far, or in total, or when its sentence
is in the perfect and counts since when, over a war, or by the hundreds; a mention is background
when its own clause is cumulative, or when its stated date ends more than ten days before the report.
Cumulative counts are kept as `total_<what>` so that they never pass for an event's toll.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Mention, Quantity

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
    r"|over the (?:past|last) (?:\w+ )?(?:years|decades?)|throughout the (?:war|conflict)"
    r"|in the course of the (?:war|conflict)"
    rf"|{WAR_WORDS}(?: \w+){{0,3}} {OUTCOME_PERFECT}"
    rf"|(?:war|conflict|insurgency|uprising|crisis) that {OUTCOME_PERFECT})\b",
    re.IGNORECASE,
)
PERFECT_RE = re.compile(
    r"\b(?:has|have|had)(?: \w+ly)? (?:been |so far |now )?"
    r"(?:\w+ed|killed|slain|left|claimed|taken|driven|fled|forced|seen)\b",
    re.IGNORECASE,
)
SINCE_RE = re.compile(r"\b(?:since|so far|to date|in total|over the (?:past|last))\b", re.IGNORECASE)
WAR_RE = re.compile(
    r"\b(?:killed|died|dead|displaced|lost their lives)(?: [\w-]+){0,3} (?:in|during|throughout|since) "
    r"(?:the |its |their |[\w-]+['\u2019]s )(?:[\w/-]+ ){0,3}(?:war|conflict|insurgency|uprising)\b",
    re.IGNORECASE,
)
AGGREGATE_RE = re.compile(r"\b(?:hundreds|thousands|tens of thousands|hundreds of thousands|millions)\b", re.IGNORECASE)
HISTORY_DAYS = 10  # an event dated this long before its report is background, not the report's news


def segment(sentence: str, start: int, end: int) -> str:
    """The clause around a span: between the nearest ', ' or ';' on each side (not '230,000')."""
    left = max(sentence.rfind(", ", 0, start), sentence.rfind("; ", 0, start))
    right = [i for i in (sentence.find(", ", end), sentence.find("; ", end)) if i >= 0]
    return sentence[left + 1 : min(right) if right else len(sentence)]


def cumulative(sentence: str, start: int, end: int) -> bool:
    """Whether the words at sentence[start:end] sit in a cumulative clause: one that says since when or so
    far, or a sentence in the perfect that counts since when, the dead of a war, or by the hundreds."""
    if CUMULATIVE_RE.search(segment(sentence, start, end)):
        return True
    if not PERFECT_RE.search(sentence):
        return False
    return bool(SINCE_RE.search(sentence) or WAR_RE.search(sentence) or AGGREGATE_RE.search(sentence[start : end + 40]))


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


def is_background(m: Mention) -> bool:
    """A cumulative clause around the trigger, or fighting explicitly dated well before the report."""
    if cumulative(m.sentence, m.trigger_start - m.start, m.trigger_end - m.start):
        return True
    if m.type not in HISTORY_TYPES:
        return False
    d = m.date
    if d and d.text and d.end and d.anchor and d.precision != "unknown":
        return (dt.date.fromisoformat(d.anchor) - dt.date.fromisoformat(d.end)).days > HISTORY_DAYS
    return False
