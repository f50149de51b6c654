"""Status before type: did the event happen, is it going on, planned, threatened, denied or hypothetical?

Cues come from watchpost/data/patterns/statuses.yml and the dependency parse: the trigger's
auxiliaries and negation, then each governing word up the tree (a threat, a plan, a fear,
a denial, a condition), nearest first. Reported speech ("Moscow said ...") keeps the status.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from spacy.tokens import Token

from ..config import DATA_DIR

NOBODY = {"nobody", "none", "noone"}
CLAUSAL = {"xcomp", "ccomp", "advcl", "acl", "pcomp", "conj", "prep"}  # how modality reaches a verb
TEMPORAL_PREPS = {"after", "before", "following", "since", "until", "during", "upon", "while"}
CLAUSE_DEPS = {
    "xcomp",
    "ccomp",
    "advcl",
    "conj",
    "acl",
    "relcl",
    "pcomp",
    "pobj",
    "dobj",
    "prep",
    "nsubj",
    "nsubjpass",
    "amod",
    "compound",
    "attr",
    "npadvmod",
}


@lru_cache(maxsize=1)
def cues() -> dict[str, set[str]]:
    spec = yaml.safe_load((DATA_DIR / "patterns" / "statuses.yml").read_text(encoding="utf-8"))
    return {k: set(v) for k, v in spec.items()}


def _own_cue(token: Token) -> tuple[str, str] | None:
    """Status from the word's own auxiliaries, negation and markers."""
    c = cues()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg":
            return "denied", f"negated by '{child.text}'"
        if child.dep_ in ("nsubj", "nsubjpass") and (
            word in NOBODY or any(d.lower_ == "no" for d in child.children if d.dep_ == "det")
        ):
            return "denied", f"negated subject '{child.text}'"
        if child.dep_ == "mark" and word in c["conditional_marks"]:
            return "hypothetical", f"condition '{child.text}'"
        if child.dep_ == "aux" and word in c["possible_aux"]:
            return "hypothetical", f"modal '{child.text}'"
        if child.dep_ == "aux" and word in c["future_aux"]:
            return "planned", f"future '{child.text}'"
        if child.dep_ in ("amod", "advmod") and word in c["ongoing_marks"]:
            return "ongoing", f"'{child.text}'"
    if token.tag_ == "VBG" and any(ch.dep_ == "aux" and ch.lemma_ == "be" for ch in token.children):
        return "ongoing", "progressive aspect"
    return None


def _governor_cue(token: Token) -> tuple[str, str] | None:
    """Status imposed by a governing word: 'threatened to X', 'fear that X', 'denied that X'."""
    c = cues()
    lemma = token.lemma_.lower()
    for status in ("threatened", "denied", "planned", "hypothetical"):
        if lemma in c[status]:
            return status, f"under '{token.text}'"
    if lemma in c["ongoing_marks"] and token.pos_ == "VERB":
        return "ongoing", f"under '{token.text}'"
    return None


def status_of(trigger: Token, control: bool = False) -> tuple[str, str]:
    """(status, reason) for an event triggered at `trigger`.

    A negation on the trigger decides at once; otherwise a governing cue (threat, plan,
    fear, denial, condition) wins over the trigger's own auxiliaries, which win over
    those of the nearest governing verb (an event noun takes its verb's tense).
    `control` marks speech or control acts (urge, threaten): a governor reached from
    their subject position is not read as their modality.
    """
    own = _own_cue(trigger)
    if own and own[0] == "denied":
        return own
    verb_cue = None
    node = trigger
    seen_verb = trigger.pos_ == "VERB"
    while node.head.i != node.i and node.dep_ in (
        CLAUSAL if seen_verb and node.pos_ not in ("NOUN", "PROPN") else CLAUSE_DEPS
    ):
        child, node = node, node.head
        seen_verb = seen_verb or node.pos_ == "VERB"
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in cues()["conditional_marks"] for m in child.children
        ):
            mark = next(
                m.lower_ for m in child.children if m.dep_ == "mark" and m.lower_ in cues()["conditional_marks"]
            )
            return "hypothetical", f"condition '{mark}'"
        if child.dep_ == "conj":
            continue  # coordinated verbs share a subject, not a modality
        if (
            node.dep_ == "prep"
            and node.lower_ in TEMPORAL_PREPS
            or child.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in TEMPORAL_PREPS for m in child.children)
        ):
            break  # "sought treatment after having been raped": a time clause keeps its own status
        governed = _governor_cue(node)
        if (
            governed
            and governed[0] == "hypothetical"
            and any(c.dep_ == "xcomp" and c.lemma_ == "be" for c in node.children)
        ):
            governed = None  # "attackers believed to be Fulani raided ...": the doubt is who, not whether
        if governed and not (control and child.dep_ in ("nsubj", "nsubjpass")):
            return governed
        if verb_cue is None and node.pos_ in ("VERB", "AUX"):
            verb_cue = _own_cue(node) or ("occurred", "")
    if own:
        return own
    if verb_cue and verb_cue[1] and (trigger.pos_ != "VERB" or verb_cue[0] != "ongoing"):
        return verb_cue  # "may have helped X attack": the governing verb's modality reaches the act
    return "occurred", "stated as fact"
