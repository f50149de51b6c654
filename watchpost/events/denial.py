"""Denials: who denies or disputes a claim, and which claim of the document they answer.

Two shapes of denial:

- an act told as denied ("the RSF denied shelling the camp", "the army said it did not fire"):
  the mention's status is `denied` and its source (`according_to`) is the denier (Mention.denier);
- a denial with no act of its own ("the RSF denied the accusation", "the army dismissed the reports
  as lies", "Moscow rejected the claims", "the group denied responsibility" or "any involvement"):
  a denying verb (DENY_VERBS) whose object is a word for a claim (CLAIM_NOUNS); its subject,
  resolved as an actor, is the denier.

Each denial answers one claim: a mention that happened (occurred or ongoing, not background, not a
denial itself) in the denial's sentence or the WINDOW sentences before it, whose source is not on
the denier's side (the same source claiming and denying is no dispute). An act denied answers the
nearest such claim of its type family whose actor agrees with its own; a denial with no act
answers the nearest claim whose first actor is on the denier's side ("usually the one accused"),
else the nearest act by nobody identified that a named source claims; acts before words (an attack before the
accusation of it). The claim keeps the denial in `disputed_by` (model.Dispute); merging carries
it to the event (model/event.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable

from spacy.tokens import Span, Token

from ..model import REAL_STATUSES, Actor, Dispute, Mention, family
from ..model.event import same_party
from .arguments import children, subject

DENY_VERBS = {"deny", "reject", "dismiss", "refute", "dispute", "rebut", "rebuff", "contest", "disavow", "disown"}
CLAIM_NOUNS = {
    "accusation", "allegation", "claim", "report", "charge", "responsibility", "involvement", "role", "blame",
    "account", "story", "rumour", "rumor", "assertion", "link", "participation", "part", "version",
}
WINDOW = 2  # sentences before a denial in which the claim it answers may be told
UNNAMED = {"UAF", "UNK"}


@dataclass
class Denial:
    """One denial found in a document: what the claim it answers will record (who, where, the mention
    coded from it), the index of its sentence, and the act it tells as denied (None: no act)."""

    said: Dispute
    sentence_index: int
    act: Mention | None = None


def party(actor: Actor | None) -> dict[str, Any] | None:
    return actor.to_json() if actor else None


def claim_object(verb: Token) -> Token | None:
    """The word for a claim that a denying verb takes as its object ('denied the accusation')."""
    if verb.lemma_.lower() not in DENY_VERBS or verb.pos_ != "VERB":
        return None
    return next((o for o in children(verb, "dobj", "nsubjpass") if o.lemma_.lower() in CLAIM_NOUNS), None)


def verbal_denials(sents: list[tuple[int, Span]], actor: Callable[[Token, int], Actor | None]) -> list[Denial]:
    """Denials with no act of their own: a denying verb with a claim for its object, and a subject
    that resolves to an actor (`actor(head token, block offset)`)."""
    found = []
    for index, (offset, sent) in enumerate(sents):
        for verb in sent:
            if claim_object(verb) is None:
                continue
            head = subject(verb)
            by = actor(head, offset) if head is not None else None
            if by is not None:  # `mention`: the verb's offset, until its mention is known
                said = Dispute(by, sent.text, offset + sent.start_char, offset + sent.end_char, offset + verb.idx)
                found.append(Denial(said, index))
    return found


def act_denials(mentions: list[Mention], sentence_of: Callable[[int], int]) -> list[Denial]:
    """The acts told as denied by someone."""
    return [Denial(Dispute(m.denier, m.sentence, m.start, m.end, m.index), sentence_of(m.start), m)
            for m in mentions if m.denier is not None]


def unnamed(actor: Actor | None) -> bool:
    """No identified actor: nobody, or unidentified gunmen (whom a denial of involvement may answer)."""
    return actor is None or actor.kind in UNNAMED


def answered(denial: Denial, mentions: list[Mention], sentence_of: Callable[[int], int],
             denying: set[int]) -> Mention | None:
    """The claim a denial answers, by the rules in the module docstring."""
    claims = [m for m in mentions
              if m.status in REAL_STATUSES and not m.background and m.index not in denying
              and 0 <= denial.sentence_index - sentence_of(m.start) <= WINDOW
              and not same_party(party(m.according_to), party(denial.said.by))]
    act = denial.act
    if act is not None:
        pool = [m for m in claims if family(m.type) == family(act.type)
                and (m.actor1 is None or act.actor1 is None or same_party(party(m.actor1), party(act.actor1)))]
    else:
        pool = ([m for m in claims if same_party(party(m.actor1), party(denial.said.by))]
                or [m for m in claims if m.according_to is not None and unnamed(m.actor1)])
    return max(pool, key=lambda m: (family(m.type) != "verbal", m.start, m.trigger_start), default=None)


def link_denials(mentions: list[Mention], sents: list[tuple[int, Span]],
                 actor: Callable[[Token, int], Actor | None]) -> None:
    """Find the document's denials and add each to the `disputed_by` of the claim it answers
    (mentions numbered as output: their `index` is final)."""
    starts = [offset + sent.start_char for offset, sent in sents]

    def sentence_of(char: int) -> int:
        return max(bisect_right(starts, char) - 1, 0)

    by_trigger = {m.trigger_start: m.index for m in mentions}
    verbal = verbal_denials(sents, actor)
    for d in verbal:
        d.said.mention = by_trigger.get(d.said.mention)  # the REJECT coded from the verb, if any
    denying = {d.said.mention for d in verbal if d.said.mention is not None} | {m.index for m in mentions if m.denier}
    acts = act_denials(mentions, sentence_of)
    told = {(a.said.start, a.said.by.name) for a in acts}  # 'rejected the claims that jets bombed': the act says which
    for denial in acts + [d for d in verbal if (d.said.start, d.said.by.name) not in told]:
        claim, said = answered(denial, mentions, sentence_of, denying), denial.said
        if claim is not None and not any(same_party(party(d.by), party(said.by)) and d.start == said.start
                                         for d in claim.disputed_by):
            claim.disputed_by.append(said)
