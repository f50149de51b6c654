"""By whose account: the source a mention's claim comes from.

"..., activists said", "the army claimed that ...", "according to the UN", "X accused Y of
shelling": the subject of the reporting verb above the trigger, or the object of "according to"
in its clause. Sources the actor dictionary does not know keep their words, with a sector read
from the head noun (activists, witnesses → CVL; officials, ministry → GOV; army, police → MIL).
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from ..model import Actor
from .arguments import agent, children
from .clauses import REPORTING
from .timing import opens_dateline

CLAIM_VERBS = (REPORTING - {"warn"}) | {  # a warning is no account of what happened
    "accuse",
    "acknowledge",
    "admit",
    "assert",
    "blame",
    "charge",
    "cite",
    "contend",
    "deny",
    "dispute",
    "document",
    "estimate",
    "maintain",
    "note",
    "post",
    "publish",
    "quote",
    "record",
    "reject",
    "tweet",
    "write",
}
SECTOR_OF_NOUN = {
    "CVL": {
        "activist",
        "witness",
        "resident",
        "villager",
        "monitor",
        "observatory",
        "source",
        "medic",
        "doctor",
        "survivor",
        "relative",
        "journalist",
        "ngo",
        "group",
        "organisation",
        "organization",
        "charity",
        "eyewitness",
        "local",
        "elder",
    },
    "GOV": {
        "official",
        "ministry",
        "minister",
        "government",
        "governor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "authority",
        "authorities",
        "administrator",
        "mayor",
        "council",
        "office",
        "president",
        "statement",
    },
    "MIL": {"army", "military", "police", "commander", "officer", "force", "forces", "soldier", "general", "colonel"},
    "IGO": {"un", "ocha", "unicef", "who", "unhcr", "mission", "monusco", "minusma", "unmiss", "amisom", "nations"},
}


def claim_verb(token: Token) -> Token | None:
    """The nearest reporting verb above the trigger ('..., the army said')."""
    return next((a for a in token.ancestors if a.lemma_.lower() in CLAIM_VERBS and a.pos_ == "VERB"), None)


def according_to_object(token: Token, sent: Span) -> Token | None:
    """X of 'according to X' in the trigger's sentence."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objs = [g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"] or [
                g for g in t.children if g.dep_ == "pobj"
            ]
            if objs:
                return objs[0]
    return None


def source_head(token: Token, sent: Span) -> Token | None:
    """The head noun of the claim's source for a trigger: the reporting verb's subject, else X of 'according to X'."""
    verb = claim_verb(token)
    if verb is not None:
        speaker = agent(verb) or next((s for s in children(verb, "nsubj") if not opens_dateline(s)), None)
        if speaker is not None and speaker.pos_ != "PRON":
            return speaker
    return according_to_object(token, sent)


def unknown_source(head: Token, char_span: Callable) -> Actor:
    """A source the dictionary does not know: its own words, a sector from its head noun."""
    words = head.doc[head.left_edge.i : head.i + 1]
    lemma = head.lemma_.lower()
    kind = next((k for k, nouns in SECTOR_OF_NOUN.items() if lemma in nouns), "UNK")
    start, end = char_span(words)
    return Actor(
        text=words.text,
        name=words.text.removeprefix("the ").removeprefix("The "),
        country=None,
        kind=kind,
        start=start,
        end=end,
    )


def according_to(
    token: Token, sent: Span, resolve: Callable[[Token], Actor | None], char_span: Callable
) -> Actor | None:
    """The source of the claim a trigger belongs to, or None when the report speaks for itself."""
    head = source_head(token, sent)
    if head is None:
        return None
    known = resolve(head)
    generic = known is None or known.name.startswith(("Civilians", "Unidentified"))  # "activists": keep their words
    return unknown_source(head, char_span) if generic else known
