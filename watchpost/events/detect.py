"""From parsed sentences to event mentions: the detector that runs the event stage's components.

Per sentence: find triggers (`lexicon`), keep those that are a clause's own act (`filtering`: not the
content of a demand, threat or accusation, not an attributive participle), then fill each trigger's
status (`status`), actors (`arguments`), place and date (`scene`) and source (`attribution`). Mentions
are merged and share arguments within the document (`coref`); counts attach to them; cumulative
figures and history are marked (`background`); ACLED types follow the codebook (`acled`); one mention
leads the report (`lead`), taking a claimed perpetrator when it names none (`responsibility`) and a
town a later sentence names for it (`scene`); denials are linked to the claims they answer (`denial`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import Callable

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import ActorResolver
from ..dates import report_year
from ..model import REAL_STATUSES, Actor, Mention, Place, Quantity
from ..quantities import bound, find_quantities, to_number
from .acled import acled_type, defer_to_violence
from .arguments import (
    SPEECH,
    WITNESSING,
    children,
    counted_conjuncts,
    counted_victims,
    governing_verb,
    instrument_agents,
    instruments,
    noun_parties,
    objects,
    pobjs,
    subject,
)
from .attribution import according_to
from .background import demoted, habitual, is_background, mark_cumulative, mark_recalled
from .clauses import (
    accusation,
    earlier_act,
    headline_act,
    light_verb,
    purpose_clause,
    self_conditioned,
    told_happening,
)
from .coref import COREF_WINDOW, Draft, Trigger, corefer, merge_same_sentence, renumber
from .denial import link_denials
from .filtering import DEFINITE, keep
from .lead import (
    bare_toll,
    clauses,
    headline_toll,
    lead_zone_end,
    mark_lead,
    other_accounts,
    precise_toll,
    retold_day,
    retold_toll,
    rival_accounts,
)
from .lexicon import CONTENT_TYPES, COOPERATIVE, HOSTILE, MATERIAL, RECIPROCAL, Spec, lexicon
from .responsibility import (
    ARMED,
    claimed_perpetrator,
    headline_forces,
    headline_group,
    headline_subject,
    named,
    same_act_actor,
    sole_group,
)
from .scene import NOT_PLACED, Scene, char_span
from .status import status_of
from .timing import dateline_length

MODAL_REQUEST = {"must", "should"}
UNIDENTIFIED = {"unidentified", "unknown"}  # "unidentified miscreants opened fire": the report knows no name for them
ANNOUNCED = {"Change to group/activity", "Headquarters or base established"}  # ACLED codes these when announced
MODAL_SPEC = Spec(type="REQUEST", weight=0.75, subject_is_target=True)
THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "MOBILIZE": "violence"}


def sentences(doc) -> list[Span]:
    """spaCy's sentences, re-joined where a split falls inside a quote ('... environment. where ...')."""
    out: list[Span] = []
    for sent in doc.sents:
        first = next((t for t in sent if t.is_alpha), None)
        if out and first is not None and first.is_lower:
            out[-1] = doc[out[-1].start : sent.end]
        else:
            out.append(sent)
    return out


def news_of(noun: Token) -> bool:
    """An event noun whose 'of' says something new is no act told again: 'the formation of a new unit',
    'the demobilisation of 500 combatants' (not 'the attack of Tuesday')."""
    return any(
        c.lower_ in ("a", "an") or c.dep_ == "nummod" or c.ent_type_ in ("ORG", "NORP", "PERSON")
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
        for c in (g, *g.children)
    )


def one_name(word: Token, act: Token) -> bool:
    """Whether a word and the act's own word next to it are one entity ('Deadly Attack' tagged as a name in a
    title-case headline): the act's words, not its doer."""
    first, second = (word, act) if word.i < act.i else (act, word)
    return second.i == first.i + 1 and bool(first.ent_type_) and second.ent_iob_ == "I"


class Detector:
    """Detects the event mentions of one document."""

    def __init__(
        self,
        doc_id: str,
        text: str,
        published: str | None,
        places: list[Place],
        resolver: ActorResolver,
        dominant_place: Place | None = None,
        anchor_reason: str | None = None,
        title: str | None = None,
        parse_headline: Callable[[str], Doc] | None = None,
        filed_in: Place | None = None,
    ):
        self.doc_id, self.text, self.title, self.parse_headline = doc_id, text, title, parse_headline
        self.scene = Scene(places, published, anchor_reason, filed_in, None if published else report_year(text))
        self.resolver = resolver
        self.dominant = dominant_place
        self.lex = lexicon()

    # -- triggers -------------------------------------------------------------------
    def triggers(self, sent: Span, sent_index: int, offset: int) -> list[Trigger]:
        found: dict[int, Trigger] = {}
        for head, spec in self.lex.phrase_matches(sent):
            found[head.i] = Trigger(head, spec, sent, sent_index, offset)
        for tok in sent:
            if (
                tok.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "aux" and c.lower_ in MODAL_REQUEST for c in tok.children)
                and self.demand_addressee(tok)
            ):
                found[tok.i] = Trigger(tok, MODAL_SPEC, sent, sent_index, offset)  # "X must stop": a demand
            elif tok.i not in found and (spec := self.lex.match(tok)):
                found[tok.i] = Trigger(tok, spec, sent, sent_index, offset)
        return sorted(found.values(), key=lambda t: t.token.i)

    def demand_addressee(self, verb: Token) -> bool:
        """'X must stop': a demand when X is an actor, or when someone said it ('told them that ... must')."""
        subj = children(verb, "nsubj", "nsubjpass")
        speech = any(a.lemma_.lower() in SPEECH for a in verb.ancestors)
        return speech or bool(subj and self.resolver.resolve(subj[0]))

    # -- arguments ------------------------------------------------------------------
    def actor(self, head: Token | None, offset: int) -> Actor | None:
        if head is None:
            return None
        actor = self.resolver.resolve(head)
        if actor and actor.country is None and actor.kind in ("PTY", "UNK") and actor.name == "Unknown":
            return None  # "all the parties": no one we can name
        if actor:
            members = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in children(p, "pobj")]
            end = max([head.i, *(g.i for g in members)]) + 1  # "dozens of demonstrators", "a group of gunmen"
            surface = head.doc[min(head.left_edge.i, head.i) : end]
            start, end = char_span(surface, offset)
            actor = replace(actor, text=surface.text, start=start, end=end)  # the words here; `name` says who
        return actor

    def names_a_wielder(self, token: Token) -> bool:
        """A weapon's modifier names who wielded it only when it is someone we know ('a Russian missile'), never
        the weapon's own name ('an Iskander-M missile'); its owner by 'by', 'of' or a possessive always counts."""
        if token.dep_ not in ("compound", "amod", "nmod"):
            return True
        actor = self.resolver.resolve(token)
        return actor is not None and (actor.kind != "UNK" or actor.country is not None)

    def people_militia(self, head: Token, offset: int) -> Actor | None:
        """The militia of a people whose herders, youths or men do the attacking, in the words of the text."""
        militia = self.resolver.identity_militia(head, attacking=True)
        if militia is None:
            return None
        start, end = char_span(head.doc[head.left_edge.i : head.right_edge.i + 1], offset)
        return replace(militia, start=start, end=end)

    def coordinated(self, head: Token, offset: int) -> list[Actor]:
        """'Turkish and Russian officials' → two actors, one per country."""
        adjectives = [c for c in head.children if c.dep_ in ("amod", "compound")]
        out = []
        base = self.actor(head, offset)
        if not base:
            return out
        for adj in adjectives:
            for word in (adj, *adj.conjuncts):
                entry = self.resolver.dict.lookup(word.text)
                if entry and entry.country:
                    w_start, w_end = char_span(word, offset)
                    out.append(
                        Actor(
                            text=word.text,
                            name=self.resolver.canonical(entry.country, base.kind),
                            country=entry.country,
                            kind=base.kind,
                            start=w_start,
                            end=w_end,
                        )
                    )
        return out

    def speaker(self, token: Token, offset: int) -> Actor | None:
        """The subject of the reporting verb above a trigger ('Cavusoglu said ...')."""
        for a in token.ancestors:
            if a.lemma_.lower() in SPEECH:
                subj = children(a, "nsubj")
                return self.actor(subj[0], offset) if subj else None
        return None

    def sentence_actors(self, sent: Span, offset: int, exclude: set[str]) -> list[Actor]:
        """Named actors of a sentence (entities in the dictionary), in order."""
        out = []
        filed = sent.start_char + dateline_length(sent.text)  # "Cotonou, June 5 (AFP)": where it was filed, not who
        for tok in sent:
            if tok.idx < filed:
                continue
            if tok.ent_iob_ == "B" or (tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN"):
                actor = (
                    self.actor(tok if tok.ent_iob_ != "B" else tok.doc[tok.i : tok.i + 1].root, offset)
                    if tok.ent_type_ not in ("DATE", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "TIME", "MONEY")
                    else None
                )
                if actor and actor.country and actor.name not in exclude and all(a.name != actor.name for a in out):
                    out.append(actor)
        return out

    def parties(self, trig: Trigger) -> tuple[Actor | None, Actor | None, list[Token]]:
        tok, spec, off = trig.token, trig.spec, trig.offset
        gerund = tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass")  # "fighting between X and Y raged"
        if tok.pos_ == "VERB" and not gerund:
            first = [subject(tok)]
            second = (pobjs(tok, "against", "on") if spec.type == "MOBILIZE" else objects(tok)) + [
                g for x in children(tok, "xcomp", "ccomp", "oprd") for g in objects(x) + children(x, "nsubj")
            ]
            if spec.subject_is_victim:  # "the patrol came under fire from militants"
                second = first
                first = [a for p in children(tok, "prep") for n in children(p, "pobj") for a in pobjs(n, "from", "by")]
            elif headline_passive(tok, first[0]):  # "Three People Beheaded in Northern Mozambique": the counted
                second, first = first, []  # subject of a headline's bare participle is who was hit
            if spec.subject_is_target:
                speaker = next((a for a in tok.ancestors if a.lemma_.lower() in SPEECH), None)
                second = first + (children(speaker, "dobj", "dative") if speaker is not None else [])
                first = children(speaker, "nsubj") if speaker is not None else []
        else:
            first, second = noun_parties(tok, violent=spec.type == "ASSAULT")
            first = [t for t in first if t.pos_ != "ADJ" or self.resolver.dict.lookup(t.text)]
            verb = governing_verb(tok.head if tok.dep_ == "compound" else tok)  # "launched a recruitment drive"
            if not first and verb is not None and verb.lemma_.lower() not in WITNESSING:  # who reports is not who acts
                first = [subject(verb)]
        if spec.type in HOSTILE and not any(h is not None and self.resolver.resolve(h) for h in first):
            charge = accusation(tok)
            if charge and charge[1] is not None:
                first = [charge[1]]  # "X is accused of shelling": the accused is the actor the claim names
        if (
            spec.type == "ASSAULT"
            and tok.pos_ == "VERB"
            and not any(h is not None and self.resolver.resolve(h) for h in first)
        ):
            used = instruments(tok)
            first = (
                [a for noun in used for a in instrument_agents(noun) if self.names_a_wielder(a)]  # "shelling by X"
                + [
                    subject(v) for noun in used if (v := light_verb(noun)) is not None
                ]  # "conducted a strike that killed"
                + first
            )
        first = [h for h in first if h is None or not one_name(h, tok)]  # "Deadly Attack": a headline's words, no doer
        a1 = next((a for h in first if h is not None and (a := self.actor(h, off))), None)
        if spec.type == "ASSAULT" and (a1 is None or a1.kind in ("CVL", "UNK")):  # "Fulani herders killed 20"
            a1 = next((a for h in first if h is not None and (a := self.people_militia(h, off))), a1)
        a2 = next(
            (a for h in second if h is not None and (a := self.actor(h, off)) and (a1 is None or a.name != a1.name)),
            None,
        )
        split_from = next((h for h in first + second if h is not None and len(self.coordinated(h, off)) >= 2), None)
        if split_from is not None and (spec.type in RECIPROCAL or a2 is None or a2 == a1):
            a1, a2 = self.coordinated(split_from, off)[:2]
        elif spec.type in RECIPROCAL and a2 is None:
            conj = next((h.conjuncts[0] for h in first if h is not None and h.conjuncts), None)
            a2 = self.actor(conj, off) if conj is not None else None
        if spec.type in ("ASSAULT", "MOBILIZE") and a1 and a1.kind == "GOV" and a1.name.startswith("Government of"):
            a1 = Actor(
                text=a1.text,
                name=self.resolver.canonical(a1.country, "MIL"),
                country=a1.country,
                kind="MIL",
                start=a1.start,
                end=a1.end,
            )  # a state attacks or deploys through its forces
        if spec.type in RECIPROCAL and a1 and a2:
            said = self.speaker(tok, off)
            if said and said.country == a2.country != a1.country:
                a1, a2 = a2, a1  # the reporting side first
        if a2 is None and spec.type in CONTENT_TYPES | RECIPROCAL:
            named = self.sentence_actors(trig.sent, off, {a1.name} if a1 else set())
            named = [a for a in named if not a1 or a.country != a1.country or a.kind != a1.kind]
            if a1 is None and spec.type in RECIPROCAL and len(named) >= 2:
                a1, a2 = named[0], named[1]
            elif named and (spec.type in RECIPROCAL or named[0].kind in ("REB", "UAF", "IGO")):
                a2 = named[0]
        heads = [
            h for h in first + second if h is not None and self.resolver.resolve(h)
        ]  # actor phrases hold no event place
        return a1, a2, heads

    @staticmethod
    def victim_count(tok: Token, offset: int) -> Quantity | None:
        """A count of the trigger's victims from the parse ('one member of the SDF was killed'), also of the verb an
        act is the subject of ('a gang ambush killed five officers, three suspects and two bystanders')."""
        verb = tok if tok.pos_ == "VERB" else tok.head if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" else None
        found = counted_victims(verb) if verb is not None else None
        if found is None:
            return None
        what, number, noun = found
        parts = counted_conjuncts(noun) or [(number, noun)]  # "five officers, three suspects and two bystanders"
        values = [to_number("one" if n.lower_ in ("a", "an") else n.text) for n, _ in parts]
        if any(v is None or v[0] <= 0 for v in values):
            return None
        words = tok.doc[min(number.i, noun.i, number.left_edge.i) : parts[-1][1].i + 1]
        start, end = char_span(words, offset)
        approximate = any(v[1] for v in values) or any(
            t.lower_ in ("least", "about", "nearly", "some", "around", "over") for t in number.subtree
        )
        total = sum(v[0] for v in values)
        value_n = int(total) if float(total).is_integer() else total
        floor = bound(tok.doc[number.left_edge.i : number.i].text + " ")
        return Quantity(
            what=what, value=value_n, approximate=approximate, text=words.text, start=start, end=end, bound=floor
        )

    def at_home(self, actor: Actor | None, place: Place | None) -> Actor | None:
        """Civilians whose words name no country belong to where the event happened, not to the attacker's
        country ('two people were killed by an Israeli drone in southern Lebanon': Lebanese civilians); a
        transnational group fights in the country where it acts (Islamic State in Burkina Faso)."""
        if actor is None or place is None or not place.country:
            return actor
        if branch := self.resolver.dict.affiliates.get((actor.name, place.country)):  # al-Qaeda in Somalia
            return replace(actor, name=branch.name, country=place.country, kind=branch.kind)
        if actor.country == place.country:
            return actor
        if actor.kind in ("REB", "UAF") and actor.country is None:
            return replace(actor, country=place.country)
        if actor.kind != "CVL":
            return actor
        if any((e := self.resolver.dict.lookup(w)) and e.country for w in actor.text.replace("'s", "").split()):
            return actor
        return replace(actor, country=place.country, name=self.resolver.canonical(place.country, "CVL"))

    # -- assembly ---------------------------------------------------------------------
    def draft(self, trig: Trigger, index: int, trigger_ids: set[int]) -> list[Draft]:
        """The mention a trigger starts (two when PLOVER codes the statement apart from the act)."""
        tok, spec, off, sent = trig.token, trig.spec, trig.offset, trig.sent
        status, why = status_of(tok, control=spec.type in CONTENT_TYPES)
        a1, a2, heads = self.parties(trig)
        if spec.by_nonstate and not (a1 and a1.kind in ("GOV", "MIL")):
            spec = spec.by_nonstate
        mode = self.lex.mode_from_context(sent, spec)
        etype, plover_mode, plover_status, plover_why = plover_reading(
            spec.type, mode, status, why, self_conditioned(tok)
        )
        place = self.scene.location(trig, heads, trigger_ids)
        a1, a2 = (self.at_home(a, place) for a in (a1, a2))
        s_start, s_end = char_span(sent, off)
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        anaphoric = (tok.pos_ != "VERB" and bool(det & DEFINITE) and a1 is None and a2 is None and not news_of(tok)
                     and not (spec.type == "PROTEST" and (told_happening(tok) or light_verb(tok) is not None)))
        # "joined the march", "the rally is taking place": a protest told as news, though 'the' introduces it (an
        # attack that 'took place' is told again)
        earlier = earlier_act(tok, trigger_ids)
        confidence = (
            spec.weight
            + 0.1 * bool(a1)
            + 0.05 * bool(a2)
            + (0.05 if tok.pos_ == "VERB" else -0.05)
            + (
                0.1
                if tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT" and tok.dep_ in ("xcomp", "ccomp", "conj", "dobj")
                else 0
            )
            - (0.1 if tok.dep_ in ("advcl", "relcl", "acl", "pcomp") else 0)
            - (0.1 if status == "hypothetical" else 0)
            - (0.15 if purpose_clause(tok, trigger_ids) else 0)
            - (0.15 if earlier else 0)
        )
        t_start, t_end = char_span(tok, off)
        mention = Mention(
            doc_id=self.doc_id,
            index=index,
            type=etype,
            mode=plover_mode,
            acled=None,
            status=plover_status,
            sentence=self.text[s_start:s_end],
            start=s_start,
            end=s_end,
            trigger=tok.text,
            trigger_start=t_start,
            trigger_end=t_end,
            actor1=a1,
            actor2=a2,
            location=place,
            date=self.scene.date(trig, status, trigger_ids),
            confidence=min(confidence, 0.99),
            status_reason=plover_why,
            according_to=according_to(tok, sent, lambda h: self.actor(h, off), lambda span: char_span(span, off)),
        )
        main = headline_act(tok) and spec.weight >= 0.6
        drafts = [Draft(trig, mention, anaphoric, {self.lex.base(tok)}, main, self.victim_count(tok, off), earlier)]
        if etype in ("AGREE", "THREATEN") and etype != spec.type:  # the promised or threatened act itself, dated ahead
            act = replace(
                mention,
                type=spec.type,
                mode=mode,
                status=status,
                status_reason=why,
                confidence=max(mention.confidence - 0.2, 0.05),
                quantities=[],
            )
            drafts.append(Draft(trig, act, anaphoric, {self.lex.base(tok)}, main))
        return drafts

    def run(self, parsed: list[tuple[int, object]]) -> list[Mention]:
        sents = [(off, s) for off, doc in parsed for s in sentences(doc)]
        texts = [self.text[off + s.start_char : off + s.end_char] for off, s in sents]  # each sentence's words
        offsets = {id(s): off for off, s in sents}
        drafts: list[Draft] = []
        index = 0
        for si, (off, sent) in enumerate(sents):
            found = self.triggers(sent, si, off)
            kept = [t for t in found if keep(t, found, self.scene)]
            ids = {t.token.i for t in kept}
            sentence_drafts = []
            for trig in kept:
                sentence_drafts += self.draft(trig, index, ids)
                index += 1
            for d in merge_same_sentence(sentence_drafts):
                self.scene.cataphora(d, [s for _, s in sents[si + 1 : si + 1 + COREF_WINDOW]], lambda s: offsets[id(s)])
                drafts.append(d)
            for tok in sent:
                if tok.dep_ in ("nsubj", "nsubjpass") and (a := self.resolver.resolve(tok)):
                    self.resolver.ctx.remember(off + tok.idx, a, tok.tag_ in ("NNS", "NNPS") or bool(tok.conjuncts))
        lemmas = {id(d.mention): d.lemmas for d in drafts}
        counts = {id(d.mention): d.count for d in drafts if d.count}
        sent_index = {id(d.mention): d.trigger.sent_index for d in drafts}
        earlier = frozenset(id(d.mention) for d in drafts if d.earlier)
        habits = frozenset(id(d.mention) for d in drafts if habitual(d.trigger.token))
        mentions = corefer(drafts)
        phrases = {
            id(d.mention): char_span(
                d.trigger.token.doc[d.trigger.token.left_edge.i : d.trigger.token.right_edge.i + 1], d.trigger.offset
            )
            for d in drafts
        }
        attach_quantities(mentions, phrases)
        for m in mentions:
            count = counts.get(id(m))
            parts = [q for q in m.quantities if count and q.start < count.end and count.start < q.end]  # a sum's parts
            if count and parts and count.value > max(q.value for q in parts):
                m.quantities = [q for q in m.quantities if q not in parts] + [count]
            elif count and not any(q.what == count.what for q in m.quantities):
                m.quantities.append(count)
            mark_cumulative(m.quantities, m.sentence, m.start)
            rival_accounts(m)
            m.background = is_background(m) or id(m) in habits
            if m.background:
                m.confidence = demoted(m.confidence)  # totals never lead a report
            if m.location is None and m.type in MATERIAL and self.dominant is not None:
                m.location = Place(
                    **{
                        **self.dominant.__dict__,
                        "precision": max(2, self.dominant.precision),
                        "reason": f"{NOT_PLACED}: the document's main place",
                    }
                )
            if m.status in REAL_STATUSES:  # ACLED codes what happened
                m.acled = acled_type(m, lemmas[id(m)], around(texts, sent_index[id(m)]))
            elif m.status == "planned" and m.actor1 and m.actor1.kind in ("REB", "UAF", "MIL"):  # and an armed
                typed = acled_type(m, lemmas[id(m)], around(texts, sent_index[id(m)]))  # group's announced change
                m.acled = typed if typed and typed["sub_event_type"] in ANNOUNCED else None
        defer_to_violence(mentions)
        zone_end = lead_zone_end([(off, off + len(doc.text)) for off, doc in parsed])
        lead = mark_lead(mentions, zone_end, self.title, earlier)
        if lead is not None:
            if self.title and lead.acled:
                lead.acled = weapon_of_headline(lead, self.title, lemmas[id(lead)], around(texts, sent_index[id(lead)]))
            mark_recalled(mentions, lead, earlier, report_year(self.text) if not self.scene.published else None)
            retold_toll(lead, mentions)
            precise_toll(lead, mentions)
            retold_day(lead, mentions)
            headline_toll(lead, mentions, self.title)
            self.scene.refine_lead(lead, mentions)
            mentions = other_accounts(lead, mentions)
            lead.actor1 = self.at_home(self.perpetrator(lead, mentions, parsed, sents), lead.location)
        mentions = renumber(mentions)
        link_denials(mentions, sents, self.actor)  # who denies which claim (`disputed_by`)
        return mentions

    @cached_property
    def headline(self) -> Doc | None:
        """The report's headline, parsed once (None without a title or a parser)."""
        return self.parse_headline(self.title) if self.title and self.parse_headline else None

    def perpetrator(self, lead: Mention, mentions: list[Mention], parsed, sents) -> Actor | None:
        """Who did the lead act when its own words name nobody (nor call the doer unidentified): the named actor of
        another mention of the act, else one the report says claimed or was blamed for it, else the one armed group
        its headline gives as the doer, else the one armed group it names; the lead's own words for the doer stay
        its `text`."""
        canonical = self.resolver.canonical
        if (
            lead.type != "ASSAULT"
            or named(lead.actor1, canonical)
            or lead.actor1
            and (lead.actor1.kind not in ("REB", "UAF", "UNK") or UNIDENTIFIED & set(lead.actor1.text.lower().split()))
        ):
            return lead.actor1
        block_offset = {id(doc): off for off, doc in parsed}

        def in_text(head: Token) -> Actor | None:
            return self.actor(head, block_offset[id(head.doc)])

        ground = lead.mode not in ("aerial", "drone")  # no armed group of the text flies the raid
        found = (
            same_act_actor(lead, mentions, canonical)
            or claimed_perpetrator([s for _, s in sents], in_text, canonical, unnamed=lead.actor1 is None)
            or headline_forces(self.headline, self.resolver.dict.lookup, canonical)
            or ground
            and (
                headline_group(self.headline, self.resolver.resolve, canonical)
                or headline_subject(self.headline, self.resolver.resolve, ARMED, identified=True)
                or sole_group([t for _, s in sents for t in s], in_text, canonical)
            )
            or lead.actor1 is None  # a doer left unnamed: the one the headline makes its subject ("Bandits kidnap 40")
            and headline_subject(self.headline, self.resolver.resolve, ARMED)
            or lead.actor1 is None  # or the unnamed armed side another sentence gives the same act
            and same_act_actor(lead, mentions, canonical, unnamed=True)
        )
        if not found or lead.actor1 is None:  # `found` is False when the aerial test cut the chain short
            return found or lead.actor1
        own = lead.actor1  # the lead's own words ("Palestinian gunmen") stay its text; the report says who
        return replace(found, text=own.text, start=own.start, end=own.end)


COUNT_TYPES = {
    "troops": ("MOBILIZE",),
    "vehicles": ("MOBILIZE",),
    "arrested": ("COERCE", "ASSAULT"),
    "killed": ("ASSAULT",),
    "injured": ("ASSAULT",),
    "displaced": ("ASSAULT", "COERCE"),
}


HEADLINE_PASSIVES = set(
    "kill behead murder slay massacre execute abduct kidnap shoot wound injure lynch torture rape".split()
)


def headline_passive(verb: Token, subj: Token | None) -> bool:
    """A headline's passive with 'were' left out ('Three People Beheaded', '12 soldiers killed in ambush'): a
    counted subject, a past form of an act done to people, and no object of its own."""
    return (
        subj is not None
        and subj.dep_ == "nsubj"
        and verb.tag_ in ("VBD", "VBN")
        and verb.lemma_.lower() in HEADLINE_PASSIVES
        and any(c.dep_ == "nummod" for c in subj.children)
        and not children(verb, "dobj", "obj")
    )


def told_apart(sentence: str, at: int, acts: list[int]) -> bool:
    """Whether a count lies in a semicolon-joined clause of its own, one no act of ours is in and longer than a bare
    toll ('... beheaded in Namuno; 18 rebels slain in battle', not 'Army shells town; 12 dead')."""
    parts = clauses(sentence)
    a, b = next((a, b) for a, b in parts if at <= b)
    return len(parts) > 1 and not any(a <= t <= b for t in acts) and not bare_toll(sentence[a:b])


def attach_quantities(mentions: list[Mention], phrases: dict[int, tuple[int, int]]) -> None:
    """Each count in a sentence goes to one mention of a fitting type (else any): the one with the smallest
    phrase holding it ('attacked the checkpoint where 12 soldiers were killed earlier, leaving one dead': 12 to
    the killing, one to the attack), else the nearest. `phrases`: each mention's trigger phrase, by id."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.start, []).append(m)
    for group in by_sentence.values():
        sentence, start = group[0].sentence, group[0].start
        for q in find_quantities(sentence, start):
            fitting = [m for m in group if m.type in COUNT_TYPES[q.what]] or group
            if told_apart(sentence, q.start - start, [m.trigger_start - start for m in fitting]):
                continue  # "Leader beheaded in Namuno; 18 rebels slain in battle": the battle's dead are not ours
            holding = [m for m in fitting if phrases.get(id(m), (0, 0))[0] <= q.start < phrases.get(id(m), (0, 0))[1]]
            best = min(
                fitting,
                key=lambda m: (
                    m not in holding,
                    phrases[id(m)][1] - phrases[id(m)][0] if m in holding else 0,
                    abs(m.trigger_start - q.start),
                ),
            )
            best.quantities.append(q)


def plover_reading(
    etype: str, mode: str | None, status: str, why: str, conditioned: bool = False
) -> tuple[str, str | None, str, str]:
    """PLOVER's coding of acts that did not happen as stated (type, mode, status, reason).

    A cooperative act promised for the future is an AGREE that occurred (the promise);
    a hostile act announced for the future, or any act the actor makes conditional on
    another's ("will withdraw unless"), is a THREATEN; a cooperative act refused or failed
    is a REJECT.
    """
    if status in ("planned", "hypothetical") and conditioned and etype in HOSTILE | {"RETREAT", "SANCTION", "AID"}:
        return "THREATEN", THREAT_MODES.get(etype), "occurred", f"conditional {etype.lower()} ({why})"
    if status == "planned" and etype in COOPERATIVE - {"AGREE"}:
        return "AGREE", None, "occurred", f"promise of {etype.lower()} ({why})"
    if status in ("planned", "hypothetical") and etype in HOSTILE and ("unless" in why or status == "planned"):
        return "THREATEN", THREAT_MODES.get(etype), "occurred", f"announced {etype.lower()} ({why})"
    if status == "denied" and etype in COOPERATIVE and why.startswith(("negated", "under")):
        return "REJECT", None, "occurred", f"refused {etype.lower()} ({why})"
    return etype, mode, status, why


REMOTE = "Explosions/Remote violence"  # ACLED's event type of attacks by a weapon from afar


def weapon_of_headline(lead: Mention, title: str, lemmas: set[str], context: str) -> dict[str, str]:
    """The lead's ACLED type when its headline names the weapon its own sentence leaves out ('Militants hurl
    grenade at CRPF team' over 'six jawans were injured'): remote violence told by the headline wins over a
    clash or an attack."""
    if lead.acled["event_type"] == REMOTE:
        return lead.acled
    told = acled_type(replace(lead, sentence=f"{title}. {lead.sentence}"), lemmas, context)
    return told if told and told["event_type"] == REMOTE else lead.acled


def around(texts: list[str], index: int) -> str:
    """The sentence before, the sentence and the one after: the context a short report's cues come from."""
    return " ".join(texts[max(0, index - 1) : index + 2])
