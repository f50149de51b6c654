"""Who the report says did it: claims of responsibility and blame anywhere in the report.

"Al-Shabaab claimed responsibility for the attack", "the attack was blamed on the ADF",
"officials blamed Boko Haram for the killings", "attributed to the CODECO militia": the
perpetrator of the report's lead event when its own sentence names none. Only named
actors count; "an armed group" or "gunmen" say no more than the lead already does.
"""
from __future__ import annotations

from typing import Callable, Iterable

from spacy.tokens import Span, Token

from ..model import Actor
from .arguments import children, pobjs

CLAIM_VERBS = {"claim", "accept", "assume", "admit", "take", "bear"}
BLAME_VERBS = {"blame", "attribute", "pin"}


def responsible_heads(sent: Span) -> list[Token]:
    """Heads of the actors a sentence names as responsible, in order."""
    out: list[Token] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "responsibility" and tok.head.lemma_.lower() in CLAIM_VERBS:
            out += children(tok.head, "nsubj")
        elif lemma in BLAME_VERBS and tok.pos_ == "VERB":
            out += pobjs(tok, "on", "to")  # "was blamed on X", "attributed to X"
            if children(tok, "dobj") and pobjs(tok, "for"):
                out += children(tok, "dobj")  # "officials blamed X for the attack"
    return out


def named(actor: Actor | None) -> bool:
    """An actor the report names, not a description ('gunmen', 'an armed group')."""
    return actor is not None and not actor.name.startswith(("Unidentified", "Civilians", "Unknown"))


def claimed_perpetrator(sents: Iterable[Span], resolve: Callable[[Token], Actor | None]) -> Actor | None:
    """The first named actor that the report says claimed or was blamed for an attack."""
    for sent in sents:
        for head in responsible_heads(sent):
            actor = resolve(head)
            if named(actor):
                return actor
    return None
