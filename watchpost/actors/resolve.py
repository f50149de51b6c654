"""Actor resolution: a noun phrase in a parse → an Actor with country, sector and backer.

Rules, in order: pronouns take their antecedent (the subject of the verb that reports
them, else the latest actor of the same number); names come from the dictionary
(people, groups, countries, capitals); common nouns take their sector from the head
("troops" MIL, "rebels" REB), overridden by modifiers ("opposition forces" REB), and
their country from modifiers ("Syrian troops", "Assad's forces", "its bases"). Forces
with no owner named belong to the conflict's country; an unnamed ministry to the
story's protagonist. "Turkey-backed rebels" are rebels with a backer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .dictionary import ActorDictionary, ActorEntry, actor_dictionary

PRONOUNS_SINGULAR = {"it", "its", "he", "his", "she", "her", "him"}
PRONOUNS_PLURAL = {"they", "their", "them", "we", "our"}
FIRST_PERSON = {"we", "our"}  # not "us": "US forces"
SAYING = {"say", "tell", "add", "state", "declare", "claim", "insist", "warn", "write", "announce", "explain"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
POLICE = {"police", "policeman", "policemen", "gendarmerie", "gendarme", "officer"}
LED = {"led", "commanded"}
MAX_DEPTH = 4  # pronoun → antecedent → 'of' object chains
FORCES = {"MIL", "REB", "UAF", "UNK"}  # heads that can belong to a named group or commander
MILITIA_HEADS = {
    "militia",
    "militias",
    "militiaman",
    "militiamen",
    "fighter",
    "fighters",
    "gunman",
    "gunmen",
    "raider",
    "raiders",
    "attacker",
    "attackers",
    "assailant",
    "assailants",
}  # armed men of a people: its militia
PEOPLE_HEADS = {
    "herder",
    "herders",
    "herdsman",
    "herdsmen",
    "youth",
    "youths",
    "tribesman",
    "tribesmen",
    "clansman",
    "clansmen",
    "men",
    "member",
    "members",
    "community",
    "elements",
}  # its militia only when they attack
SECURITY_WORDS = {"security", "military", "army", "armed", "defence", "defense", "police", "paramilitary"}
COLLECTIVES = frozenset(  # words for a set of people, whose 'of' says who they are ("a group of insurgents")
    "group groups band bands unit units team teams squad contingent column member members elements remnants "
    "supporters loyalists dozens hundreds thousands scores number handful lot majority rest some many most all "
    "several few both none each any cadres cadre cell cells faction factions wing ranks delegation umbrella "
    "leadership alliance network coalition bloc body swarm detachment platoon".split()
)
#: People who, when they are the ones attacking and no people is named, are an armed group ("suspected herders").
ATTACKING_HEADS = {"herder", "herders", "herdsman", "herdsmen", "youth", "youths", "tribesman", "tribesmen"}
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "spokesmen"}  # speak for the side their 'for' names
MILITIA = {"militia", "militias", "militiaman", "militiamen", "vigilante", "vigilantes"}
BACKED = {"backed", "supported", "sponsored", "allied", "funded", "aligned", "led", "commanded"}


@dataclass
class DocContext:
    """What the document as a whole tells about its actors."""

    conflict_country: str | None = None  # where the fighting is: owner of unnamed forces
    protagonist: str | None = None  # the headline's first country: owner of an unnamed ministry
    recent: list[tuple[int, Actor, bool]] = field(default_factory=list)  # (char offset, actor, plural)
    named_heads: dict[str, Actor | None] = field(default_factory=dict)  # head noun → first actor with an owner

    def remember(self, offset: int, actor: Actor, plural: bool) -> None:
        self.recent.append((offset, actor, plural))


def is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or bool(token.conjuncts) or token.lower_ in PRONOUNS_PLURAL


def own_name(head: Token) -> str | None:
    """The proper name a force's head word ends ('Zomi Revolutionary Army'): a run of two or more capitalised proper
    nouns ending at the head, else None."""
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].is_title:
        start -= 1
    return head.doc[start : head.i + 1].text if head.is_title and head.i - start >= 1 else None


def entity_text(token: Token) -> str | None:
    """The named entity the token belongs to, without a leading 'the' or trailing possessive."""
    if token.ent_type_ not in NAME_LABELS:
        return None
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    span = doc[start : end + 1]
    text = span.text
    return text[4:] if text.lower().startswith("the ") else text


def possessed(head: Token) -> Token | None:
    """The head of the phrase a possessor owns when the parse left that phrase out of the possessor's own
    ("by Sudan's paramilitary Rapid Support Forces" with "Sudan" as the object and "Forces" hung elsewhere)."""
    case = next((c for c in head.children if c.dep_ == "case" and c.lower_ in ("'s", "\u2019s")), None)
    if case is None or head.dep_ == "poss":  # a possessor parsed as one owns its own head
        return None
    for tok in head.doc[case.i + 1 : case.i + 6]:
        if tok.dep_ not in ("amod", "compound", "nmod", "punct") and tok.pos_ in ("NOUN", "PROPN"):
            return tok if tok.head.i != head.i else None
    return None


class ActorResolver:
    """Resolves phrase heads within one document."""

    def __init__(self, ctx: DocContext, dictionary: ActorDictionary | None = None):
        self.ctx = ctx
        self.dict = dictionary or actor_dictionary()
        self.resolved: dict[tuple[Doc, int], Actor | None] = {}  # heads whose actor no later sentence can change
        self.context_reads = 0  # resolutions that read what the document told so far (pronouns, 'the coalition')

    def canonical(self, country: str | None, kind: str, backer: str | None = None, police: bool = False) -> str:
        """A readable ACLED-style name: 'Military Forces of Syria', 'Syrian rebels (Turkey-backed)'."""
        cname = self.dict.country_names.get(country or "", None)
        demonym = self.dict.demonym_of(country) if country else None
        if kind == "MIL" and police:
            name = f"Police Forces of {cname}" if cname else "Unidentified police forces"
        elif kind == "MIL":
            name = f"Military Forces of {cname}" if cname else "Unidentified military forces"
        elif kind == "REB":
            name = f"{demonym or 'Unidentified'} rebels"
        elif kind == "GOV":
            name = f"Government of {cname}" if cname else "Unidentified government"
        elif kind == "CVL":
            name = f"Civilians ({cname})" if cname else "Civilians"
        elif kind == "UAF":
            name = f"Unidentified armed group ({cname})" if cname else "Unidentified armed group"
        elif kind == "PTY":
            name = f"Political parties ({cname})" if cname else "Unknown"
        else:
            name = cname or "Unknown"
        if backer:
            name += f" ({self.dict.country_names.get(backer, backer)}-backed)"
        return name

    def _from_entry(self, entry: ActorEntry, text: str, token: Token) -> Actor:
        name = entry.name if entry.role in ("person", "group") else self.canonical(entry.country, entry.kind)
        return Actor(text=text, name=name, country=entry.country, kind=entry.kind)

    def antecedent(self, pronoun: Token, depth: int = 0) -> Actor | None:
        """What a pronoun refers to: the reporting verb's subject, else the latest actor of its number. 'We' and
        'our' are the speaker's side only: the subject of the sentence's saying verb, else no one."""
        self.context_reads += 1
        if pronoun.lower_ in FIRST_PERSON:
            return self.speaker_of(pronoun, depth)
        plural = pronoun.lower_ in PRONOUNS_PLURAL
        node = pronoun.head
        seen = {pronoun.i}
        while node.head.i != node.i:
            if node.dep_ == "relcl" and pronoun.lower_ in RELATIVE:
                return self.resolve(node.head, depth + 1)
            node = node.head
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i not in seen and child.i < pronoun.i:
                    seen.add(child.i)
                    if child.lower_ in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
                        continue
                    if is_plural(child) == plural or child.ent_type_ in ("GPE", "ORG"):
                        actor = self.resolve(child, depth + 1)
                        if actor:
                            return actor
            # "says the militants launched an attack ... that covered their advance": the noun a participle hangs on
            # is its subject
            head = node.head
            if (
                node.dep_ == "acl"
                and head.pos_ in ("NOUN", "PROPN")
                and head.i < pronoun.i
                and head.i not in seen
                and is_plural(head) == plural
            ):
                seen.add(head.i)
                actor = self.resolve(head, depth + 1)
                if actor:
                    return actor
        start = pronoun.idx + (pronoun.doc.user_data.get("offset", 0))
        for offset, actor, was_plural in reversed(self.ctx.recent):
            if offset < start and (was_plural == plural or actor.kind == "GOV"):
                return actor
        return None

    def speaker_of(self, pronoun: Token, depth: int) -> Actor | None:
        """Who says 'we': the subject of a saying verb of the pronoun's sentence ('"We attacked the convoy,"
        a rebel commander told reporters'), before or after the quote."""
        for verb in pronoun.sent:
            if verb.lemma_.lower() in SAYING and verb.pos_ == "VERB":
                subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON]
                if subjects:
                    return self.resolve(subjects[0], depth + 1)
        return None

    def resolve(self, head: Token, depth: int = 0) -> Actor | None:
        """The Actor a noun phrase with this head stands for, or None when it is no actor. The stages ask again
        and again for the same heads: an answer that read nothing the document told before is kept."""
        if depth:
            return self.resolve_anew(head, depth)
        key = (head.doc, head.i)
        if key in self.resolved:
            return self.resolved[key]
        reads = self.context_reads
        actor = self.resolve_anew(head, 0)
        if self.context_reads == reads:
            self.resolved[key] = actor
        return actor

    def resolve_anew(self, head: Token, depth: int) -> Actor | None:
        """`resolve` without the kept answers."""
        if depth > MAX_DEPTH:
            return None
        text_span = head.doc[min(head.left_edge.i, head.i) : head.i + 1]
        lower = head.lower_
        if lower in RELATIVE and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
            rel = head.head
            while rel.dep_ not in ("relcl", "acl") and rel.head.i != rel.i:
                rel = rel.head
            return self.resolve(rel.head, depth + 1) if rel.dep_ in ("relcl", "acl") else None
        if lower in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
            actor = self.antecedent(head, depth)
            return (
                Actor(text=head.text, name=actor.name, country=actor.country, kind=actor.kind, backer=actor.backer)
                if actor
                else None
            )
        if (owned := possessed(head)) is not None and (actor := self.resolve(owned, depth + 1)):
            return actor  # "killed by Sudan's paramilitary Rapid Support Forces", parsed with Sudan as the agent
        name = entity_text(head)
        entry = self.dict.lookup(name) if name else None
        if entry and entry.role == "group":
            return self._from_entry(entry, text_span.text, head)
        if head.pos_ == "PROPN" and len(text_span) > 1 and (group := self.group_spelled(text_span)) is not None:
            return self._from_entry(group, text_span.text, head)
        if entry and (entry.role != "demonym" or head.pos_ in ("PROPN", "NOUN") or head.dep_ == "amod"):
            actor = self._from_entry(entry, text_span.text, head)
            return self._with_modifiers(actor, head, depth) if entry.role in ("country", "capital") else actor
        if head.lemma_.lower() == "side":  # "the Azerbaijani side": a state party; "the two sides": no one named
            state = next(
                (
                    e.country
                    for c in head.children
                    if c.dep_ in ("amod", "compound") and (e := self.dict.lookup(c.text))
                ),
                None,
            )
            return (
                Actor(text=text_span.text, name=self.canonical(state, "GOV"), country=state, kind="GOV")
                if state
                else None
            )
        kind = self.dict.agent_kinds.get(lower) or self.dict.agent_kinds.get(head.lemma_.lower())
        if lower == "personnel" and any(c.lower_ in SECURITY_WORDS for c in head.children):
            kind = "MIL"  # "security personnel", "army personnel"; "medical personnel" stay unknown
        if kind is None and lower in ("member", "members", "elements"):  # "gang members", "militia elements"
            kind = next(
                (k for c in head.children if c.dep_ == "compound" and (k := self.dict.agent_kinds.get(c.lower_))), None
            )
        if kind is None and name and head.ent_type_ in ("PERSON", "ORG"):
            return self._unlisted(name, text_span, head, depth)
        if kind is None and name and head.ent_type_ == "NORP" and head.pos_ in ("PROPN", "NOUN"):
            return Actor(text=text_span.text, name=name, country=None, kind="CVL")  # "Kurds", "Tamils": a people
        named = [
            a
            for c in head.children
            if c.dep_ == "appos"
            and head.doc[c.left_edge.i - 1].text != ":"  # "death toll rises to eight: police" cites a source
            and (a := self.resolve(c, depth + 1))
            and a.kind not in ("UNK", "CVL")
        ]
        if named and (kind is not None or not name):  # "the armed group Jama'at Nusrat al-Islam wal-Muslimin
            return named[0]  # (JNIM)", "members of Colombia's guerrilla group ELN": the name says who
        armed = any(c.dep_ == "amod" and c.lower_ == "armed" for c in head.children)
        if kind is None and head.pos_ == "NOUN" and armed:
            kind = "UAF"  # "armed men", "heavily armed herders": people who carry arms, not a named force
        if kind is None or kind == "UNK" and not name:  # "a group of insurgents": the members say who
            collective = lower in COLLECTIVES or head.like_num or head.pos_ == "NUM"
            of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and collective]
            objects = [g for p in of for g in p.children if g.dep_ == "pobj"]
            member = self.resolve(objects[0], depth + 1) if objects else None
            if kind is None or member is not None:
                return member
        if militia := self.identity_militia(head):
            return militia
        if lower in SPOKESPEOPLE and (side := self.spoken_for(head, depth)):
            return side
        owner = self.owner(head, depth)
        if owner is not None and kind in FORCES:  # "forces of Khalifa Haftar", "a splinter group from the OLF"
            return owner
        actor = Actor(text=text_span.text, name="", country=None, kind=kind)
        return self._with_modifiers(actor, head, depth)

    def group_spelled(self, phrase: Span) -> ActorEntry | None:
        """An armed group whose whole name the phrase spells in a transliteration the dictionary lacks and that
        the entity recogniser splits ('the Tehreek-e-Taliban Pakistan', tagged Taliban ORG + Pakistan GPE)."""
        if sum(t.is_title or t.is_upper for t in phrase) < 2:
            return None
        entry = self.dict.lookup(phrase.text) or self.dict.group_spelled(phrase.text)
        return entry if entry is not None and entry.role == "group" else None

    def identity_militia(self, head: Token, attacking: bool = False) -> Actor | None:
        """An ethnic or clan militia, as ACLED names it ('Fulani Ethnic Militia (Nigeria)'): the armed men of a
        people ('Lendu militiamen', 'gunmen from the Hawiye clan'), or its herders, youths or men when they
        are the ones attacking ('suspected Fulani herders killed 20 villagers'); None for any other phrase."""
        word = head.lower_
        armed = any(c.dep_ == "amod" and c.lower_ == "armed" for c in head.children)  # "armed youths"
        if word not in MILITIA_HEADS and not ((attacking or armed) and word in PEOPLE_HEADS):
            return None
        words = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")]
        objects = [g for p in head.children if p.dep_ == "prep" and p.lower_ in ("from", "of") for g in p.children]
        words += [n for o in objects if o.dep_ == "pobj" for n in (*o.lefts, o)]
        names = [t.text for t in words] + [f"{a.text} {b.text}" for a, b in zip(words, words[1:])]
        found = next((self.dict.peoples[n] for n in reversed(names) if n in self.dict.peoples), None)
        if found is None and attacking and word in ATTACKING_HEADS:  # "suspected herders killed 20 villagers"
            text = head.doc[head.left_edge.i : head.i + 1].text
            return self._with_modifiers(Actor(text=text, name="", country=None, kind="UAF"), head, 0)
        if found is None:
            return None
        people, country, militia = found
        country = country or self.ctx.conflict_country
        where = f" ({self.dict.country_names.get(country, country)})" if country else ""
        text = head.doc[head.left_edge.i : head.right_edge.i + 1].text
        return Actor(text=text, name=f"{people} {militia} Militia{where}", country=country, kind="UAF")

    def spoken_for(self, head: Token, depth: int) -> Actor | None:
        """The armed side a spokesman speaks for ('a spokesman for the TTP militant group', 'the army's
        spokesman', 'a JNIM spokesman'): his words are that side's, not his country's government's."""
        sides = [g for p in head.children if p.dep_ == "prep" and p.lower_ in ("for", "of") for g in p.children]
        sides += [c for c in head.children if c.dep_ in ("poss", "compound")]  # "a JNIM spokesman"
        for side in sides:  # the phrase's head, its name in brackets, then any name inside it
            names = [c for c in side.children if c.dep_ == "appos"] + [t for t in side.subtree if t.ent_iob_ == "B"]
            for tok in (side, *names):
                actor = self.resolve(tok, depth + 1)
                if actor is not None and actor.kind in ("MIL", "REB", "UAF"):
                    return replace(actor, text=head.doc[head.left_edge.i : side.right_edge.i + 1].text)
        return None

    def owner(self, head: Token, depth: int) -> Actor | None:
        """The named group or commander a force belongs to ('forces of X', 'fighters from X', 'loyal to X')."""
        objects = [
            g
            for p in head.children
            if p.dep_ == "prep" and p.lower_ in ("of", "from", "loyal")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        objects += [
            g
            for a in head.children
            if a.dep_ == "amod" and a.lower_ == "loyal"
            for p in a.children
            if p.lower_ == "to"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        for obj in objects:
            name = entity_text(obj)
            entry = self.dict.lookup(name) if name else None
            if entry and entry.role == "group" and entry.kind in ("MIL", "REB", "UAF"):
                return Actor(
                    text=head.doc[head.left_edge.i : obj.i + 1].text,
                    name=entry.name,
                    country=entry.country,
                    kind=entry.kind,
                )
            if name and obj.ent_type_ == "PERSON":  # a commander's forces: named after him, in his country's war
                person = entry.country if entry else self.ctx.conflict_country
                return Actor(
                    text=head.doc[head.left_edge.i : obj.i + 1].text,
                    name=f"Forces of {name}",
                    country=person,
                    kind="MIL" if entry is None or entry.kind in ("GOV", "MIL") else entry.kind,
                )
        return None

    def _unlisted(self, name: str, text_span, head: Token, depth: int) -> Actor:
        """A person or organisation not in the dictionary: sector from a title word, country from modifiers."""
        titles = [self.dict.agent_kinds.get(t.lower_) for t in text_span]
        kind = next((k for k in titles if k), "UNK")
        actor = self._with_modifiers(Actor(text=text_span.text, name=name, country=None, kind=kind), head, depth)
        return Actor(text=actor.text, name=name, country=actor.country, kind=actor.kind, backer=actor.backer)

    def _with_modifiers(self, actor: Actor, head: Token, depth: int = 0) -> Actor:
        """Country, sector and backer from the words in front of the head."""
        country, kind, backer, group = None, actor.kind, None, None
        mods = [t for t in head.doc[head.left_edge.i : head.i] if t.dep_ not in ("det", "punct")]
        spelled = next(  # "the Tehreek-i-Taliban Pakistan (TTP) militant group": the name in front, whole
            (
                e
                for t in mods
                if t.head.i == head.i and t.dep_ in ("nmod", "compound") and t.left_edge.i < t.i
                and (e := self.group_spelled(head.doc[t.left_edge.i : t.i + 1])) is not None
            ),
            None,
        )
        if spelled is not None and actor.kind != "GOV":
            group, kind, country = spelled.name, spelled.kind, spelled.country
        for i, tok in enumerate(mods):
            word = tok.lower_
            if word == "government" and [m.lower_ for m in mods[max(0, i - 2) : i]] == ["pro", "-"]:
                word = "pro-government"  # the tokenizer splits "pro-government"
            nxt = mods[i + 1].lower_ if i + 1 < len(mods) else ""
            patron = nxt if nxt in BACKED else (mods[i + 2].lower_ if nxt == "-" and i + 2 < len(mods) else "")
            if patron in BACKED:
                entry = self.dict.lookup(tok.text)
                if entry and patron in LED:
                    country = entry.country  # "Saudi-led coalition": the leader's own forces
                elif entry:
                    backer = entry.country
                continue
            if word in BACKED:
                continue
            if word in PRONOUNS_SINGULAR | PRONOUNS_PLURAL and tok.dep_ == "poss":
                owner = self.antecedent(tok, depth + 1)
                country = country or (owner.country if owner else None)
                continue
            override = self.dict.modifier_kinds.get(word)
            if word == "armed" and head.lemma_.lower() in ("force", "forces"):
                override = None  # "Iraqi armed forces" are a state's; "armed groups", "armed men" are not
            if word == "pro-government" and head.lemma_.lower() in MILITIA:
                override = "UAF"  # a pro-government militia fights for the state but is not its forces
            if override and tok.ent_type_ in NAME_LABELS and self.dict.lookup(entity_text(tok) or tok.text):
                override = None  # the "Army" of "New People's Army rebels" is part of a name
            if override and actor.kind in ("MIL", "GOV", "REB", "CVL", "UNK"):
                kind = override if not (override == "MIL" and actor.kind == "GOV") else "GOV"
                continue
            entry = self.dict.lookup(tok.text) if tok.pos_ in ("PROPN", "ADJ", "NOUN") else None
            if entry is None and tok.ent_type_ in NAME_LABELS:  # "Islamic State gunmen": the whole name in front
                entry = self.dict.lookup(entity_text(tok) or tok.text)
            if entry and entry.role == "group" and actor.kind != "GOV" and not group:
                group, kind = entry.name, entry.kind  # "Houthi rebels" are the Houthis
                country = country or entry.country
            elif entry and entry.country and not country:
                country = entry.country
        if kind == "REB" and actor.kind == "GOV" and head.lower_ in ("government", "regime"):
            kind = "GOV"
        if kind == "REB" and actor.kind == "MIL" and not group and (name := own_name(head)):
            group = name  # "the Zomi Revolutionary Army": a group no list holds, known by its own name
        if country is None and actor.country:
            country = actor.country
        head_word = head.lemma_.lower()
        if country is None:
            self.context_reads += 1
        if country is None and head_word in self.ctx.named_heads:
            return self.ctx.named_heads[head_word]  # "the coalition" after "the Saudi-led coalition"
        if country is not None and kind in ("MIL", "REB", "GOV", "UAF"):
            self.ctx.named_heads.setdefault(head_word, None)
        if country is None:
            if kind in ("MIL", "REB", "UAF", "CVL"):
                country = self.ctx.conflict_country
            elif kind == "GOV":
                country = self.ctx.protagonist or self.ctx.conflict_country
        if backer and backer == country and kind == "REB":
            country = self.ctx.conflict_country
        police = head.lemma_.lower() in POLICE and not any(  # "army officers" are no police
            c.lower_ in ("army", "military", "navy", "naval", "air")
            for c in head.children
            if c.dep_ in ("compound", "amod")
        )
        if group:
            name = f"{group} ({self.dict.country_names.get(backer, backer)}-backed)" if backer else group
        else:
            name = (
                actor.name
                if actor.name and kind == actor.kind and not backer
                else self.canonical(country, kind, backer, police)
            )
        resolved = Actor(text=actor.text, name=name, country=country, kind=kind, backer=backer)
        if head_word in self.ctx.named_heads and self.ctx.named_heads[head_word] is None:
            self.ctx.named_heads[head_word] = resolved
        return resolved
