"""Which triggers tell an act of their own: the filter between finding trigger words and drafting mentions.

A trigger is dropped when it only restates or embeds another act: the content of a demand, threat or
accusation ("urged Russia to stop the offensive"), an attributive participle ("the wounded soldiers"), a noun
describing another ("riot police"), a death by a natural cause ("killed in the earthquake"), or the object of
a verb that is itself the act ("signed an agreement"). An accusation keeps the act it charges ("accused X of
shelling"), and an agreement in force is news ("a ceasefire came into force").
"""

from __future__ import annotations

from spacy.tokens import Token

from .clauses import accusation, is_content_of, own_phrase
from .coref import Trigger
from .lexicon import CONTENT_TYPES, HOSTILE, active_participle, lexicon, words
from .scene import Scene

STATE_NOUNS = words()["state_nouns"]
IN_FORCE = words()["in_force"]
DEFINITE = words()["definite"]
ARMED_FIRE = words()["armed_fire"]
VERBAL_MEDIA = words()["verbal_media"]


def own_date(token: Token) -> bool:
    """Whether a date hangs on the trigger itself ('struck ... in September 2018')."""
    return any(
        e.label_ == "DATE" and e.root.head.i in (token.i, *[c.i for c in token.children]) for e in token.sent.ents
    )


def threatened_act(inner: Trigger, threat: Trigger) -> bool:
    """'threatened to strike X': the strike is kept as its own mention, whose status is 'threatened'."""
    node = inner.token
    while node.dep_ == "conj":
        node = node.head
    return (
        threat.spec.type == "THREATEN"
        and inner.spec.type in HOSTILE
        and node.dep_ == "xcomp"
        and node.head.i == threat.token.i
    )


def keep(trig: Trigger, others: list[Trigger], scene: Scene) -> bool:
    """False for triggers that only restate or embed another act, or that are part of a date ('since March')."""
    tok = trig.token
    if tok.ent_type_ in ("DATE", "TIME") and tok.is_title:  # the month, not a march
        return False
    dated = own_date(tok)
    own = dated or scene.own_place(tok, trig.offset)
    content = [
        o
        for o in others
        if o is not trig
        and o.spec.type in CONTENT_TYPES
        and is_content_of(tok, o.token)
        and not threatened_act(trig, o)
    ]
    recalled = tok.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
    charged = (  # an accusation tells its act ("accused X of shelling"), not one told before ("for the attack")
        trig.spec.type in HOSTILE and accusation(tok) is not None and not (recalled and not own)
    )
    if content and not (dated and tok.pos_ == "VERB") and not charged:  # an act told with its date is reported
        return False
    if (
        tok.dep_ in ("acl", "amod")
        and (tok.tag_ == "VBN" or tok.tag_ == "VBG" and trig.spec.type not in CONTENT_TYPES)
        and not own
        and not active_participle(tok)
    ):
        return False  # "an agreement reached with Russia", "groups fighting in the area"
    if tok.tag_ in ("VBN", "VBG") and tok.dep_ in ("amod", "compound", "nmod", "npadvmod"):
        return False  # "restricted stock", "the wounded soldiers": a participle describing a noun
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound" and trig.spec.type in ("PROTEST", "COERCE"):
        return False  # "riot police", "protest leaders", "curfew hours": a noun describing another
    if trig.spec.type == "ASSAULT" and any(
        t.pos_ == "NOUN"
        and t.lemma_.lower() in lexicon().non_violent_causes
        and t.dep_ not in ("dobj", "compound", "amod")  # not "causing a fire", nor "a lightning offensive"
        and t.lemma_.lower() not in trig.spec.object  # "came under fire": the reading names it as the act
        and f"on {t.lemma_.lower()}" not in trig.spec.object  # "set 20 houses on fire"
        and not any(c.lower_ in ARMED_FIRE for c in t.children if c.dep_ in ("compound", "amod"))  # "tank fire"
        for t in own_phrase(tok)
    ):
        return False  # "killed in the earthquake" (not "opened fire", "causing a fire": a fire that is caused)
    if (
        trig.spec.type == "ASSAULT"
        and tok.dep_ in ("advcl", "conj", "xcomp")
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in lexicon().non_violent_causes for c in tok.head.children)
    ):
        return False  # "lightning struck a school, killing four pupils": the cause is the clause's subject
    if (
        trig.spec.type == "ASSAULT"
        and tok.pos_ == "VERB"
        and any(
            g.lemma_.lower() in VERBAL_MEDIA
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ in ("in", "on", "during", "via")
            for g in p.children
            if g.dep_ == "pobj"
        )
    ):
        return False  # "attacked the opposition in a speech": a verbal attack
    if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubjpass") and any(o.token.i == tok.head.i for o in others):
        return False  # "lifted the curfew", "signed an agreement": the verb's event covers its object
    if (
        tok.pos_ != "VERB"
        and tok.lemma_.lower() in STATE_NOUNS
        and tok.dep_ in ("nsubj", "nsubjpass")
        and tok.head.lemma_.lower() in IN_FORCE
    ):
        return True  # "a ceasefire came into force at midnight"
    if tok.pos_ != "VERB" and tok.lemma_.lower() in STATE_NOUNS and not own:
        return any(
            o is not trig and o.token.pos_ == "VERB" and o.spec.type == "AGREE" and tok.head.i == o.token.i
            for o in others
        )
    return True
