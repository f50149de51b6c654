"""Offline geoparser: recognise place mentions, resolve them against a GeoNames-based gazetteer.

    from watchpost.geo import Geoparser
    from watchpost.nlp import parse_text         # text parsed as `watchpost extract` parses it
    places = Geoparser(parser=parse_text).parse(text)  # every mention, with offsets, coordinates and reasons
    place = Geoparser().resolve("Saraqeb", ["SYR"])
"""
from __future__ import annotations

import re
from dataclasses import replace
from os.path import commonprefix
from typing import Callable, Iterable

from spacy.tokens import Doc

from ..clean import words
from ..geodesy import BEARINGS, MILE_KM, destination, km
from ..model import Place
from ..spelling import key as name_key
from .coherence import support
from .cues import weights
from .gazetteer import Candidate, gazetteer
from .recognise import Toponym, mentions
from .resolve import TOWN_OWNER_KM, Context, Resolver, precision
from .resolve import weak as weak_candidate

_WEIGHTS = weights("context")  # data/patterns/geo_weights.yml
#: A first-pass winner this far ahead of the runner-up is trusted as context for the others.
CLEAR_MARGIN = _WEIGHTS["clear_margin"]
#: How much the same name written otherwise ("TRIPOLI" in a dateline, "Tripoli" below) votes for its own reading.
ECHO_VOTE = _WEIGHTS["echo_vote"]
#: How much a weak reading (a small town, matched by an alternate or variant name) votes for its country.
WEAK_VOTE = _WEIGHTS["weak_vote"]
ATTRIBUTIVE_VOTE = _WEIGHTS["attributive_vote"]
#: Words after a state's name that make it the adjective of a force, an act or an official ("a US strike",
#: "US-led", "Russian officials"): it names who acts, not where.
ATTRIBUTIVE_AFTER = re.compile(
    r"-(?:led|backed|brokered|based|made|supplied|funded)\b|\s+(?:(?:air|drone|missile|military|naval|special)\s+)?"
    r"(?:strikes?|airstrikes?|raids?|forces|troops|soldiers|military|army|navy|jets?|drones?|officials?|government|"
    r"embassy|envoy|president|minister|spokesman|coalition|command)\b",
    re.I,
)
#: What may stand between a town and the unit that holds it: "Paris, Texas", "El-Fasher, the capital of North
#: Darfur", "Kodyel, a village in Komandjari province".
CONTAINER_GAP = re.compile(r"\s+(?:county|district|sub-?district|township|area|municipality|payam)\s+(?:of|in)\s+(?:the\s+)?"
                           r"|,\s+(?:(?:the|a|an)\s+(?:[A-Za-z-]+\s+){0,3}?(?:capital|city|town|village|hamlet|seat|"
                           r"locality|settlement|camp|district|neighbou?rhood|suburb|area)\s+(?:of|in)\s+(?:the\s+)?)?"
                           r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
                           r"north-?western|south-?eastern|south-?western)\s+)?")  # "Tripoli, north Lebanon"
#: What stands between a unit and a place inside it written after it: "Sagaing Region's Pale Township".
IN_GAP = re.compile(r"\s+(?:village\s+|town\s+)?in\s+(?:the\s+)?", re.I)  # before a unit: "Siir in the Jenin district"
#: What stands between a part of a town and the town: "Karan Nagar area of Srinagar" (the rest of the name spaCy
#: tagged, then a word for a part of a town).
PART_GAP = re.compile(r"(?:\s+[A-Z][\w'\u2019-]*){0,2}\s+(?:area|locality|neighbou?rhood|suburb)\s+(?:of|in)\s+")
OWNER_GAP = re.compile(r"(?:\s+(?:region|province|state|district|county|governorate|oblast))?['\u2019]s\s+", re.I)
#: Words before a name that make it a point ("near Gao", "the town of Gao", "shelled Kherson"), not the province of
#: the same name.
POINT_BEFORE = re.compile(r"\b(?:near|outside|outskirts\s+of|(?:town|city|village|hamlet|suburb|camp|locality)s?\s+of|"
                          r"(?:shelled|struck|hit|bombed|stormed|raided|captured|seized|retook|recaptured)|"  # a target
                          r"(?:town|city|village)s?\s+(?:like|such\s+as)|km\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?$", re.I)
#: A word after a name that makes it a point ("Zaporizhzhia city"), not the province of the same name.
POINT_AFTER = re.compile(r"\s+(?:city|town|villages?|hamlets?)\b", re.I)
#: ...unless a word after it says it is a unit or a line ("near the New York border", "outside Gao region").
UNIT_AFTER = re.compile(r"[\s-]+(?:border|frontier|line|state|province|region|county|governorate|district|side)\b", re.I)
#: A part of a province written by its direction ("northern Idlib", "rural Aleppo"): the province, not its city.
REGION_BEFORE = re.compile(r"\b(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central|rural|countryside\s+of|"
                           r"(?:region|province|governorate|department)\s+of)\s+(?:the\s+)?$", re.I)  # "the region of X"
#: A name told as a unit in apposition ("Arauca, a province largely controlled by the ELN").
UNIT_APPOSITION = re.compile(r",\s+(?:a|the|an)\s+(?:[\w-]+\s+){0,2}(?:province|region|governorate|department|state)\b",
                             re.I)
#: The word for a unit at the end of a name ("Deir ez-Zor province").
UNIT_TAIL = re.compile(r"\s+(?:province|governorate|region|state|oblast|district|county)$", re.I)
#: "the village of X", "the town of X": X is a place even when spaCy does not say so.
UNIT_OF = re.compile(r"\b(?:village|town|hamlet|locality|settlement|city|camp|township|commune|neighbou?rhood|"
                     r"district|area|municipality)s?\s+of\s+((?:(?:[A-Z][\w'\u2019]*(?:-[A-Za-z][\w'\u2019]*)*)\s?){1,3})")
BEARING = "|".join(sorted(BEARINGS, key=len, reverse=True))  # "northeast" before "north": a regex tries them in turn
#: What links an unknown place to a known one it lies by: "X near Y", "X, a village 10 km north of Y".
NEAR = re.compile(r"(?:,?\s+(?:(?:a|the)\s+(?:small\s+|remote\s+)?(?:village|town|hamlet|locality|settlement|camp|"
                  r"area|district|neighbou?rhood)\s+)?|\s+(?:village|town|camp)\s+)"
                  r"(?:(?:just\s+)?(?:near|outside|close\s+to|next\s+to|on\s+the\s+outskirts\s+of|in\s+the\s+vicinity\s+of)|"
                  r"(?:some\s+|about\s+|around\s+)?\d+\s?(?:km|kilometres|kilometers|miles)\s+(?:\(\d+\s?\w+\)\s+)?"
                  rf"(?:(?:{BEARING})(?:-?\w+)?\s+)?(?:of|from)|"
                  rf"(?:{BEARING})\s+of|in)\s+(?:the\s+)?"
                  r"(?:(?:[a-z]+\s+){0,2}(?:town|city|village|district|province|region|state|capital|centre|center|hub)"
                  r"\s+of\s+)?$")  # "50 km north of the commercial centre of Beni"


class Geoparser:
    """Find and place every toponym of a text; cheap to construct after the first (the gazetteer is shared)."""

    def __init__(self, parser: Callable[[str], list[tuple[int, Doc]]] | None = None):
        self.gazetteer = gazetteer()
        self.resolver = Resolver(self.gazetteer)
        self.parser = parser  # how to parse a text given alone (watchpost.nlp.parse_text); else `parsed` is required

    def parse(self, text: str, parsed: list[tuple[int, Doc]] | None = None, demonyms: bool = True,
              countries: Iterable[str] = ()) -> list[Place]:
        """Places mentioned in `text`, sorted by start; `parsed`: its (offset, Doc) content blocks as
        watchpost.nlp.parse_texts gives them (Extractor.parse), else the text is parsed by `parser`.

        Demonyms ("Syrian") are returned placed at their country (reason "demonym of ..."), as toponym corpora
        annotate them; pass demonyms=False to leave them out, e.g. when choosing where an event happened.
        `countries`: ISO3 codes the report names outside its text (its headline's "... in Mali"), a vote each.
        """
        if parsed is None:
            if self.parser is None:
                raise ValueError("Geoparser.parse needs the parsed text, or a Geoparser(parser=watchpost.nlp.parse_text)")
            parsed = self.parser(text)
        hint = tuple(countries)
        found = mentions(text, parsed, self.gazetteer, hint)
        found = sorted(found + unit_mentions(text, found), key=lambda m: m.start)
        for m in found:
            m.point = m.point or bool(POINT_BEFORE.search(text, max(0, m.start - 40), m.start)
                                      and not UNIT_AFTER.match(text, m.end)) or bool(POINT_AFTER.match(text, m.end))
            m.admin = m.admin or (not m.point and (bool(REGION_BEFORE.search(text, max(0, m.start - 25), m.start))
                                                   or bool(UNIT_APPOSITION.match(text, m.end))))
            m.attributive = bool(ATTRIBUTIVE_AFTER.match(text, m.end))
        # "Deir ez-Zor province" once: a bare "Deir ez-Zor" later is the province too
        units = {UNIT_TAIL.sub("", m.key) for m in found if m.admin or UNIT_TAIL.search(m.key)}
        for m in found:
            m.admin = m.admin or (m.key in units and not m.point)
        if not demonyms:
            found = [m for m in found if not m.demonym]
        empty = Context()
        names = {m.key: m for m in found if not m.demonym}
        agree = support({n: [(s, c) for s, c, _ in self.resolver.rank(n, empty, m.admin)] for n, m in names.items()})
        first = self.context(found, agree=agree, hint=hint)
        places = self.place_all(text, found, lambda _: first, agree)
        contexts: dict[str, Context] = {}

        def without(name: str) -> Context:
            k = name_key(name)
            if k not in contexts:
                contexts[k] = self.context(found, places, skip=name, hint=hint)
            return contexts[k]

        return self.near_known(text, found, self.place_all(text, found, without, agree))

    @staticmethod
    def near_known(text: str, found: list[Toponym], places: list[Place]) -> list[Place]:
        """Unknown places written as lying by a known one ("the village of X near Y", "Y state's X village") placed at
        Y, precision 2, keeping their own name; unknown "village of X" mentions with no such anchor are dropped."""
        out = []
        for i, (m, p) in enumerate(zip(found, places)):
            if m.demonym:
                out.append(p)
                continue
            j = next((j for j in range(i + 1, min(i + 3, len(found)))
                      if places[j].lat is not None and not found[j].demonym and places[j] is not p
                      and NEAR.fullmatch(text, m.end, found[j].start)), None)
            anchor = places[j] if j is not None else None
            away = DISTANCE.search(text, m.end, found[j].start) if j is not None else None  # "300 km north of Y"
            if anchor is None and i and p.lat is None and places[i - 1].lat is not None and not found[i - 1].demonym \
                    and OWNER_GAP.fullmatch(text, found[i - 1].end, m.start):
                anchor = places[i - 1]  # "Benue state's Akpuuna village"
            reach = ANCHOR_KM + (float(away.group(1)) if away else 0)
            if anchor is not None and p.lat is not None and not by(p, anchor, reach):
                near = next((c for c in p.candidates if by(c, anchor, reach)), None)
                if near is not None:
                    p = replace(p, name=near["name"], country=near["country"], admin1=near["admin1"], lat=near["lat"],
                                lon=near["lon"], geonameid=near["geonameid"], precision=precision(near["feature"]),
                                feature=near["feature"], reason=f"the reading by {anchor.name}, as the text places it; "
                                                                  + (p.reason or ""))
                elif (p.feature or "").startswith("PPL") and (
                        p.candidates and p.candidates[0].get("match") in ("fuzzy", "variant", "alt")
                        or p.country == anchor.country and (anchor.feature or "").startswith("PPL")):
                    p = replace(p, lat=None)  # a loose match far from where the text puts it, or a namesake far
                    # across the same country ("the village of Otradnoye near Belgorod"): use the anchor
            if p.lat is None:
                if anchor is not None and away is not None and away.group(3):  # the bearing the text gives from Y
                    lat, lon = destination(anchor.lat, anchor.lon, float(away.group(1)) * (MILE_KM if
                                           away.group(2).lower().startswith("mile") else 1), BEARINGS[away.group(3).lower()])
                    p = replace(p, name=m.text, country=anchor.country, admin1=None, lat=lat, lon=lon, geonameid=None,
                                precision=2, feature=None, reason=f"not in the gazetteer: {' '.join(away.group(1, 2, 3))} of "
                                                                  f"{anchor.name} ({anchor.country}), as the text says")
                elif anchor is not None:
                    p = replace(p, name=m.text, country=anchor.country, admin1=anchor.admin1, lat=anchor.lat,
                                lon=anchor.lon, geonameid=None, precision=max(2, anchor.precision), feature=None,
                                reason=f"not in the gazetteer by {anchor.name} ({anchor.country}), where the text says it "
                                       f"lies; placed there")
                elif m.label == "UNIT":
                    continue
            out.append(p)
        return out

    def place_all(self, text: str, found: list[Toponym], context: Callable[[str], Context],
                  agree: dict[str, dict[int, float]] | None = None) -> list[Place]:
        """Resolve every mention against `context(name)`; "Paris, Texas" passes Texas as the container of Paris."""
        places, done = [], {}
        named = frozenset(name_key(m.key) for m in found if not m.demonym)
        withins = [nxt if not nxt.demonym and (CONTAINER_GAP.fullmatch(text, m.end, nxt.start)
                                                or nxt.admin and IN_GAP.fullmatch(text, m.end, nxt.start)) else None
                   for m, nxt in zip(found, found[1:])] + [None]  # "Paris, Texas"; "Siir in the Jenin district"
        owners = [None] + [prev if not prev.demonym and OWNER_GAP.fullmatch(text, prev.end, m.start) else None
                           for prev, m in zip(found, found[1:])]  # "Sagaing Region's Pale Township"
        withins = [w or o for w, o in zip(withins, owners)]
        for m, within in zip(found, withins):
            if m.demonym:
                places.append(self.demonym(m))
                continue
            memo = (m.key, m.admin, within.key if within else None, m.point)
            if memo not in done:
                ctx = context(m.key)
                done[memo] = self.resolver.place(m.key, ctx, m.admin, within=self.resolver.place(within.key, ctx, within.admin)
                                                 if within else None, agree=(agree or {}).get(m.key), point=m.point,
                                                 named=named)
            places.append(replace(done[memo], text=m.text, start=m.start, end=m.end))
        return self.one_sense(found, self.in_towns(text, found, places), withins)

    @staticmethod
    def in_towns(text: str, found: list[Toponym], places: list[Place]) -> list[Place]:
        """A place written as a part of a town ("in Karan Nagar area of Srinagar") that was read as a place farther
        than TOWN_OWNER_KM from that town is placed at the town, keeping its name: the gazetteer knows no such part
        (its Karan is a village 130 km from Srinagar)."""
        out = list(places)
        for i, (m, town) in enumerate(zip(found, found[1:])):
            p, t = places[i], places[i + 1]
            if m.demonym or p.lat is None or t.lat is None or not (t.feature or "").startswith("PPL"):
                continue
            if PART_GAP.fullmatch(text, m.end, town.start) and km(p.lat, p.lon, t.lat, t.lon) > TOWN_OWNER_KM:
                out[i] = replace(t, text=p.text, name=p.text, geonameid=None, start=p.start, end=p.end,
                                 candidates=p.candidates,
                                 reason=f"written as a part of {t.name}, and no {p.text} the gazetteer has lies "
                                        f"within {TOWN_OWNER_KM:g} km of it: placed at {t.name}")
        return out

    @staticmethod
    def one_sense(found: list[Toponym], places: list[Place], withins: list[Toponym | None]) -> list[Place]:
        """A name the text places once by its container ("Tripoli, Lebanon"; `withins`: each mention's container
        or None) keeps that reading wherever else it stands alone in the text: one place per name per document."""
        told = {}
        for m, p, within in zip(found, places, withins):
            if not m.demonym and p.lat is not None and within is not None:
                told.setdefault(m.key, p)
        return [
            replace(told[m.key], text=m.text, start=m.start, end=m.end, reason=f"as the text places {m.key} elsewhere")
            if m.key in told and not m.demonym and p.geonameid != told[m.key].geonameid else p
            for m, p in zip(found, places)
        ]

    def resolve(self, name: str, countries: list[str] | None = None, area: bool = False) -> Place | None:
        """A bare name placed with optional context countries (ISO3); None when the gazetteer has no such name.
        `area`: the name stands for an area where it can (an agreement zone's "Idlib" is the province)."""
        ctx = Context()
        ctx.countries.update(countries or [])
        place = self.resolver.place(name, ctx, admin_hint=area)
        return place if place.lat is not None else None

    def context(self, found: list[Toponym], placed: list[Place] | None = None, skip: str | None = None,
                agree: dict[str, dict[int, float]] | None = None, hint: tuple[str, ...] = ()) -> Context:
        """The document's context: demonyms' countries, then either the names whose best reading wins clearly
        without context (first pass) or every place of a previous pass (second pass) except those named `skip`,
        so that a first guess does not vote for itself."""
        ctx, empty, seen = Context(), Context(), {}
        for country in hint:  # a country the headline names
            ctx.countries[country] += 1.0
        skip_key = name_key(skip) if skip else None
        for i, m in enumerate(found):
            if m.key == skip:
                continue
            echo = skip_key is not None and name_key(m.key) == skip_key  # "TRIPOLI" for "Tripoli": half a vote
            if m.demonym:
                if m.demonym.country:
                    ctx.countries[m.demonym.country] += 0.5
                continue
            if placed is not None:
                if placed[i].lat is not None:
                    vote = weak_vote(placed[i]) * (ECHO_VOTE if echo else 1.0)
                    ctx.add(placed[i], vote * (ATTRIBUTIVE_VOTE if m.attributive and is_state(placed[i]) else 1.0))
                continue
            if (m.key, m.admin) not in seen:
                seen[m.key, m.admin] = self.resolver.rank(m.key, empty, m.admin, agree=(agree or {}).get(m.key))
            ranked = seen[m.key, m.admin]
            if ranked and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN):
                best = ranked[0][1]
                vote = WEAK_VOTE if weak_candidate(best) and best.match != "name" else 1.0
                ctx.add(best, vote * (ATTRIBUTIVE_VOTE if m.attributive and is_state(best) else 1.0))
        return ctx

    @staticmethod
    def demonym(m: Toponym) -> Place:
        """A demonym placed at its country or continent."""
        c = m.demonym
        return Place(m.text, c.name, c.country, None, c.lat, c.lon, c.id if c.id > 0 else None, precision(c.feature),
                     c.feature, m.start, m.end, f"demonym of {c.name}")


ANCHOR_KM = 300  # a place written "near" or "in" another lies this close to it (or in that country)
#: The distance and bearing in what links a place to the one it lies by ("around 300 km north of").
DISTANCE = re.compile(r"(\d+)\s?(km|kilometres|kilometers|miles)\s+(?:\(\d+\s?\w+\)\s+)?"
                      rf"(?:({BEARING})(?:-?\w+)?\s+)?(?:of|from)",
                      re.IGNORECASE)


def repeated(text: str, parsed: list[tuple[int, Doc]], places: list[Place]) -> list[Place]:
    """The places again at the offsets of each line that cleaning left out because it repeats, word
    for word, a line it kept (a headline printed again above the body): the copy names the same
    places, and a toponym corpus annotates every occurrence. Sorted by start."""
    covered = [offset for offset, _ in parsed]
    lines, pos = [], 0
    for line in text.split("\n"):
        start, body = pos + len(line) - len(line.lstrip()), line.strip()
        pos += len(line) + 1
        if body:
            lines.append((start, body, any(start <= a < start + len(body) for a in covered)))
    kept = {tuple(words(body)): (start, body) for start, body, read in reversed(lines) if read}  # a line's first kept copy
    out, found = list(places), {(p.start, p.end) for p in places}  # a name found again in the copy stays once
    for start, body, read in lines:
        source, copied = kept.get(tuple(words(body)), (None, ""))
        if not read and source is not None:
            same = len(commonprefix([body, copied]))  # the text the two share from their start: offsets carry over
            out += [replace(p, start=p.start - source + start, end=p.end - source + start) for p in places
                    if source <= p.start and p.end <= source + same
                    and (p.start - source + start, p.end - source + start) not in found]
    return sorted(out, key=lambda p: p.start)


def by(c: Place | dict, anchor: Place, reach: float = ANCHOR_KM) -> bool:
    """Whether a reading (a Place or a candidate dict) lies where the anchor says: in that country, or within `reach`
    km of it (further when the text gives the distance)."""
    get = c.get if isinstance(c, dict) else lambda k: getattr(c, k)
    if get("lat") is None or get("country") != anchor.country:
        return False
    return anchor.feature in ("PCLI", "PCLH") or km(get("lat"), get("lon"), anchor.lat, anchor.lon) <= reach


def is_state(place: Place | Candidate) -> bool:
    """A country, as the gazetteer has it."""
    return place.feature == "PCLI"


def weak_vote(place: Place) -> float:
    """How much a placed mention counts for its country in the context: WEAK_VOTE for a small town matched by an
    alternate, variant or skeleton name, or for one that had to beat a foreign penalty; 1 otherwise."""
    best = place.candidates[0] if place.candidates else None
    if best is None or best.get("geonameid") is None or not (best.get("feature") or "").startswith("PPL"):
        return 1.0
    if best.get("feature") == "PPLC" or (best.get("population") or 0) >= 100_000:
        return 1.0
    return WEAK_VOTE if best.get("match") != "name" or "weak reading" in (place.reason or "") else 1.0


def unit_mentions(text: str, found: list[Toponym]) -> list[Toponym]:
    """Names after "the village of", "the town of"... that no other mention covers."""
    out = []
    for m in UNIT_OF.finditer(text):
        start, end = m.span(1)
        name = text[start:end].rstrip()
        end = start + len(name)
        if name and not any(f.start < end and start < f.end for f in found):
            out.append(Toponym(start, end, name, "UNIT"))
    return out
