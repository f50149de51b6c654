"""ACLED event and sub-event types for a mention, by the codebook's rules (data/patterns/acled.yml).

A mention's PLOVER type and mode, its trigger words, its actors' sectors, the cue words of its
sentence (of the sentences around it, for context cues such as a protest) and of its victims are
matched against an ordered rule list; the first rule that fits gives the
sub-event type (or none: ACLED codes no disaster, crime or sport). The order is the codebook's
precedence: a prevented attack before the weapon named, protests by what the state did,
remote violence before battles, battles before violence against civilians.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..config import DATA_DIR
from ..model import Mention

KEY_LETTERS = 4  # a cue list's words are first sifted by their opening letters
WORD = re.compile(r"[a-z0-9'\u2019]+")
CUE_CACHE = 64  # sentences whose cue lists are kept (a document's mentions come sentence by sentence)
NOT_CUES = re.compile(
    r"\b(?:anti-?riot|riot[\s-](?:police|policemen|gear|squad|control|officers|units?|troops)"
    r"|tear gas canisters? found"
    r"|(?:the|their|its|his|her|of|for)\s+(?:arrested|detained|jailed|imprisoned)(?=\s+[a-z])"
    r"|(?:no|nor|without)\s+(?:barricades?|scuffles?|clash(?:es)?|stone[\s-]throwing|violence|injur(?:y|ies)|casualties)"
    r"|(?:tr(?:y|ied|ies|ying)|attempt(?:ed|ing|s)?|s(?:eek|eeking|ought)|bid|failed|plan(?:ned|ning|s)?)\s+to\s+"
    r"(?:take|seize|capture|overrun|storm|gain|wrest)(?:\s+(?:over|control))?"
    r"|(?:to\s+)?end(?:s|ed|ing)?\s+(?:\w+\s+){0,3}of\s+(?:fighting|clashes|war|conflict|hostilities)"
    r"|(?:killed|died|shot\s+dead)\s+(?:\w+\s+){0,4}?(?:ago|last\s+(?:week|month|year)))\b"
)  # riot police are no riot; 'the release of the arrested chief' tells of no arrest at the protest;
# 'with no barricades nor scuffle' tells of none; 'tried to take control of the airstrip' took none; 'a deal to end
# weeks of fighting' tells of none now, nor 'to honour those killed a month ago' of a killing at this protest
NO_FIGHT = re.compile(r"\b(?:without|no|nor)\s+(?:a\s+|any\s+)?(?:battle|fight|fighting|resistance|clash(?:es)?)\b")
# 'retook the town without a battle': taken unopposed, not a battle


@dataclass(frozen=True)
class CodebookRule:
    """One line of the rule list: what a mention must show, and the sub-event type it then gets."""

    sub: str | None
    type: frozenset[str] = frozenset()
    mode: frozenset[str] = frozenset()
    trigger: frozenset[str] = frozenset()
    no_trigger: frozenset[str] = frozenset()
    cue: tuple[str, ...] = ()
    no_cue: tuple[str, ...] = ()
    actor1: frozenset[str] = frozenset()
    actor2: frozenset[str] = frozenset()

    def fits(self, m: Mention, lemmas: set[str], cues: frozenset[str]) -> bool:
        if self.type and m.type not in self.type:
            return False
        if self.mode and (m.mode or "") not in self.mode:
            return False
        if self.trigger and not self.trigger & lemmas or self.no_trigger & lemmas:
            return False
        if any(c not in cues for c in self.cue) or any(c in cues for c in self.no_cue):
            return False
        if self.actor1 and (m.actor1.kind if m.actor1 else "NONE") not in self.actor1:
            return False
        return not self.actor2 or (m.actor2.kind if m.actor2 else "NONE") in self.actor2


class Codebook:
    """ACLED's types, the cue word lists and the ordered rules."""

    def __init__(self, spec: dict) -> None:
        self.event_type = {sub: pair[0] for sub, pair in spec["types"].items()}
        self.cues = {name: _cue_pattern(words) for name, words in spec["cues"].items()}
        self.cue_keys = {name: _cue_keys(words) for name, words in spec["cues"].items()}
        self.context_cues = set(spec["context_cues"])
        self.victim_cues = set(spec["victim_cues"])
        self.rules = [
            CodebookRule(
                sub=r["sub"],
                **{
                    k: frozenset(v) if k in ("type", "mode", "trigger", "no_trigger", "actor1", "actor2") else tuple(v)
                    for k, v in r.items()
                    if k != "sub"
                },
            )
            for r in spec["rules"]
        ]
        unknown = {r.sub for r in self.rules if r.sub is not None} - set(self.event_type)
        known = set(self.cues) | {f"victim:{c}" for c in self.victim_cues}
        unknown |= {c for r in self.rules for c in r.cue + r.no_cue} - known
        if unknown:
            raise ValueError(f"acled.yml names unknown sub-event types or cues: {sorted(unknown)}")
        types = {t for r in self.rules for t in r.type}
        self.rules_of_type = {t: [r for r in self.rules if not r.type or t in r.type] for t in types}  # in their order
        self.untyped_rules = [r for r in self.rules if not r.type]  # what a mention of any other type may fit
        self.cues_keyed: dict[str, set[str]] = {}  # the opening letters of a cue word -> the cue lists it opens
        for name, keys in self.cue_keys.items():
            for key in keys or ():
                self.cues_keyed.setdefault(key, set()).add(name)
        self.cues_unkeyed = {name for name, keys in self.cue_keys.items() if keys is None}
        self.cues_in = lru_cache(maxsize=CUE_CACHE)(self.cues_in)  # the mentions of one sentence share its cues

    def cues_in(self, sentence: str, context: str = "") -> frozenset[str]:
        """Names of the cue lists with a word in the sentence (context cues: in the sentences around it too)."""
        low, around = (NOT_CUES.sub(" ", NO_FIGHT.sub("unopposed", text.lower())) for text in (sentence, context))
        found = {name for name in self.may_hold(low) if self.cues[name].search(low)}
        if context:
            found |= {
                name for name in self.may_hold(around) & self.context_cues - found if self.cues[name].search(around)
            }
        return frozenset(found)

    def may_hold(self, text: str) -> set[str]:
        """The cue lists that the words of a text may hold: those with a word opening as one of them (a cheap test
        before the regex), and those that open otherwise."""
        names, keyed = set(self.cues_unkeyed), self.cues_keyed
        for word in set(WORD.findall(text)):
            for k in range(2, KEY_LETTERS + 1):
                if (opened := keyed.get(word[:k])) is not None:
                    names |= opened
        return names

    def victims(self, m: Mention) -> frozenset[str]:
        """'victim:<cue>' for the cue lists that the people hit belong to: the second actor's words and the
        nouns the counts name ('killed 15 villagers', 'four soldiers were killed')."""
        words = " ".join([m.actor2.text if m.actor2 else ""] + [q.text for q in m.quantities]).lower()
        return frozenset(f"victim:{c}" for c in self.victim_cues if self.cues[c].search(words))

    def code(self, m: Mention, lemmas: set[str], context: str = "") -> dict[str, str] | None:
        """{'event_type', 'sub_event_type'} of the first fitting rule, or None."""
        cues = self.cues_in(m.sentence, context) | self.victims(m)
        for rule in self.rules_of_type.get(m.type, self.untyped_rules):
            if rule.fits(m, lemmas, cues):
                return (
                    None if rule.sub is None else {"event_type": self.event_type[rule.sub], "sub_event_type": rule.sub}
                )
        return None


def _cue_keys(words: list[str]) -> frozenset[str] | None:
    """The opening letters (up to four) of each cue's first word: a text none of whose words starts so cannot hold
    the cue (a cheap test before the regex). None where a cue opens otherwise than with four letters or a word."""
    keys = set()
    for w in words:
        first = re.split(r"[\s-]+", w.lower())[0]
        stem = first.split("*")[0]
        if not stem[:1].isalpha() or "*" in first and len(stem) < KEY_LETTERS:
            return None
        keys.add(stem[:KEY_LETTERS])
    return frozenset(keys)


def _cue_pattern(words: list[str]) -> re.Pattern:
    """One regex for a cue list: whole words or phrases ('*': any ending), plural allowed, '-' and ' ' alike."""
    alts = sorted(
        (
            re.escape(w.lower()).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+").replace(r"\*", r"\w*")
            for w in words
        ),
        key=len,
        reverse=True,
    )
    return re.compile(r"\b(?:" + "|".join(alts) + r")(?:s|es)?\b")


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    return Codebook(yaml.safe_load((DATA_DIR / "patterns" / "acled.yml").read_text(encoding="utf-8")))


def acled_type(m: Mention, lemmas: set[str], context: str = "") -> dict[str, str] | None:
    """ACLED's coding of a mention told by the trigger words `lemmas` amid `context` (the sentences around
    it), or None where ACLED codes nothing."""
    return codebook().code(m, lemmas, context)


VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}


def defer_to_violence(mentions: list[Mention]) -> None:
    """In a sentence that tells violence against people, a raid's looting or a seizure is part of that
    event, not the event (ACLED codes the gravest act): it ranks below the violence."""
    violent = {m.start for m in mentions if m.acled and m.acled["event_type"] in VIOLENT_TYPES}
    for m in mentions:
        if m.acled and m.acled["sub_event_type"] == "Looting/property destruction" and m.start in violent:
            m.confidence = max(m.confidence - 0.25, 0.05)
