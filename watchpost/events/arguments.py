"""Event arguments from the dependency parse: who acted (actor1), on whom (actor2), where, when.

Subjects are found through control and coordination ("used drones to attack", "sent
troops and threatened"), agents of passives ("captured by Syrian troops"), objects and
prepositional targets ("attack on X", "talks with X", "between X and Y").
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import active_participle
from .timing import opens_dateline

SUBJECT_DEPS = ("nsubj", "csubj")
SPEECH = {"say", "tell", "announce", "state", "add", "declare", "report", "confirm", "insist"}
WITNESSING = SPEECH | {
    "hear",
    "see",
    "witness",
    "watch",
    "notice",
    "describe",
    "film",
    "record",
}  # their subjects saw, not did
CLIMB_DEPS = ("xcomp", "conj", "advcl", "ccomp", "pcomp")
TARGET_PREPS = ("on", "against", "with", "to", "at", "toward", "towards", "upon")


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def pobjs(token: Token, *preps: str) -> list[Token]:
    """Objects of the token's prepositions ('attack on X' → X)."""
    return [g for p in token.children if p.dep_ == "prep" and p.lower_ in preps for g in p.children if g.dep_ == "pobj"]


def agent(verb: Token) -> Token | None:
    found = [g for a in children(verb, "agent") for g in a.children if g.dep_ == "pobj"]
    return found[0] if found else None


def be_split_passive(verb: Token) -> list[Token]:
    """The subject of a passive the parser misread as active when an adverbial split it from its 'was' ('A jawan
    ... was on Monday killed': 'killed' hangs on 'was' as a conjunct, or takes 'was' as an auxiliary of a past
    tense, and the jawan is its subject): the one the act befell."""
    if verb.tag_ not in ("VBN", "VBD") or children(verb, "dobj", "nsubjpass"):
        return []
    if verb.dep_ == "conj" and verb.head.lemma_ == "be" and not children(verb, *SUBJECT_DEPS):
        return children(verb.head, "nsubj")
    bes = [a for a in children(verb, "aux") if a.lemma_ == "be"]
    return children(verb, "nsubj") + [s for a in bes for s in children(a, "nsubj")] if bes else []


def subject(verb: Token) -> Token | None:
    """The acting subject of a verb: its own, an agent of a passive, or inherited through control/coordination."""
    node = verb
    for _ in range(6):
        by = agent(node)
        if by is not None:
            return by
        if be_split_passive(node):
            return None  # "a jawan was on Monday killed": a passive, its doer not said
        own = [s for s in children(node, *SUBJECT_DEPS) if not opens_dateline(s)] or [
            s for aux in children(node, "aux") for s in children(aux, *SUBJECT_DEPS)
        ]
        if own:
            return own[0]
        if children(node, "nsubjpass"):
            return None  # a passive clause without an agent: the actor is not said
        if node.dep_ in ("acl", "relcl") and node.tag_ == "VBG" or active_participle(node):
            return node.head  # "groups fighting in the area"; "gunmen on motorcycles killed 15 villagers"
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i:
            return None
        identity = identified(node)
        if identity is not None:
            return identity
        if node.dep_ == "ccomp" or node.dep_ != "conj" and node.head.lemma_.lower() in WITNESSING:
            return None  # a reported or witnessed act has its own actor ("we heard shooting")
        if (
            node.dep_ == "conj"
            and node.head.lemma_.lower() in SPEECH
            and node.lemma_.lower() not in WITNESSING
            and reports_a_clause(node.head)
        ):  # "an official says 60 militants crossed ... and attacked a post": the conjunct the parse hangs on a
            return None  # saying verb that reports a clause continues the clause, not the speaker's own acts
        node = node.head
    return None


def reports_a_clause(verb: Token) -> bool:
    """Whether a saying verb reports a clause ('says militants attacked'), also one the parse took for an object
    with a subject of its own ('says about 60 militants crossed into Pakistan's northwest')."""
    return bool(children(verb, "ccomp")) or any(children(d, "nsubj") for d in children(verb, "dobj"))


IDENTIFYING = {"suspect", "believe", "think", "allege", "presume"}


def identified(verb: Token) -> Token | None:
    """Who the doer is said to be when the parse makes 'suspected' or 'believed' the main verb: 'Gunmen suspected to
    be members of ISWAP ambushed a convoy', 'the attackers, believed to be Fulani herders, killed 12 farmers'."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "conj") or head.lemma_.lower() not in IDENTIFYING:
        return None
    be = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_ == "be"), None)
    return next((c for c in be.children if c.dep_ == "attr"), None) if be is not None else None


def governing_verb(token: Token) -> Token | None:
    """The verb a noun is an argument of ('conducting a campaign' → conducting)."""
    node = token
    for _ in range(4):
        if node.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "obj") and node.head.pos_ in ("VERB", "AUX"):
            return node.head
        if node.dep_ not in ("conj", "appos") or node.head.i == node.i:
            return None
        node = node.head
    return None


def objects(verb: Token) -> list[Token]:
    """Direct objects, passive subjects, then prepositional targets of a verb."""
    direct = children(verb, "dobj", "dative", "obj") + (children(verb, "nsubjpass") or be_split_passive(verb))
    # "were killed by a US strike"
    return [t for t in direct if not opens_dateline(t)] + pobjs(verb, *TARGET_PREPS)


def noun_parties(noun: Token, violent: bool = False) -> tuple[list[Token], list[Token]]:
    """(actor1 heads, actor2 heads) named on an event noun itself.

    For violence, a place name in front ('Sudan fighting', 'Gaza war') says where, not who.
    """
    modifiers = [
        c
        for c in children(noun, "compound", "nmod", "amod")
        if c.pos_ in ("PROPN", "NOUN", "ADJ")
        and not (violent and c.ent_type_ in ("GPE", "LOC", "FAC") and c.pos_ == "PROPN")
    ]
    first = children(noun, "poss") + pobjs(noun, "by", "from") + sorted(modifiers, key=lambda c: c.pos_ == "ADJ")
    first += done_by(noun)  # "an airstrike led by the Myanmar military"
    second = pobjs(noun, *TARGET_PREPS)
    between = pobjs(noun, "between", "among", "involving")
    if between:
        head = between[0]
        parts = [head, *head.conjuncts]
        if len(parts) == 1:
            adjectives = [c for c in head.children if c.dep_ == "amod"]
            if adjectives and adjectives[0].conjuncts:
                return [head], [head]  # "talks between Turkish and Russian officials": split later
        first += parts[:1]
        second = parts[1:2] + second
    return first, second


def dominated(token: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)


INSTRUMENTS = {
    "attack",
    "strike",
    "airstrike",
    "raid",
    "shelling",
    "bombardment",
    "bombing",
    "barrage",
    "fire",
    "gunfire",
    "ambush",
    "assault",
    "offensive",
    "operation",
    "explosion",
    "blast",
    "drone",
    "missile",
    "rocket",
    "shell",
    "mortar",
    "artillery",
    "bomb",
    "warplane",
    "jet",
    "aircraft",
    "helicopter",
    "grenade",
    "ied",
    "mine",
    "landmine",
    "incursion",
    "shooting",
    "massacre",
    "onslaught",
    "campaign",
    "crossfire",
    "volley",
    "salvo",
}
CAUSE_PREPS = ("in", "by", "during", "after", "following", "from", "amid", "under", "with", "to", "due", "owing")
BLAME_VERBS = {
    "blame",
    "claim",
    "carry",
    "attribute",
    "launch",
    "conduct",
    "perpetrate",
    "mount",
    "stage",
    "fire",
    "lead",
}


def done_by(noun: Token) -> list[Token]:
    """Who an act or a weapon is said to be by: 'blamed on X', 'carried out by X', 'an airstrike led by X';
    'attributed by officials to X': X."""
    return [
        g
        for verb in children(noun, "acl", "relcl")
        if verb.lemma_.lower() in BLAME_VERBS
        for g in pobjs(verb, "on", "to")
        or [g for p in children(verb, "prep", "agent") if p.lower_ == "by" for g in children(p, "pobj")]
    ]


FIGHTS = {"clash", "fighting", "battle", "gunfight", "firefight", "shootout", "skirmish", "encounter", "gunbattle"}


def instruments(verb: Token) -> list[Token]:
    """The attacks and weapons a violent verb happened by: its subject ('a drone strike killed'), or the
    object of its 'in', 'by', 'due to' ('were killed in shelling by X'), nearest first."""
    found = [s for s in children(verb, "nsubj") if s.lemma_.lower() in INSTRUMENTS]
    verbs = [verb, *(c for c in verb.conjuncts if c.pos_ == "VERB")]  # "were killed and 23 injured in shelling"
    preps = [p for v in verbs for p in children(v, "prep", "agent")]
    preps += [p for v in verbs for d in v.children if d.lower_ in ("due", "owing") for p in children(d, "prep")]
    for prep in preps:
        for obj in children(prep, "pobj", "pcomp"):  # "in shelling by X": a gerund, tagged as a verb
            if prep.lower_ in CAUSE_PREPS or prep.dep_ == "agent":
                found += [n for n in (obj, *obj.conjuncts) if n.lemma_.lower() in INSTRUMENTS | FIGHTS]
    nearby = sorted(
        (t for t in verb.sent if t.lemma_.lower() in INSTRUMENTS and t.i != verb.i and t not in found),
        key=lambda t: abs(t.i - verb.i),
    )  # a parse that missed the link: the sentence's own attacks
    return found + nearby


def by_phrase(noun: Token) -> list[Token]:
    """'shelling by the paramilitary RSF' read from the words when the parse lost the link: the names
    right after 'by'."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or doc[noun.i + 1].lower_ != "by":
        return []
    window = doc[noun.i + 2 : min(noun.i + 9, noun.sent.end)]
    return [t for t in window if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "compound"][:2]


def instrument_agents(noun: Token) -> list[Token]:
    """Who wielded an attack or weapon: 'shelling by X', 'X's strike', 'a Russian missile', 'US-led strikes', 'an attack
    blamed on X', 'an attack carried out by X', and the owner of the weapon it was made with ('a strike by
    an Israeli drone')."""
    first = children(noun, "poss") + pobjs(noun, "by", "from")
    if noun.lemma_.lower() in FIGHTS:
        first += pobjs(noun, "with")  # "soldiers were killed in a clash with NPA rebels": the side they fought
    first += [
        c
        for c in children(noun, "amod", "compound", "nmod")
        if c.pos_ in ("PROPN", "ADJ", "NOUN") and c.lemma_.lower() not in INSTRUMENTS
    ]
    if noun.pos_ == "VERB":  # a mis-tagged noun: 'Syrian government airstrikes' parsed with a subject
        first += children(noun, "nsubj")
    first += [g for c in children(noun, "amod") if c.lower_ == "led" for g in children(c, "npadvmod", "compound")]
    # "US-led air strikes": the leader of the coalition that struck
    first = [a for h in first for a in (*children(h, "appos"), h)]  # "the paramilitary Rapid Support Forces (RSF)"
    first += done_by(noun)
    for verb in children(noun, "acl", "relcl"):
        if verb.lemma_.lower() not in BLAME_VERBS and verb.tag_ == "VBN" and noun.lemma_.lower() in INSTRUMENTS:
            first += [g for p in children(verb, "agent") for g in children(p, "pobj")]  # "a bomb planted by"
    weapons = [g for g in pobjs(noun, "by", "with", "from") if g.lemma_.lower() in INSTRUMENTS]
    return first + [a for w in weapons for a in instrument_agents(w)] + by_phrase(noun)


OUTCOME_VERBS = {
    "kill": "killed",
    "die": "killed",
    "slay": "killed",
    "massacre": "killed",
    "execute": "killed",
    "wound": "injured",
    "injure": "injured",
}


def hurt_alike(verb: Token) -> bool:
    """'were killed and injured': the count is of the dead and the wounded together (not 'killed and 12 injured',
    where the wounded have their own count)."""
    return any(
        c.lemma_.lower() in ("injure", "wound", "hurt") and not children(c, *SUBJECT_DEPS, "nsubjpass", "dobj")
        for c in verb.children
        if c.dep_ == "conj"
    )


def counted_victims(verb: Token) -> tuple[str, Token, Token] | None:
    """(what, number token, victim noun) when a violent verb's victims carry a number the words around a
    count do not reach: 'at least one member of the Kurdish-led Syrian Democratic Forces was killed'."""
    what = OUTCOME_VERBS.get(verb.lemma_.lower())
    if what is None or what == "killed" and hurt_alike(verb):
        return None
    victims = children(verb, "nsubjpass") or be_split_passive(verb) or (
        children(verb, "nsubj") if what == "killed" and verb.lemma_.lower() == "die" else children(verb, "dobj")
    )
    for noun in victims:
        if (number := count_of(noun)) is not None:
            return what, number, noun
    return None


def count_of(noun: Token) -> Token | None:
    """The word that counts a noun: its number, or 'a'/'an' before a singular ('A jawan ... was killed': one)."""
    return next((c for c in noun.children if c.dep_ == "nummod"), None) or next(
        (c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an") and noun.tag_ in ("NN", "NNP")), None
    )


def counted_conjuncts(noun: Token) -> list[tuple[Token, Token]]:
    """(count, noun) for a counted noun and each noun coordinated with it when every one carries its own count
    ('killed five officers, three suspects and two bystanders', 'an army jawan and two militants were killed'):
    the parts of one toll, to be added up; [] when fewer than two or when one is uncounted ('and civilians')."""
    parts = [(count_of(n), n) for n in sorted([noun, *noun.conjuncts], key=lambda t: t.i)]
    return parts if len(parts) > 1 and all(c is not None for c, _ in parts) else []
