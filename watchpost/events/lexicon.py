"""The trigger lexicon (watchpost/data/patterns/triggers.yml): which words start which events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import yaml
from spacy.tokens import Span, Token

from ..config import DATA_DIR

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "pobj", "obj"}


@dataclass(frozen=True)
class Spec:
    """One reading of a trigger: its PLOVER type, mode and base confidence."""

    type: str
    mode: str | None = None
    weight: float = 0.8
    object: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()  # "the truce collapsed"
    not_object: frozenset[str] = frozenset()  # figurative uses: "captured the imagination"
    particle: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    modal: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()  # "gathered outside the ministry": the noun the act stands at
    subject_is_target: bool = False  # "X must stop", "X need to act": the subject is asked, not asking
    subject_is_victim: bool = False  # "a patrol came under fire (from X)": the subject is hit, not hitting
    by_nonstate: "Spec | None" = None  # the reading when a non-state actor does it


def _specs(value) -> list[Spec]:
    items = value if isinstance(value, list) else [value]
    return [
        Spec(
            type=v["type"],
            mode=v.get("mode"),
            weight=v.get("weight", 0.8),
            object=frozenset(v.get("object", [])),
            subject=frozenset(v.get("subject", [])),
            not_object=frozenset(v.get("not_object", [])),
            particle=frozenset(v.get("particle", [])),
            complement=frozenset(v.get("complement", [])),
            modifier=frozenset(v.get("modifier", [])),
            modal=frozenset(v.get("modal", [])),
            place=frozenset(v.get("place", [])),
            subject_is_target=v.get("subject_is_target", False),
            subject_is_victim=v.get("subject_is_victim", False),
            by_nonstate=_specs(v["by_nonstate"])[0] if "by_nonstate" in v else None,
        )
        for v in items
    ]


def _forms(noun: Token) -> set[str]:
    """A noun's lemma and its own singular ('bases': the lemmatizer says 'basis')."""
    low = noun.lower_
    return {noun.lemma_.lower(), low, low[:-1] if low.endswith("s") else low, low[:-2] if low.endswith("es") else low}


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of a verb's object: direct object, passive subject, or the noun a participle modifies."""
    out = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "obj"):
            for noun in (child, *child.conjuncts):
                out |= _forms(noun)
                if noun.ent_type_ in ("GPE", "LOC", "FAC") or noun.pos_ == "PROPN" and noun.ent_type_ in ("", "PERSON"):
                    out.add("@place")  # a named place: 'left Tal Rifaat' (the tagger takes many a town for a person)
                for appos in (c for c in noun.children if c.dep_ == "appos"):
                    out |= _forms(appos)  # 'liberated Harardhere, a port town'
                out.update(g.lemma_.lower() for p in noun.children if p.lower_ == "of" for g in p.children)
        elif child.dep_ in ("prep", "prt") and child.lower_ in ("for", "on"):
            out.add(child.lower_)
        elif child.dep_ == "prep" and child.lower_ in ("in", "under") and child.i == token.i + 1:  # "sent in
            # thousands of troops", "came under fire"
            for noun in child.children:
                out.add(noun.lemma_.lower())
                out.update(g.lemma_.lower() for p in noun.children if p.lower_ == "of" for g in p.children)
    out |= _results(token)
    if token.dep_ in ("acl", "relcl", "amod"):
        out.add(token.head.lemma_.lower())
    if token.pos_ in ("NOUN", "PROPN"):  # "the formation of a new group"
        out.update(f for p in token.children if p.lower_ == "of" for g in p.children for f in _forms(g))
    return out


RESULT_PREPOSITIONS = {"on", "to"}


def _results(verb: Token) -> set[str]:
    """What an act made of its object, as 'on fire', 'to death', 'to ash': the phrase on the verb or, as the parser
    often hangs it, on the object ('set about 20 houses on fire', 'burned to death seven people')."""
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    holders += [c for h in holders[1:] for c in h.conjuncts]  # "set two cars and a bus on fire"
    return {f"{p.lower_} {g.lemma_.lower()}" for h in holders for p in h.children
            if p.dep_ == "prep" and p.lower_ in RESULT_PREPOSITIONS for g in p.children if g.dep_ == "pobj"}


AT_PLACE = {"outside", "at", "before", "near", "opposite", "in", "into"}  # "in front of", "at the gate of", "into"


def _place_lemmas(token: Token) -> set[str]:
    """Lemmas of the places an act stands at: 'outside the ministry', 'in front of parliament', 'at the gates of
    the embassy' (the noun after 'front' or 'gate' too)."""
    out = set()
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in AT_PLACE:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            out |= _forms(noun)
            out.update(f for p in noun.children if p.lower_ == "of" for g in p.children for f in _forms(g))
    return out


NOT_AERIAL = {"base", "bases", "field", "port", "defence", "defense", "defences", "defenses", "space", "quality"}


def _next_word(token: Token) -> str:
    """The word after a token in its document ('air' → 'base'), or ''."""
    return token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""


def not_aircraft(token: Token) -> bool:
    """'air base', 'air defence', 'shots fired into the air': 'air' that tells of no aircraft."""
    doc, i = token.doc, token.i
    into_the_air = i >= 2 and doc[i - 1].lower_ == "the" and doc[i - 2].lower_ in ("into", "in")
    return _next_word(token) in NOT_AERIAL or into_the_air


def active_participle(token: Token) -> bool:
    """A past participle read as modifying a noun though it has an object of its own is that noun's verb:
    "80 militants handed over their rifles" (a headline or a parse that took the verb for a modifier)."""
    return token.dep_ in ("acl", "amod") and token.tag_ == "VBN" and any(c.dep_ == "dobj" for c in token.children)


def _subjects(token: Token) -> list[Token]:
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects or ([token.head] if active_participle(token) else [])


def _satisfied(spec: Spec, token: Token) -> bool:
    if spec.object and not spec.object & _object_lemmas(token):
        return False
    if spec.subject and not any(c.lemma_.lower() in spec.subject for c in _subjects(token)):
        return False
    if spec.not_object and spec.not_object & _object_lemmas(token):
        return False
    if spec.particle:
        nxt = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}
        if token.i + 1 < len(token.doc):
            nxt.add(token.doc[token.i + 1].lower_)
        if not spec.particle & nxt:
            return False
    if spec.complement and not any(
        c.lemma_.lower() in spec.complement
        for c in token.subtree
        if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp", "advmod", "amod", "advcl")
    ):
        return False
    if spec.place and not spec.place & _place_lemmas(token):
        return False
    if spec.modal and not any(c.dep_ == "aux" and c.lower_ in spec.modal for c in token.children):
        return False
    if spec.modifier and not any(
        c.lemma_.lower() in spec.modifier for c in token.children if c.dep_ in ("amod", "compound", "nmod")
    ):
        return False
    return True


class Lexicon:
    """Verb, noun and phrase triggers with their PLOVER readings."""

    def __init__(self, spec: dict) -> None:
        self.verbs = {k: _specs(v) for k, v in spec["verbs"].items()}
        self.nouns = {k: _specs(v) for k, v in spec["nouns"].items()}
        self.phrases: dict[str, list[tuple[int, tuple[str, ...], Spec]]] = {}  # by first word, with file order
        for n, p in enumerate(spec["phrases"]):
            words = tuple(p["words"].split())
            self.phrases.setdefault(words[0], []).append((n, words, _specs(p)[0]))
        self.modes = {mode: set(words) for mode, words in spec["modes"].items()}
        self.non_violent_causes = set(spec["non_violent_causes"])
        self.irregular = dict(spec["irregular_forms"])
        self.never_nouns = frozenset(spec.get("never_nouns", ()))

    def table(self, token: Token) -> dict[str, list[Spec]]:
        """Verb triggers for a verb, or for a past form no noun shares that the tagger misread ('retook');
        event-noun triggers for a noun."""
        if token.pos_ == "VERB" or token.lower_ in self.never_nouns:
            return self.verbs
        return self.nouns if token.pos_ in ("NOUN", "PROPN") else {}

    def base(self, token: Token, table: dict[str, list[Spec]] | None = None) -> str:
        """The lexicon's key for a word (in its `table`): its lemma, or its own form where the lemmatizer erred
        ('raped' → 'rap')."""
        lemma, table = token.lemma_.lower(), self.table(token) if table is None else table
        lemma = self.irregular.get(lemma, lemma)
        if lemma in table:
            return lemma
        low = token.lower_
        if self.irregular.get(low) in table:
            return self.irregular[low]
        forms = (low, low[:-1], low[:-2]) if low.endswith("ed") else (low, low[:-1]) if low.endswith("s") else (low,)
        return next((f for f in forms if f in table), lemma)

    def match(self, token: Token) -> Spec | None:
        """The first satisfied reading of `token` as a verb or event-noun trigger."""
        table = self.table(token)
        if not table:
            return None  # no verb, no noun
        for spec in table.get(self.base(token, table), []):
            if _satisfied(spec, token):
                return spec
        return None

    def phrase_matches(self, sent: Span) -> list[tuple[Token, Spec]]:
        """(head token, spec) for each multi-word trigger in the sentence, in the file's order of phrases
        (a later phrase with the same head wins in `Detector.triggers`)."""
        words = [t.lower_ for t in sent]
        found = []
        for i, word in enumerate(words):
            for n, pattern, spec in self.phrases.get(word, ()):
                if tuple(words[i : i + len(pattern)]) == pattern:
                    found.append((n, i, sent[i : i + len(pattern)].root, spec))
        return [(head, spec) for _n, _i, head, spec in sorted(found, key=lambda f: f[:2])]

    def mode_from_context(self, tokens: Iterable[Token], spec: Spec) -> str | None:
        """A mode from words near the trigger ("drones" → drone) when the reading sets none."""
        if spec.mode:
            return spec.mode
        if spec.type not in ("ASSAULT", "MOBILIZE"):
            return None
        words = {t.lower_ for t in tokens if not (t.lower_ == "air" and not_aircraft(t))}
        allowed = (
            (
                "crowd-control",
                "drone",
                "suicide-attack",
                "unconventional",
                "aerial",
                "explosives",
                "heavy-weapons",
                "firearms",
            )
            if spec.type == "ASSAULT"
            else ("troops", "weapons", "police")
        )
        return next((m for m in allowed if self.modes.get(m, set()) & words), None)


#: PLOVER types by what they do, for the readings that depend on it.
COOPERATIVE = {"SUPPORT", "AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT", "AGREE"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
CONTENT_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT"}  # acts whose object is another act
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}  # done with someone: two parties, either first
MATERIAL = {"ASSAULT", "MOBILIZE", "COERCE", "PROTEST", "RETREAT", "AID"}  # acts that happen somewhere


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The grammar's word lists of `data/patterns/event_words.yml` (place nouns, settlements, state nouns...)."""
    spec = yaml.safe_load((DATA_DIR / "patterns" / "event_words.yml").read_text(encoding="utf-8"))
    return {key: frozenset(str(w).lower() for w in values) for key, values in spec.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(yaml.safe_load((DATA_DIR / "patterns" / "triggers.yml").read_text(encoding="utf-8")))
