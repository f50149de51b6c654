"""Which clause an act is told in: the clause's own act, a purpose, a condition, the content of a demand.

A root verb, a verb coordinated with it, an event noun that is a verb's subject ("a chlorine attack hit
the district"), the object of a light verb ("carried out an airstrike") and what a source reports
("the group said it had disbanded") are acts told as news; the rest are side remarks.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .arguments import SPEECH
from .lexicon import lexicon, words

REPORTING = SPEECH | {"claim", "confirm", "announce", "tell", "add", "report", "say", "state", "allege", "warn"}


LIGHT_VERBS = {
    "carry",
    "launch",
    "conduct",
    "stage",
    "mount",
    "perpetrate",
    "commit",
    "claim",
    "execute",
    "unleash",
    "hold",
    "organize",
    "organise",
    "join",
    "resort",
    "take",
    "engage",
    "begin",
    "start",
    "announce",
    "go",  # "went on a march"
    "participate",
    "lead",  # "led a march"
    "attend",
    "form",  # "formed a human chain"
    "sit",  # "sat on a dharna"
    "observe",  # "observed a sit-in"
    "complete",  # "completed their pullout"
    "embark",  # "embarked on a recruitment drive"
}


def light_verb(noun: Token) -> Token | None:
    """The light verb an event noun is the object of ('conducted a drone strike' → conducted), else None."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    return (
        verb if noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and lexicon().base(verb) in LIGHT_VERBS else None
    )


def verbless(sent: Span) -> bool:
    """Whether the parser gave a sentence a noun for its root and no finite verb: a verb it hung on a noun
    ("protested" as a modifier of "students") is then the sentence's own."""
    return sent.root.pos_ in ("NOUN", "PROPN") and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)


IN_A_PROTEST = {"protest", "demonstration", "march", "rally", "sit-in", "vigil"}


def headline_act(tok: Token) -> bool:
    """A clause's own act: the root verb, an event noun as a verb's subject ('a chlorine attack hit
    the district') and that verb, or the object of a light verb ('carried out an airstrike')."""
    if (
        tok.dep_ == "ROOT"
        and tok.pos_ == "VERB"
        or tok.dep_ == "conj"
        and tok.head.dep_ == "ROOT"
        and tok.pos_ == "VERB"
    ):
        return True  # the root verb, or one coordinated with it ('waited ... and then detonated')
    if tok.dep_ == "xcomp" and tok.pos_ == "VERB" and tok.head.dep_ == "ROOT":
        return True  # "began shelling the town", "is busy establishing a base"
    if tok.dep_ == "acl" and tok.pos_ == "VERB" and verbless(tok.sent):
        return True  # "Families of the abducted students protested outside ...": a verbless parse's only verb
    if tok.dep_ == "ccomp" and tok.pos_ == "VERB" and tok.head.dep_ == "ROOT" and tok.head.lemma_.lower() in REPORTING:
        return True  # what a source reports is the news: 'the group said it had dissolved its armed wing'
    if tok.pos_ == "VERB":  # 'after a chlorine attack hit the district'
        return any(c.dep_ in ("nsubj", "nsubjpass") and event_subject(c) for c in tok.children)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        tok = tok.head  # "launched a recruitment drive": the act names the phrase
    if told_happening(tok):
        return True  # "the sit-in was held outside the ministry"
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return event_subject(tok)
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "in"
        and tok.head.head.pos_ == "VERB"
        and tok.head.head.dep_ in ("ROOT", "conj")
        and tok.lemma_.lower() in IN_A_PROTEST
        and any(c.lower_ in ("a", "an") for c in tok.children)
    ):
        return True  # "students converged on the campus in a peaceful protest" (not "resigned in protest")
    verb = light_verb(tok)  # "carried out an airstrike", "resorted to shelling"
    return verb is not None and verb.dep_ in ("ROOT", "conj")


IMPACT_VERBS = {
    "begin",
    "start",
    "hit",
    "kill",
    "strike",
    "destroy",
    "target",
    "wound",
    "injure",
    "damage",
    "rock",
    "shake",
    "claim",
    "leave",
    "flatten",
    "level",
    "raze",
    "tear",
    "rip",
    "erupt",
    "break",
    "rage",
    "continue",
    "intensify",
    "resume",
    "occur",
    "happen",
    "go",
    "explode",
    "end",
    "report",
    "flare",
    "escalate",
    "take",
    "turn",
    "hold",  # "demonstrations were held in several cities"
    "enter",  # "the sit-in entered its third day"
    "draw",  # "the rally drew thousands"
    "attract",
    "paralyse",
    "paralyze",
}


def event_subject(noun: Token) -> bool:
    """An event noun told as news by its verb: 'a chlorine attack hit ...', 'airstrikes destroyed ...'
    (not a headline's 'clashes spread')."""
    if noun.lemma_.lower() not in lexicon().nouns or noun.head.pos_ != "VERB":
        return False
    return any(c.lower_ in ("a", "an") for c in noun.children) or noun.head.lemma_.lower() in IMPACT_VERBS


HAPPENING = {"take": "place", "go": "ahead", "get": "underway"}  # "the rally is taking place", "the march went ahead"


def told_happening(noun: Token) -> bool:
    """An event noun that its verb tells as happening ('the rally is taking place', 'the protest was held without
    incident', 'the march went ahead'): news, though 'the' introduces it."""
    verb = noun.head
    if noun.dep_ == "nsubjpass":
        return verb.lemma_.lower() in ("hold", "stage", "organise", "organize")
    completes = HAPPENING.get(verb.lemma_.lower())
    return noun.dep_ == "nsubj" and any(
        c.lower_ == completes for c in verb.children if c.dep_ in ("dobj", "advmod", "prt", "acomp")
    )


def purpose_clause(tok: Token, trigger_ids: set[int]) -> bool:
    """'went on hunger strike to demand X': the demand is the purpose of another act."""
    return (
        tok.dep_ in ("advcl", "xcomp", "acl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and any(a.i in trigger_ids for a in tok.ancestors)
    )


def self_conditioned(tok: Token) -> bool:
    """'will withdraw ... unless X', 'may halt ... if Y': the actor sets a condition on its own act."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in tok.children
    )


TEMPORAL_MARKS = words()["temporal_marks"]

ACCUSING = {"accuse", "blame", "charge", "suspect"}


def accusation(act: Token) -> tuple[Token, Token | None] | None:
    """The accusing verb an act is the charge of, and the accused: 'X accused Y of shelling the camp',
    'Y is accused by X of carrying out a drone attack', 'Y was blamed for a missile strike'.
    The act is a claim about the past, told by the accuser; the accused is its actor."""
    node = act
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ in ("pobj", "pcomp") and head.lower_ in ("of", "for"):
            verb = head.head
            if verb.dep_ == "dobj" and verb.head.lemma_.lower() in ACCUSING:
                return verb.head, verb  # "accused [the troops of using gas]": the parser hangs 'of' on the object
            if verb.lemma_.lower() in ACCUSING and verb.pos_ == "VERB":
                accused = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
                return verb, (accused[0] if accused else None)
        if node.dep_ not in ("pcomp", "pobj", "dobj", "compound", "conj", "acl", "relcl", "advcl", "xcomp"):
            return None
        node = head
    return None


def is_content_of(inner: Token, act: Token) -> bool:
    """`inner` is what a demand, threat or accusation is about — not a coordinated act or a time clause."""
    node = inner
    while node.head.i != node.i and node.dep_ != "conj":
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in node.children):
            return False
        node = node.head
        if node.i == act.i:
            return True
    return False


def own_phrase(head: Token) -> list[Token]:
    """The head's subtree without the clauses coordinated with it ('X agreed ..., but Y said ...')."""
    skip = {t.i for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    return [t for t in head.subtree if t.i not in skip]


BEFORE_MARKS = {"after", "following", "since"}
DAYS_BEFORE = {"day", "days", "week", "weeks", "month", "months", "year", "years"}  # "comes a day after X killed 15"


def earlier_act(tok: Token, trigger_ids: set[int]) -> bool:
    """'named a new leader after the previous one was killed in an airstrike': the act told as the time of
    another is not the sentence's news; nor is one told to say which place ('attacked the checkpoint where 12
    soldiers were killed earlier this month'); nor one told days before something ('the strike happened three
    days after a similar one killed nine')."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark"
            and c.lower_ in BEFORE_MARKS
            and any(n.lower_ in DAYS_BEFORE for n in (*node.children, *c.children))  # "a day" on either
            for c in node.children
        ):
            return True
        if node.dep_ == "relcl" and any(c.lower_ in ("where", "when") and c.dep_ == "advmod" for c in node.children):
            return any(a.i in trigger_ids for a in node.ancestors)
        if node.dep_ in ("advcl", "pcomp", "pobj") and (
            any(c.dep_ == "mark" and c.lower_ in BEFORE_MARKS for c in node.children)
            or node.head.dep_ == "prep"
            and node.head.lower_ in BEFORE_MARKS
        ):
            return any(a.i in trigger_ids for a in node.ancestors)
        node = node.head
    return False
