"""Who the report says did it: claims of responsibility and blame anywhere in the report.

"Al-Shabaab claimed responsibility for the attack", "the attack was blamed on the ADF",
"officials blamed Boko Haram for the killings", "attributed to the CODECO militia": the
perpetrator of the report's lead event when its own sentence names none; failing a claim, the one
armed group the headline gives as the doer, else the one non-state armed group the report names.
Only named actors count; "an armed group" or "gunmen" say no more than the lead already does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from ..model import REAL_STATUSES, Actor, Mention
from .arguments import children, pobjs
from .coref import same_event_day
from .lexicon import words

STATE_WEAPONS = frozenset(words()["state_weapons"])
WEAPON_WORDS = 3  # how far before its weapon a headline's demonym stands ("Saudi-led coalition air strike")
#: A group's acts, named by the group before them ("200 Sudanese killed in RSF attack"); a demonym before one is no
#: state's army ("Palestinian attack").
GROUP_ACTS = frozenset({"attack", "attacks", "ambush", "assault", "massacre", "offensive"})

ARMED = {"MIL", "REB", "UAF", "GOV"}
CLAIM_VERBS = {"claim", "accept", "assume", "admit", "take", "bear"}
BLAME_VERBS = {"blame", "attribute", "pin"}
FURTHER = {"several", "many", "numerous", "multiple", "some", "few", "more", "further", "other", "new", "repeated"}
DOERS = {"attacker", "assailant", "gunman", "gunmen", "militant", "perpetrator", "raider", "kidnapper", "bomber"}
DOING_STEMS = ("carr", "stag", "perpetrat", "commit", "conduct", "mount", "launch", "orchestrat", "plan")  # by form:
# the lemmatiser makes "staged" "stag"
ACTS = {  # nouns for the act a report attributes ("the attack was staged by separatists")
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "blast",
    "blasts",
    "explosion",
    "killing",
    "killings",
    "incident",
    "incidents",
    "massacre",
    "ambush",
    "raid",
    "assault",
    "strike",
    "strikes",
    "shelling",
    "abduction",
    "kidnapping",
}


def responsible_heads(sent: Span) -> list[Token]:
    """Heads of the actors a sentence names as responsible, in order."""
    out: list[Token] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "responsibility" and tok.head.lemma_.lower() in CLAIM_VERBS:
            out += [h for s in children(tok.head, "nsubj") for h in (s, *children(s, "appos"))]  # "X, the
            # spokesman for the TTP, claimed responsibility": X, else the one he speaks for
        elif lemma in BLAME_VERBS and tok.pos_ == "VERB":
            out += pobjs(tok, "on", "to")  # "was blamed on X", "attributed to X"
            objects = children(tok, "dobj")
            if objects and (pobjs(tok, "for") or pobjs(objects[0], "for") or tok.tag_ == "VBG" and tok.dep_ == "advcl"):
                out += children(tok, "dobj")  # "officials blamed X for the attack", "..., blaming X"
        elif lemma in ("be", "belong") and any(s.lemma_.lower() in DOERS for s in children(tok, "nsubj")):
            out += children(tok, "attr") + pobjs(tok, "to", "from")  # "the attackers were Fulani herders", "belonged
            # to X", "were from X"
        elif lemma == "identify" and any(o.lemma_.lower() in DOERS for o in children(tok, "dobj", "nsubjpass")):
            out += pobjs(tok, "as")  # "police identified the gunmen as members of X"
        elif tok.lower_.startswith(DOING_STEMS) and tok.pos_ == "VERB" and attack_object(tok):
            out += children(tok, "nsubj") + [a for p in children(tok, "agent") for a in children(p, "pobj")]
        elif lemma == "be" and any(o.lower_ in ACTS for p in pobjs(tok, "behind") for o in (p,)):
            out += children(tok, "nsubj")  # "the group was behind the bombing"
    return out


def attack_object(verb: Token) -> bool:
    """Whether a doing verb's object is the attack the report is about: 'carried out the attack', 'had carried
    out a rocket attack on the village', 'the bombing was staged by'; not further acts ('carried out several
    strikes', 'conducted strikes on their positions')."""
    objects = children(verb, "dobj", "nsubjpass")
    acts = [o for o in objects if o.lower_ in ACTS or any(c.lower_ in ACTS for c in children(o, "compound"))]
    return any(one_told_act(o) for o in acts)


def one_told_act(noun: Token) -> bool:
    """Whether a noun for an act can stand for the act already told ('the attack', 'an attack', 'two attacks'),
    not for further ones ('several strikes', 'more attacks', 'other raids')."""
    return not any(c.lower_ in FURTHER for c in noun.children)


def named(actor: Actor | None, canonical: Callable[..., str]) -> bool:
    """An actor the report names, not a description ('gunmen', 'an armed group', 'Somali rebels')."""
    if actor is None:
        return False
    generic = {canonical(actor.country, actor.kind, actor.backer, police) for police in (False, True)}  # and police
    return actor.name not in generic and not actor.name.startswith(("Unidentified", "Civilians", "Unknown"))


def claimed_perpetrator(
    sents: list[Span], resolve: Callable[[Token], Actor | None], canonical: Callable[..., str], unnamed: bool = False
) -> Actor | None:
    """The first named actor that the report says claimed, carried out or was blamed for an attack, or
    identifies as its doers ('the attackers were Fulani herders'); a state blamed for it acts through its forces
    ('the governor blamed Ukraine for the attack'). With `unnamed`, failing a name, the first armed kind it
    blames ('police believe the attack was staged by separatists'): for a lead that has no doer at all."""
    fallback = None
    for sent in sents:
        for head in responsible_heads(sent):
            actor = resolve(head)
            if named(actor, canonical) and actor.kind in ARMED:  # not a spokesman of unknown side
                return actor
            if actor is not None and actor.kind in ("GOV", "MIL") and actor.country:
                return replace(actor, name=canonical(actor.country, "MIL"), kind="MIL")
            if unnamed and fallback is None and actor is not None and actor.kind in ("REB", "UAF"):
                fallback = actor
    return fallback


def sole_group(
    tokens: Iterable[Token], resolve: Callable[[Token], Actor | None], canonical: Callable[..., str]
) -> Actor | None:
    """The one named non-state armed group among the tokens' entities (a report on a Mogadishu bombing that
    names only al-Shabaab), else None."""
    groups = {
        a.name: a
        for tok in tokens
        if tok.ent_iob_ == "B"
        and tok.ent_type_ in ("ORG", "NORP", "PERSON")
        and (a := resolve(tok))
        and a.kind in ("REB", "UAF")
        and named(a, canonical)
    }
    return next(iter(groups.values())) if len(groups) == 1 else None


SOURCE_TAIL = 4  # words at most of a headline's closing source: "...: police", "... - SDF"


def cited_source(tok: Token) -> bool:
    """Whether a headline word belongs to the source it closes on, after a colon or a dash ('KP blast death toll
    rises to eight: police', 'Turkish drone strike kills four fighters: SDF'): who says it, not who did it."""
    doc = tok.doc
    mark = next((t.i for t in reversed(doc[: tok.i]) if t.text in (":", "-", "\u2013", "\u2014")), None)
    if mark is None or len(doc) - mark - 1 > SOURCE_TAIL:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[mark:])


def acting_side(tok: Token) -> bool:
    """Whether a headline word stands on the doer's side: in the subject ('Al-Shabaab attack kills 10') or the
    headline's own noun phrase, not among the hit ('Hezbollah commander killed in Israeli strike': a noun
    phrase whose participle says what befell it), nor the source it closes on ('...: police')."""
    if cited_source(tok):
        return False
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative"):
            return node.dep_ == "nsubj"
        node = node.head
    return node.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "acl" and c.tag_ == "VBN" for c in node.children)


def headline_group(
    headline: Doc | None, resolve: Callable[[Token], Actor | None], canonical: Callable[..., str]
) -> Actor | None:
    """The one named armed group a headline gives as the doer ('Boko Haram kills 10 in Borno'), else the
    state forces that are its subject ('Israeli troops kill two in West Bank raid'), its words being the
    headline's (no offsets: the headline is not in the text)."""
    if headline is None:
        return None
    actor = sole_group([t for t in headline if acting_side(t)], resolve, canonical) or headline_subject(
        headline, resolve, {"MIL"}
    )
    return replace(actor, text=headline.text, start=None, end=None) if actor else None


def headline_subject(
    headline: Doc | None, resolve: Callable[[Token], Actor | None], kinds: set[str], identified: bool = False
) -> Actor | None:
    """The actor of one of `kinds`, with its country, that is the subject of a headline's verb in the present
    ('Israeli troops kill two', 'Bandits kidnap 40 worshippers', 'Israeli settlers rampage through village'),
    not of a participle ('soldiers killed in ambush'); with `identified`, only one whose own words say whose
    it is ('Israeli settlers', not 'Gunmen'). The headline's words, no offsets."""
    if headline is None:
        return None
    actor = next(
        (
            a
            for t in headline
            if t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and t.head.tag_ in ("VBP", "VBZ")
            and (not identified or any(w.ent_type_ in ("NORP", "GPE") for w in t.subtree))
            and (a := resolve(t))
            and a.kind in kinds
            and a.country
        ),
        None,
    )
    return replace(actor, text=headline.text, start=None, end=None) if actor else None


HERDS = {"cattle", "livestock", "cow", "camel", "goat"}  # a cattle raid is no state's weapon


def headline_forces(headline: Doc | None, lookup: Callable[[str], object], canonical: Callable[..., str]):
    """The forces a headline names by their weapon ('Afghan air raid near wedding kills dozens', 'Hezbollah
    commander killed in Israeli drone strike', 'Houthi drone strike hits ship'): a state's demonym or name (its
    military), or an armed group, a few words before the weapon; an armed group before its act too ('200 Sudanese
    killed in RSF attack'). Read off the words, not the parse, which headlines defeat."""
    if headline is None:
        return None
    for tok in headline:
        weapon = tok.lower_ in STATE_WEAPONS
        if not (weapon or tok.lower_ in GROUP_ACTS) or tok.i and headline[tok.i - 1].lower_ in HERDS:  # "cattle raid"
            continue
        for word in reversed(headline[max(0, tok.i - WEAPON_WORDS) : tok.i]):
            pair = headline[word.i - 1 : word.i + 1].text if word.i else ""  # "South Sudan", not "Sudan"
            entry = (lookup(pair) if pair and headline[word.i - 1].is_title else None) or (
                lookup(word.text) if word.is_title or word.is_upper else None
            )
            if entry is None or not entry.country:
                continue
            if weapon and entry.role in ("demonym", "country"):
                return Actor(
                    text=headline.text, name=canonical(entry.country, "MIL"), country=entry.country, kind="MIL"
                )
            if entry.role == "group" and entry.kind in ARMED:
                return Actor(text=headline.text, name=entry.name, country=entry.country, kind=entry.kind)
    return None


def same_act_actor(
    lead: Mention, mentions: list[Mention], canonical: Callable[..., str], unnamed: bool = False
) -> Actor | None:
    """The named armed first actor of another mention of the lead's act (same type, day and country, not its
    victim): 'Gunmen killed 30 villagers ...' then '... the attack by the ADF on Kadisau'; not a name of unknown
    kind (a title-case headline read as an organisation). `unnamed`: an armed side the text does not name will do
    ('Sixteen soldiers have been killed in an ambush ...' then 'During the attack by "bandits" ...')."""
    victims = {lead.actor2.name} if lead.actor2 else set()
    country = lead.location.country if lead.location else None
    for m in sorted(mentions, key=lambda m: (-m.confidence, m.start)):
        if m is lead or m.type != lead.type or m.background or m.status not in REAL_STATUSES:
            continue
        if m.actor1 is None or not (unnamed or named(m.actor1, canonical)) or m.actor1.name in victims:
            continue
        if m.actor1.kind not in ARMED:
            continue
        if country and m.location and m.location.country and m.location.country != country:
            continue
        if same_event_day(m, lead):
            return m.actor1
    return None
