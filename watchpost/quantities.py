"""Counts in a sentence: killed, injured, displaced, arrested, troops, vehicles.

"nearly 1 million people driven from their homes" → displaced 1000000, approximate;
"two soldiers were killed" → killed 2; "dozens of protesters were arrested" → arrested 24, approximate.
"""
from __future__ import annotations

import math
import re

from .model import Quantity

UNITS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1})
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "tens of thousands": 20_000,
         "hundreds of thousands": 200_000, "millions": 2_000_000, "a dozen": 12, "dozen": 12, "several": 3, "a few": 3}
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine)"
APPROX = (r"(?:nearly|almost|about|around|some|roughly|approximately|an estimated|estimated|more than|over|at least|up to|"
          r"close to|as many as|no fewer than|no less than|not less than|fewer than|less than|at most)")
FLOOR_RE = re.compile(r"\b(?:more than|over|at least|no fewer than|no less than|not less than|upwards of|in excess of)\s*$", re.I)
CEILING_RE = re.compile(r"\b(?:up to|as many as|(?<!no )fewer than|(?<!no )less than|at most)\s*$", re.I)


def bound(words_before: str) -> str | None:
    """'at least' when the words before a count make it a floor, 'at most' when a ceiling, else None."""
    if FLOOR_RE.search(words_before):
        return "at least"
    return "at most" if CEILING_RE.search(words_before) else None
NUMBER = (r"(?:" + TENS + r"|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:e\d+)?|" + "|".join(sorted(list(VAGUE) + list(WORDS), key=len, reverse=True)) + r")"
          r"(?:[ -](?:hundred|thousand|million|billion))?")
QUANTITY_RE = re.compile(rf"(?<![\^\-−.:\d])\b(?:({APPROX}) )?({NUMBER})\b(?=((?:[ -][\w()'’-]+){{0,10}}))", re.IGNORECASE)
OUTCOMES = [  # (what, words that say it), checked in order
    ("killed", r"\b(killed|dead|died|deaths?|death toll|lives|executed|massacred|slain|martyred|beheaded|decapitated|"
               r"murdered|slaughtered|lynched|gunned down|hacked to death|burn(?:ed|t) alive)\b"),  # "martyred":
    # South Asian and Middle Eastern usage for the deaths of one's own side
    ("injured", r"\b(injured|wounded|hurt|injuries)\b"),
    ("displaced", r"\b(displaced|driven from|fled|forced from|uprooted|homeless|evacuated|refugees)\b"),
    ("arrested", r"\b(arrested|detained|jailed|rounded up|taken into custody|abducted|kidnapped)\b"),
    ("troops", r"^\W*(?:\w+ ){0,2}(troops|soldiers|fighters|forces|personnel|servicemen|reinforcements)\b"),
    ("vehicles", r"^\W*(?:\w+ ){0,2}(vehicles|tanks|armou?red vehicles|trucks|convoys)\b"),
]
VERB_BEFORE = [  # "the strike killed 14 people": the outcome verb stands right before the count
    ("killed", r"\b(kill(?:ed|ing|s)?|massacred|executed|slew|beheaded|murdered|slaughtered|lynched|gunned down|"
               r"shot dead|shot and killed|(?:took|claimed|cost) the lives of)\s+$"),
    ("killed", r"\b(death toll)(?:\s+[\w-]+){0,8}?\s+(?:to|at|of|reached|hit)\s+$"),  # "the death toll rose to 40"
    ("killed", r"\b(deaths?|killings?)\s+of\s+$"),  # "resulted in the death of ten civilians"
    ("injured", r"\b(wound(?:ed|ing|s)?|injur(?:ed|ing|es))\s+$"),
    ("displaced", r"\b(displac(?:ed|ing|es)|uproot(?:ed|ing|s)?)\s+$"),
    ("arrested", r"\b(arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|abduct(?:ed|ing|s)?|kidnapp?(?:ed|ing|s)?|jail(?:ed|ing|s)?)\s+$"),
]
MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
DATE_BEFORE_RE = re.compile(rf"\b{MONTHS}\.?\s+$", re.IGNORECASE)  # "March 14": a day, not a count
DATE_AFTER_RE = re.compile(rf"^\s+(?:of\s+)?{MONTHS}\b", re.IGNORECASE)  # "14 March"
YEAR_RE = re.compile(r"(?:19|20)\d\d")
DAY_BEFORE_RE = re.compile(rf"\b{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+$", re.IGNORECASE)  # "Jun 05, 2025"
YEAR_BEFORE_RE = re.compile(r"\b(?:in|since|until|till|by|of|from|the|a|an|its|their|this|that|early|late|mid|before|after|during|between|and|to)[\s-]+$", re.IGNORECASE)
# "a soldier was killed" counts one; "a drone strike killed", "a displaced persons camp" count nobody
ONE_RE = re.compile(r"^\s+(?:[\w'-]+\s+){1,3}?(?:(?:was|is|has been|had been|got)\s+(?:\w+\s+)?"
                    r"(?:killed|wounded|injured|hurt|arrested|detained|abducted|kidnapped|executed|displaced|martyred|"
                    r"beheaded|murdered|lynched)|died)\b",
                    re.IGNORECASE)
# "23 people, including seven children, were killed": the outcome comes after an aside
ASIDE_RE = re.compile(r"^(?:[ -][\w-]+){0,3},\s+(?:including|among them|most of them|many of them|mostly|some of them)\b"
                      r"[^,.;]*,(?:[ -][\w-]+){1,4}", re.IGNORECASE)
PERSON_AFTER_RE = re.compile(r"^\s+(?:[\w'-]+\s+){0,2}?(?:soldier|ranger|policeman|officer|civilian|man|woman|child|boy|girl|"
                             r"villager|farmer|student|teacher|journalist|worker|guard|fighter|militant|rebel|commander|"
                             r"leader|member|resident|passenger|driver|doctor|nurse|trooper|peacekeeper|person|chief|official|"
                             r"elder|priest|imam|pastor|cleric|judge|lawyer|activist|politician|lawmaker|general|colonel|"
                             r"captain|sergeant|lieutenant|mayor|governor|reporter|photographer|worshipper|pilgrim|herder|"
                             r"shepherd|trader|businessman|engineer|contractor|couple|terrorist|insurgent|jihadist|gunman|attacker|"
                             r"bandit|guerrilla|extremist|suspect)\b", re.IGNORECASE)
PART_OF_RE = re.compile(  # "Twelve of the slain militants", "five of the dead": a part of a toll counted elsewhere
    r"^\s+of\s+(?:the|those)\s+(?:[\w-]+\s+)?(?:slain|dead|killed|victims|deceased|bodies)\b", re.IGNORECASE
)
FAMILY = r"(?:entire\s+)?(?:family|household)\s+of\s"  # "a family of eight": the eight are the count
FAMILY_RE = re.compile(r"\b(?:an?|the|whole|entire)\s+" + FAMILY + r"+$", re.IGNORECASE)  # "killed a family of eight":
# the count told as if right after the verb
FAMILY_AFTER_RE = re.compile(r"\s+" + FAMILY, re.IGNORECASE)  # "a family of eight was killed": not one
COUPLE_RE = re.compile(r"^\s+(?:married |elderly |young )?couple\b", re.IGNORECASE)  # "a couple were killed": two
KILLED_OR_HURT_RE = re.compile(r"\s*(?:and|or|&|and/or)\s+(?:[a-z]+ly\s+)?(?:injured|wounded|hurt)\b", re.IGNORECASE)
KINDS = ("troops", "vehicles")  # what a count is of, not what befell it
NOT_A_NOUN = {"and", "or", "in", "on", "at", "of", "near", "when", "as", "after", "before", "during", "including", "while", "since", "across"}


def to_number(text: str) -> tuple[float, bool] | None:
    """(value, vague) for a number phrase: digits, words, '1.5 million', 'thousands'."""
    t = text.lower().replace(",", "").replace("-", " ").strip()
    if t in VAGUE:
        return VAGUE[t], True
    parts = t.split()
    scale = UNITS.get(parts[-1], 1) if len(parts) > 1 else 1
    if scale > 1:
        parts = parts[:-1]
    head = parts[0]
    try:
        value = float(head) if head[0].isdigit() else WORDS[head]
        if len(parts) > 1:  # "fifty two": tens and units
            value += WORDS[parts[1]]
    except (KeyError, ValueError, IndexError):
        return None
    value *= scale
    if not math.isfinite(value) or value > 1e10:
        return None  # "1e400 killed": not a count
    return value, False


def find_quantities(sentence: str, offset: int = 0) -> list[Quantity]:
    """Counts of people or materiel in one sentence, offsets into the document."""
    out = []
    for m in QUANTITY_RE.finditer(sentence):
        approx_word, number, tail = m.group(1), m.group(2), m.group(3) or ""
        parsed = to_number(number)
        if parsed is None or re.match(r"^\s*(km|miles?|kilometres?|kilometers?|percent|%|years?|months?|weeks?|days?|hours?|am|pm)\b", tail, re.I):
            continue
        if re.match(r"^[-\s]*(year|month|week|day)", tail, re.I):
            continue
        if PART_OF_RE.match(tail):
            continue  # "Twelve of the slain militants had died in Kalat": a part of a toll counted elsewhere
        value, vague = parsed
        if value <= 0:
            continue  # "0000 AD": no count of anyone
        value = int(value) if float(value).is_integer() else value
        before = sentence[:m.start()]
        if number.isdigit() and (DATE_BEFORE_RE.search(before) or DATE_AFTER_RE.match(sentence[m.end(2):])):
            continue
        if YEAR_RE.fullmatch(number) and not approx_word and (YEAR_BEFORE_RE.search(before) or DAY_BEFORE_RE.search(before)):
            continue  # "the 2022 offensive", "in 2019", "Jun 05, 2025"
        rest = sentence[m.end(2):]
        if number.lower() == "a" and COUPLE_RE.match(rest):
            value, rest = 2, re.sub(r"\bwere\b", "was ", rest, count=1)  # one couple, two people; same length
        if number.lower() in ("a", "an") and FAMILY_AFTER_RE.match(rest):
            continue  # "a family of eight was killed": the eight count, not the family
        one = ONE_RE.match(rest) if number.lower() in ("a", "an") else None
        family = FAMILY_RE.search(before)
        told = before[: family.start()] if family else before
        verb = next(((hit.start(1), what) for what, pattern in VERB_BEFORE if (hit := re.search(pattern, told, re.IGNORECASE))), None)
        if number.lower() in ("a", "an") and not one and not (verb and PERSON_AFTER_RE.match(rest)):
            continue  # "a drone strike killed": nobody counted; "killed a ranger": one
        if verb:
            start, what = verb
            end = m.end(2)
            noun = re.match(r"\s+([^\W\d_]+)", sentence[end:])
            if noun and noun.group(1).lower() not in NOT_A_NOUN:
                end += noun.end()
        else:
            window = rest[:one.end()] if one else re.split(r"\d", tail)[0]  # what follows belongs to the next number
            if not any(re.search(pattern, window, re.IGNORECASE) for what, pattern in OUTCOMES if what not in KINDS) \
                    and (aside := ASIDE_RE.match(rest)):
                window = aside.group(0)  # "seven soldiers, including two officers, were killed": killed, not troops
            hits = [(hit.end(), what) for what, pattern in OUTCOMES if (hit := re.search(pattern, window, re.IGNORECASE))]
            casualties = [h for h in hits if h[1] not in KINDS]
            if not hits:
                continue
            hit_end, what = min(casualties or hits)  # an outcome (killed...) before a category (troops...)
            if what == "killed" and KILLED_OR_HURT_RE.match(rest, len(m.group(2)) + hit_end - len(number)):
                continue  # "eight people were killed and injured": the dead and the wounded together, neither count
            start, end = m.start(), m.end(2) + hit_end
        out.append(Quantity(what=what, value=value, approximate=bool(approx_word) or vague,
                            text=sentence[start:end].strip(), start=offset + start, end=offset + end,
                            bound=bound(sentence[:m.start(2)])))
    return out
