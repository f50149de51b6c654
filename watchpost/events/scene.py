"""Where and when an act happened: the place and date of a mention, told by its own clause.

The place is a placed mention attached to the trigger, else in its clause, else in the sentence — never one
inside an actor's phrase or another act's phrase, never the dateline's; a lead placed only at a province takes
the town a later sentence names for the same act. The date is the time expression governing the trigger's
chain of heads (a relative clause dates an event noun), else a stated default around publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..dates import PAST_PERIOD, day_key, default_span, weekday_year
from ..dates import resolve as resolve_date
from ..geodesy import km
from ..model import DateSpan, Mention, Place
from .arguments import FIGHTS, INSTRUMENTS, dominated
from .background import apart, moved_on
from .clauses import REPORTING, own_phrase
from .coref import SAID_ON, Draft, Trigger, same_event_day
from .lexicon import words
from .timing import dateline_length, time_expressions

PLACE_NOUNS = words()["place_nouns"]
SETTLEMENTS = words()["settlements"]
THE_CITY = re.compile(  # the dateline's town told again: "the city", "the Somali capital", "Bangladesh's capital"
    r"\bthe (?:[A-Z][\w-]+ )?(?:city|town|capital)\b|(?:'s|\u2019s) capital\b", re.IGNORECASE
)
FOLLOWING_CHARS = 400  # about the two sentences after the lead's
REFERENCE_POINT = re.compile(  # "450 kilometers (270 miles) northwest of the capital Kabul", "sixty kilometers north
    # of the capital city of Baghdad": a bearing, not the place
    r"(?:\d|\b(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))\s?(?:km|kilometres|kilometers|"
    r"miles)\s+(?:\([^)]{0,20}\)\s+)?(?:[\w-]+\s+)?(?:of|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
TENSE = {"planned": True, "threatened": True, "occurred": False, "ongoing": False}  # ahead of the report or behind it
UNPLACED_DAY = "a day or period the text names, not placed: no publication date to count from"
NOT_PLACED = "not placed in its sentence"  # the reason of a mention placed at the document's main place


def char_span(token_or_span, offset: int) -> tuple[int, int]:
    """Document offsets of a token or span of a block that starts at `offset`."""
    if isinstance(token_or_span, Token):
        return offset + token_or_span.idx, offset + token_or_span.idx + len(token_or_span)
    return offset + token_or_span.start_char, offset + token_or_span.end_char


def is_placeish(token: Token) -> bool:
    """A place name or a word for a place ('province', 'village')."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in PLACE_NOUNS


def locative(place: Place, sent: Span, offset: int, struck: frozenset[int] = frozenset()) -> bool:
    """Whether a place mention stands where a location does ('in X', 'X province', 'Sochi, Russia', the object
    of an attack, whose verbs' indices are `struck`: 'shelled Saraqeb'), not where an actor does ('Turkey says',
    'urged Russia')."""
    words = [t for t in sent if place.start <= offset + t.idx < place.end]
    tok = next((t for t in words if t.head not in words or t.head.i == t.i), None)  # the name's own head word
    if tok is None:
        return False
    if tok.dep_ == "dobj" and tok.head.i in struck:
        return True
    if tok.head.lower_ in ("based", "backed", "led", "born", "made", "funded"):
        return False  # "the Britain-based observatory"
    while tok.dep_ in ("compound", "flat", "amod", "conj", "appos", "nmod", "cc") and tok.head.i != tok.i:
        if tok.dep_ in ("compound", "amod", "nmod") and not is_placeish(tok.head):
            return False  # "a Syria war monitor": the name describes something else
        tok = tok.head
    if tok.dep_ == "dobj" and tok.head.i in struck:
        return True  # "shelled the Novoberyslav settlement"
    return (
        tok.dep_ in ("pobj", "npadvmod", "advmod") or tok.pos_ == "ADV" or tok.dep_ == "appos" and is_placeish(tok.head)
    )


class Scene:
    """The places and publication date of one document, and how its mentions are placed and dated."""

    def __init__(
        self,
        places: list[Place],
        published: str | None,
        anchor_reason: str | None = None,
        filed_in: Place | None = None,
        year: int | None = None,
    ):
        self.places = [p for p in places if p.lat is not None]
        self.published, self.anchor_reason = published, anchor_reason
        self.year = year  # no date on the report: the latest year its text names, if any
        self.filed_in = filed_in  # the town of the report's dateline ("QUETTA: ...")

    def own_place(self, token: Token, offset: int) -> bool:
        """Whether a trigger's phrase names a place below country level ('deal struck in Sochi')."""
        start, end = char_span(token.doc[token.left_edge.i : token.right_edge.i + 1], offset)
        return any(start <= p.start < end and not (p.feature or "").startswith("PCL") for p in self.places)

    def names_place(self, head: Token, offset: int) -> bool:
        """Whether an actor's head word is itself a place ('attacked Aleppo', 'the attack on Bir el-Abd'):
        the place an attack hits is where it happened (a deal 'with Iran' is not in Iran)."""
        at = offset + head.idx
        return any(p.start <= at < p.end for p in self.places)

    def location(self, trig: Trigger, exclude: list[Token], triggers: set[int] = frozenset()) -> Place | None:
        """The place attached to the trigger, else in its clause, else in the sentence; a place inside another
        act's phrase is that act's ('agreed a ceasefire in Idlib after talks in Moscow': the talks are in Moscow)."""
        tok, off, sent = trig.token, trig.offset, trig.sent
        s_start, s_end = char_span(sent, off)
        struck = (
            frozenset([tok.i, *([tok.head.i] if result_of_attack(tok, triggers) else [])])
            if trig.spec.type in ("ASSAULT", "COERCE")
            else frozenset()
        )
        after_dateline = s_start + dateline_length(sent.text)  # "MANILA, Dec 18 (PNA) -": where the report was filed
        in_sentence = [
            p
            for p in self.places
            if after_dateline <= p.start < s_end
            and locative(p, sent, off, struck)
            and not REFERENCE_POINT.search(sent.text[: p.start - s_start])
        ]
        if not in_sentence:
            return None
        blocked = [
            span
            for h in exclude
            if h.i != tok.i and not dominated(tok, h) and not (struck and self.names_place(h, off))
            for span in phrase_but_whereabouts(h, tok, off, bool(struck))
        ]
        blocked += [
            char_span(t.doc[t.left_edge.i : t.right_edge.i + 1], off)
            for t in sent
            if t.i in triggers and t.i != tok.i and dominated(t, tok) and t.pos_ == "NOUN" and not happened_in(tok, t)
        ]
        in_sentence = [p for p in in_sentence if not any(b0 <= p.start < b1 for b0, b1 in blocked)]
        clause = tok
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head.i != clause.i:
            clause = clause.head
        attacks = [tok.doc[i] for i in sorted(struck - {tok.i}, reverse=True)]  # the attack a killing tells
        for scope in (tok, *attacks, clause, sent.root):
            spans = [char_span(t, off) for t in own_phrase(scope)]
            attached = [p for p in in_sentence if any(lo <= p.start < hi for lo, hi in spans)]
            if attached:
                near = scope if scope in attacks else tok  # the place nearest the act, or the attack it tells
                return min(attached, key=lambda p: (p.precision, is_country(p), abs(p.start - (off + near.idx))))
        return None

    def cataphora(self, draft: Draft, later: list[Span], offset_of) -> None:
        """'attacked troops in a village' + next sentence 'the village of Nairab' → Nairab."""
        tok, m = draft.trigger.token, draft.mention
        unnamed = [
            t
            for t in tok.subtree
            if t.lemma_.lower() in SETTLEMENTS and any(c.lower_ in ("a", "an") for c in t.children)
        ]
        if not unnamed or (m.location and m.location.precision == 1):
            return
        word = unnamed[0].lemma_.lower()
        for sent in later:
            off = offset_of(sent)
            for t in sent:
                if t.lemma_.lower() == word and any(c.lower_ == "of" for c in t.children):
                    lo, hi = char_span(t.doc[t.i : t.right_edge.i + 1], off)
                    named = [p for p in self.places if lo <= p.start < hi and p.precision == 1]
                    if named:
                        m.location = Place(
                            **{**named[0].__dict__, "reason": f"the {word} named in a following sentence"}
                        )
                        return

    def date(self, trig: Trigger, status: str, triggers: set[int]) -> DateSpan:
        """The date expression governing the trigger's chain of heads, else a stated default."""
        chain = {trig.token.i}
        if trig.token.pos_ != "VERB":  # "the fighting, which broke out on Wednesday": the clause dates the noun
            chain |= {c.i for c in trig.token.children if c.dep_ in ("relcl", "acl") and c.i not in triggers}
        teller = None  # the act that tells this one ("accused the RSF of shelling")
        for a in trig.token.ancestors:
            if a.i in triggers:
                teller = a
                break
            chain.add(a.i)
        governed = []
        dateline = dateline_length(trig.sent.text)  # "ISLAMABAD (AFP) Jun 05, 2025": the report's day, not the act's
        for ent in time_expressions(trig.sent):
            if ent.start_char - trig.sent.start_char < dateline:
                continue
            governor = next(
                (a for a in ent.root.ancestors if a.pos_ == "VERB" or a.i in triggers or a.i in chain), None
            )
            if governor is not None and teller is not None and governor.i == teller.i and report_for(ent):
                governed.append((False, abs(ent.root.i - trig.token.i), ent))  # "in its report for Sunday"
            elif governor is not None and governor.i in chain:
                said = governor.i != trig.token.i and governor.lemma_.lower() in REPORTING
                governed.append((said, abs(ent.root.i - trig.token.i), ent))
        for was_said, _, ent in sorted(governed, key=lambda g: g[:2]):  # the act's own date before the saying's
            span = resolve_date(ent.text, self.published, future=TENSE.get(status))
            if span:
                span.char_start, span.char_end = char_span(ent, trig.offset)
                if was_said:  # "X said on Thursday that ...": the act happened that day or the day before
                    span.reason = f"{SAID_ON}{span.reason}; the act on that day or the day before"
                    if span.precision == "day" and span.start == span.end and status in ("occurred", "ongoing"):
                        span.start = (dt.date.fromisoformat(span.start) - dt.timedelta(days=1)).isoformat()
                return self.anchored(span)
        ent = min(governed, key=lambda g: g[:2])[2] if governed else None
        if not self.published and ent is not None and (span := weekday_year(ent.text, self.year)):
            span.char_start, span.char_end = char_span(ent, trig.offset)  # "Monday, February 3": the weekday
            return span  # says the year
        if not self.published and ent is not None and (day_key(ent.text) or PAST_PERIOD.search(ent.text)):
            start, end = char_span(ent, trig.offset)  # no anchor to place the day or the past period named: its
            return DateSpan(  # words kept, to tell this day from another and the report's past from its news
                text=ent.text,
                start=None,
                end=None,
                precision="unknown",
                reason=UNPLACED_DAY,
                char_start=start,
                char_end=end,
            )
        return self.anchored(default_span(status, self.published))

    def anchored(self, span: DateSpan) -> DateSpan:
        """Say where the anchor came from when the report was dated from its own text."""
        if self.anchor_reason and self.anchor_reason != "--published" and span.anchor:
            span.reason = f"{span.reason}; anchor {span.anchor} from the report's {self.anchor_reason}"
        return span

    def refine_lead(self, lead: Mention, mentions: list[Mention]) -> None:
        """A lead placed only at a province or country takes the town that a later mention of the same act
        places inside it ('airstrikes in Idlib province killed 14 ...' then '... hit the village of Orum
        al-Kubra'), else the town of the report's dateline when the lead says 'the city' ('QUETTA: ... a blast
        rocked the city's Sariab Road'), else the first town (or, with none, the first finer place) inside it that
        the next sentences name. A lead placed only at the document's main place takes the place any retelling of
        the same act gives, anywhere in the country, even a district ('near a town north of Baghdad' ... 'an army
        checkpoint outside al-Tala'a village, Khalis district'). A retelling is looked for only before the report
        turns to a separate incident."""
        coarse = lead.location
        fallback = main_place_only(coarse)
        if coarse is not None and coarse.precision == 1 and not fallback:
            return
        turn = moved_on(mentions, lead.start)
        retold = [
            m.location
            for m in mentions
            if m is not lead
            and (turn is None or m.start < turn)  # "In a separate attack ...": what follows is that story
            and m.type == lead.type
            and not apart(m)  # "in a separate incident, two jawans were injured in Sukma"
            and m.location is not None
            and not (main_place_only(m.location) and breadth(m.location) > 2)
            and (
                breadth(m.location) < (breadth(coarse) if coarse is not None else 2)  # a province beats a country
                or fallback  # the document's main place yields to a town or district a retelling names
                and breadth(m.location) <= 2
                and m.location.name != coarse.name
                and not main_place_only(m.location)
            )
            and same_event_day(m, lead)
            and (
                coarse is None
                or coarse.country == m.location.country
                and (fallback or not is_unit(coarse) or inside(m.location, coarse))
            )
        ]
        if retold:
            town = min(retold, key=breadth)  # the finest, the first of equals
            within = f" in {coarse.name}" if coarse and not fallback else ""
            lead.location = replace(town, reason=f"the town{within} where a later sentence places the same act")
            return
        if (
            self.filed_in is not None
            and THE_CITY.search(lead.sentence)
            and (coarse is None or inside(self.filed_in, coarse))
        ):
            lead.location = replace(self.filed_in, reason="'the city' of the report's dateline")
            return
        if coarse is None:
            return
        separate = [(m.start, m.end) for m in mentions if apart(m)]
        finer = [
            p
            for p in self.places
            if breadth(p) < breadth(coarse)
            and not any(a <= (p.start or 0) < b for a, b in separate)  # "in a separate incident ... in Sukma"
            and lead.end <= (p.start or 0) < min(lead.end + FOLLOWING_CHARS, turn or lead.end + FOLLOWING_CHARS)
            and inside(p, coarse)
            and (p.feature or "") != "PPLC"
        ]
        town = next((p for p in finer if p.precision == 1), finer[0] if finer else None)
        if town is not None:
            lead.location = replace(town, reason=f"the place in {coarse.name} named right after the lead sentence")


WHEREABOUTS = {"in", "at", "near", "around", "outside"}


def phrase_but_whereabouts(actor: Token, act: Token, offset: int, struck: bool) -> list[tuple[int, int]]:
    """The character spans of an actor's phrase, where no place of the act may come from; for the target of an
    attack, less its whereabouts ('killed five villagers in Kaura': the villagers were where it happened)."""
    edges = [(actor.left_edge.i, actor.right_edge.i + 1)]
    if struck and actor.head.i == act.i and actor.dep_ in ("dobj", "nsubjpass"):
        for prep in actor.rights:
            if prep.dep_ == "prep" and prep.lower_ in WHEREABOUTS:
                lo, hi = edges.pop()
                edges += [(lo, prep.left_edge.i), (prep.right_edge.i + 1, hi)]
                break
    return [char_span(actor.doc[lo:hi], offset) for lo, hi in edges if lo < hi]


def result_of_attack(tok: Token, triggers: set[int]) -> bool:
    """'shelled the camp near El Fasher, killing 11': the killing is what the attack did, where it struck."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in triggers


def happened_in(act: Token, noun: Token) -> bool:
    """Whether an act happened in the attack a noun names ('killed in the latest attack ... in Beni'): the
    attack's place is the act's."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ("in", "during", "by")
        and prep.head.i in (act.i, *(c.i for c in act.conjuncts))
        and noun.lemma_.lower() in INSTRUMENTS | FIGHTS
    )


def main_place_only(place: Place | None) -> bool:
    """Whether a mention's place is the document's main place, given where its own sentence names none."""
    return place is not None and (place.reason or "").startswith(NOT_PLACED)


def is_unit(place: Place) -> bool:
    """A province or district with borders the gazetteer knows (a region or a peninsula has none)."""
    return bool(place.admin1) and (place.feature or "").startswith("ADM")


REPORT_NOUNS = {"report", "statement", "update", "tally", "bulletin", "briefing", "toll", "summary"}


def report_for(ent: Span) -> bool:
    """A day that a report covers ('in its report for Sunday, the army accused the RSF of shelling ...'): the day
    of the acts the report tells, not of the telling."""
    prep = ent.root.head
    return prep.lower_ == "for" and prep.head.lemma_.lower() in REPORT_NOUNS


def breadth(place: Place) -> int:
    """1 a town, 2 a district, 3 a province or region, 4 a country."""
    return 4 if is_country(place) else place.precision or 3


def is_country(place: Place) -> bool:
    """A country, the widest place ('Congo's Ituri province': the province says more)."""
    return (place.feature or "").startswith("PCL")


DISTRICT_KM = 75  # a district's towns lie this close to its centre (the geoparser's district_km, geo_weights.yml)


def inside(town: Place, area: Place) -> bool:
    """Whether a town lies in a country, province or district as far as the gazetteer says (a district, whose
    code the gazetteer's towns lack: within DISTRICT_KM of its centre)."""
    if area.feature == "ADM2" and None not in (town.lat, area.lat):
        return town.country == area.country and km(town.lat, town.lon, area.lat, area.lon) <= DISTRICT_KM
    return town.country == area.country and (
        not area.admin1 or area.precision == 3 and is_country(area) or area.admin1 == town.admin1
    )
