"""Choose one gazetteer candidate per mention, using the document's context; keep the ranking and the reason."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..geodesy import km
from ..model import Place
from ..spelling import key as name_key
from ..spelling import variant
from .cues import weights
from .gazetteer import Candidate, Gazetteer, base_prior

LARGE = {"PCLI", "CONT", "ADM1", "RGN", "PEN", "SEA", "OCN"}
DISTRICT = {"ADM2", "ADM3", "MT", "ZN", "PCLH"}
#: Names of these features are not taken for a town on the text's hints alone ("China", "Middle East").
GUARDED = {"PCLI", "CONT", "RGN", "OCN", "SEA"}
CURATED_ID = -10_000_000  # curated CSV rows have ids at or below this (derived admin units lie above)
_W = weights("resolution")  # the ranking's weights, each explained in data/patterns/geo_weights.yml
CAPITAL_BONUS = _W["capital_bonus"]
MATCH_PENALTY = _W["match_penalty"]
NEAR_KM = _W["near_km"]
NEAR_DEG = NEAR_KM / 111.0  # latitude difference beyond which no place is near
NEAR_BONUS = _W["near_bonus"]
COUNTRY_WEIGHT = _W["country_weight"]
COHERENCE_WEIGHT = _W["coherence_weight"]
COHERENCE_CAP = _W["coherence_cap"]
WEAK_POPULATION = _W["weak_population"]
FOREIGN_PENALTY = _W["foreign_penalty"]
TINY_POPULATION = _W["tiny_population"]
BORROWED_POPULATION = _W["borrowed_population"]
POINT_PENALTY = _W["point_penalty"]
NAMESAKE_PENALTY = _W["namesake_penalty"]
ADMIN1_BONUS = _W["admin1_bonus"]
NAMESAKE_POPULATION = _W["namesake_population"]
VARIANT_MIN_POPULATION = _W["variant_min_population"]
CONTAINER_KM = _W["container_km"]
OUTSIDE_KM = _W["outside_km"]
TOWN_OWNER_KM = _W["town_owner_km"]
DISTRICT_KM = _W["district_km"]


def precision(feature: str) -> int:
    """1 town or base, 2 district, 3 province, country or larger."""
    return 3 if feature in LARGE else 2 if feature in DISTRICT else 1


@dataclass
class Context:
    """What the document says so far: countries (weighted), admin1 units, and placed towns."""

    countries: Counter = field(default_factory=Counter)
    admin1: set = field(default_factory=set)
    points: list = field(default_factory=list)
    holders: set = field(default_factory=set)  # (country, admin1) of the towns placed

    def add(self, c: Candidate | Place, weight: float = 1.0) -> None:
        """Count a resolved place (a candidate or a Place) in the context; a weak reading votes with less weight."""
        if c.country:
            self.countries[c.country] += weight
        if c.feature == "ADM1":
            self.admin1.add((c.country, c.name))
        elif c.feature not in LARGE:
            self.points.append((c.lat, c.lon))
            self.holders.add((c.country, c.admin1))


def score(c: Candidate, ctx: Context, admin_hint: bool = False, within: Place | None = None,
          agree: float = 0.0, point: bool = False) -> tuple[float, list[str]]:
    """Score one candidate; the reasons list names each context signal that counted.

    `within` is the place written right after the name ("Paris, Texas"): candidates inside it win.
    """
    prior = base_prior(c.feature, c.population) + CAPITAL_BONUS * (c.feature == "PPLC")
    s = prior - (MATCH_PENALTY[c.match] if c.id > 0 and c.feature.startswith("PPL") else 0.0)
    why = [f"{c.feature} pop {c.population}" if c.population else c.feature]
    if c.match != "name":
        why.append(f"{c.match} name match")
    total = sum(ctx.countries.values())
    if c.country and ctx.countries.get(c.country):
        s += 1.0 + COUNTRY_WEIGHT * ctx.countries[c.country] / total
        why.append(f"country {c.country} in context")
    if c.admin1 and (c.country, c.admin1) in ctx.admin1 and c.feature != "ADM1" and not same_unit(c.name, c.admin1):
        # a town or district named as its province draws no support from that name (it may be the same mention)
        s += ADMIN1_BONUS
        why.append(f"admin1 {c.admin1} named nearby")
    if within and within.country == c.country and within.feature in {"PCLI", "ADM1", "ADM2", "RGN"} \
            and (c.feature not in LARGE or c.feature == "ADM1" and within.feature == "PCLI"):
        if within.feature == "PCLI" or same_unit(within.name, c.admin1) or (
                within.feature != "ADM1" and km(c.lat, c.lon, within.lat, within.lon) <= reach(within)):
            s += 4.0
            why.append(f"written as in {within.name}")
    elif (within and within.lat is not None and (within.feature or "").startswith("PPL") and c.feature not in LARGE
          and km(c.lat, c.lon, within.lat, within.lon) <= TOWN_OWNER_KM):  # "Karak's Bahadur Khel area"
        s += 4.0
        why.append(f"written as by {within.name}")
    if weak_foreign(c, ctx, agree):
        s -= FOREIGN_PENALTY
        why.append("weak reading in a country the text does not name")
    if c.feature == "ADM1" and (c.country, c.name) in ctx.holders:
        s += 3.0
        why.append("contains other places in the text")
    near = sum(abs(c.lat - la) <= NEAR_DEG and km(c.lat, c.lon, la, lo) <= NEAR_KM
               for la, lo in ctx.points) if c.feature not in LARGE else 0
    if near:
        s += min(NEAR_BONUS * near, 2 * NEAR_BONUS)
        why.append(f"near {near} other places in the text")
    if point and not admin_hint and c.feature in {"ADM1", "ADM2", "RGN"}:
        s -= POINT_PENALTY
        why.append("written as a town")
    if admin_hint and c.feature in {"ADM1", "ADM2"}:
        s += 3.0
        why.append("named as an administrative unit")
    if agree:
        s += COHERENCE_WEIGHT * min(agree, COHERENCE_CAP)
        why.append(f"agrees with {agree:.1f} other names")
    return s, why


_DIRECTIONS = {"northern": "north", "shamal": "north", "southern": "south", "janub": "south", "western": "west",
               "gharb": "west", "eastern": "east", "sharq": "east", "wasat": "central", "nord": "north", "sud": "south"}


def unit_key(name: str | None) -> str:
    """A province's name with direction words made one ("Northern Darfur", "Shamal Darfur", "North Darfur")."""
    return variant(" ".join(_DIRECTIONS.get(w, w) for w in name_key(name).split())) if name else ""


def outside(c: Candidate, within: Place | None) -> bool:
    """Whether a reading lies outside the province or district the text writes it in, by name and by distance."""
    return bool(
        within is not None
        and within.lat is not None
        and within.feature in ("ADM1", "ADM2")
        and within.country == c.country
        and c.feature not in LARGE
        and not same_unit(within.name, c.admin1)
        and km(c.lat, c.lon, within.lat, within.lon) > (DISTRICT_KM if within.feature == "ADM2" else OUTSIDE_KM)
    )


def reach(within: Place) -> float:
    """How far from its centre a container holds the places written in it: a district less than a region."""
    return DISTRICT_KM if within.feature == "ADM2" else CONTAINER_KM


def same_unit(a: str | None, b: str | None) -> bool:
    """Whether two province names are one ("North Darfur", "Northern Darfur"; "Nord-Kivu", "North Kivu")."""
    return bool(a and b) and (a == b or unit_key(a) == unit_key(b))


def weak(c: Candidate) -> bool:
    """A reading that alone proves little: a town (not a capital) under WEAK_POPULATION from the GeoNames extracts."""
    return c.feature.startswith("PPL") and c.feature != "PPLC" and c.population < WEAK_POPULATION and c.id > CURATED_ID


def stray(c: Candidate, ctx: Context, agree: float = 0.0) -> bool:
    """A reading not to trust: weak and foreign (see weak_foreign), or a weak town matched only loosely (variant or
    skeleton) outside every province the text names in its country or places its towns in, near none of its places
    ("Bulongo" in a North Kivu report is not Bulungu, 1,500 km west; "Babagund" in Kashmir is no Bhainsdehi)."""
    if weak_foreign(c, ctx, agree):
        return True
    if c.match not in ("variant", "fuzzy") or not weak(c) or c.id <= CURATED_ID:
        return False
    named = {a for country, a in ctx.admin1 | ctx.holders if country == c.country}  # named, or holding its towns
    return bool(named) and c.admin1 not in named and not any(
        abs(c.lat - la) <= NEAR_DEG and km(c.lat, c.lon, la, lo) <= NEAR_KM for la, lo in ctx.points)


def foreign(c: Candidate, ctx: Context, agree: float = 0.0) -> bool:
    """In a country that the document's other places do not name, when they name some country firmly, and with no
    other name of the text agreeing with it."""
    return max(ctx.countries.values(), default=0) >= 1.0 and not ctx.countries.get(c.country) and not agree


def borrowed(c: Candidate, ctx: Context, agree: float = 0.0) -> bool:
    """A town below a million people (not a capital) read only by another of its names (alternate, variant or
    skeleton) in a foreign country (see `foreign`): "Boni" in a Mali report is not Bonn by Bonn's old name."""
    return (c.match != "name" and c.feature.startswith("PPL") and c.feature != "PPLC" and c.id > CURATED_ID
            and c.population < BORROWED_POPULATION and foreign(c, ctx, agree))


def weak_foreign(c: Candidate, ctx: Context, agree: float = 0.0) -> bool:
    """A weak reading in a country that the document's other places do not name, when they name some country firmly,
    and that no other name agrees with."""
    return foreign(c, ctx, agree) and weak(c)


def namesake(c: Candidate, found: list[Candidate]) -> bool:
    """A province named after a large city inside it ("Kherson", "Aleppo", "Kharkiv" for Kharkivs'ka Oblast'): a
    bare name means the city. `found` are the readings of one name: a city in the province read by that name."""
    return c.feature == "ADM1" and any(
        o.feature.startswith("PPL") and o.country == c.country and same_unit(o.admin1, c.name)
        and (same_unit(o.name, c.name) or o.match == "name" and c.match == "alt") and o.population >= NAMESAKE_POPULATION
        for o in found)


class Resolver:
    """Ranks gazetteer candidates for mentions given a context."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def rank(self, name: str, ctx: Context, admin_hint: bool = False, within: Place | None = None,
             agree: dict[int, float] | None = None, point: bool = False,
             named: frozenset[str] = frozenset()) -> list[tuple[float, Candidate, list[str]]]:
        """Candidates for `name`, best first, as (score, candidate, reasons).

        Skeleton (fuzzy) matches count only for towns in the text's main country ("US-backed" in a Syria report
        does not let "Daranj" be Durango, Colorado), or for curated places of a country when the
        text names none ("Boulkessi" is not the Black Sea); transliteration variants also for curated places and
        towns of VARIANT_MIN_POPULATION.
        """
        top = max(ctx.countries.values(), default=0)
        main = {c for c, n in ctx.countries.items() if n == top}  # a skeleton match only in the text's main country
        found = [c for c in self.gaz.lookup(name)
                 if c.match not in ("fuzzy", "variant") or c.country in (main if c.match == "fuzzy" else ctx.countries)
                 or (c.id <= CURATED_ID and c.country and (c.match == "variant" or not ctx.countries))
                 or (c.match == "variant" and c.population >= VARIANT_MIN_POPULATION)]
        own = name_key(name)  # a loose reading named otherwise in the text is that other name's ("Khundru" is not
        found = [c for c in found  # Handwara when the text also names Handwara)
                 if c.match not in ("fuzzy", "variant") or name_key(c.name) == own or name_key(c.name) not in named]
        agree = agree or {}
        guarded = any(c.feature in GUARDED and c.match == "name" for c in found)
        bare = Context(countries=ctx.countries)
        # A name shared with a country or region ("China", "Lebanon"): only the text itself ("Lebanon, Ind.")
        # lets a town overrule it; provinces ("Georgia") keep their context.
        ranked = [(*(score(c, bare, admin_hint, within, point=point) if guarded and c.feature not in LARGE | {"ADM1"}
                     else score(c, ctx, admin_hint, within, agree.get(c.id, 0.0), point)), c) for c in found]
        if not admin_hint:
            ranked = [(s - NAMESAKE_PENALTY, [*why, "a province written as its city's name"], c)
                      if namesake(c, found) else (s, why, c) for s, why, c in ranked]
        return sorted(((s, c, why) for s, why, c in ranked), key=lambda t: -t[0])

    def place(self, text: str, ctx: Context, admin_hint: bool = False, start: int | None = None,
              end: int | None = None, within: Place | None = None, agree: dict[int, float] | None = None,
              point: bool = False, named: frozenset[str] = frozenset()) -> Place:
        """The best candidate for the name `text` as a Place (lat/lon None when there is none); `named`: the
        keys of the text's other names."""
        ranked = self.rank(text, ctx, admin_hint, within, agree, point, named)
        if not ranked:
            return Place(text, None, None, None, None, None, start=start, end=end, reason="no gazetteer candidate")
        s, best, why = ranked[0]
        support = (agree or {}).get(best.id, 0.0)
        if ((best.match != "name" or best.population < TINY_POPULATION) and stray(best, ctx, support)
                or borrowed(best, ctx, support)):
            # "Bule" in a Congo report is not Bulle in Switzerland by an alternate spelling: better unplaced
            return Place(text, None, None, None, None, None, start=start, end=end,
                         reason=f"only a stray weak reading ({best.match} name) abroad or off the text's provinces: "
                                f"{best.name} ({best.country})",
                         candidates=[candidate_json(sc, c) for sc, c, _ in ranked[:5]])
        if point and best.feature in ("ADM1", "ADM2") and best.match in ("fuzzy", "variant"):
            # "Jonnaguda villages" is no Junagadh district by the consonants of its name
            return Place(text, None, None, None, None, None, start=start, end=end,
                         reason=f"written as a town, and only a loose match of a unit: {best.name} ({best.country})",
                         candidates=[candidate_json(sc, c) for sc, c, _ in ranked[:5]])
        if outside(best, within):  # "Duk county of Jonglei state": no Duk the gazetteer has lies in Jonglei
            return Place(text, text, within.country, within.admin1, within.lat, within.lon, None,
                         max(2, within.precision or 2), within.feature, start, end,
                         f"no {text} inside {within.name} in the gazetteer (the nearest, {best.name} in "
                         f"{best.admin1 or best.country}, lies outside): placed at {within.name}, which the text "
                         "names as its container", [candidate_json(sc, c) for sc, c, _ in ranked[:5]])
        reason = f"best of {len(ranked)}: " + ", ".join(why)
        if len(ranked) > 1:
            reason += f"; runner-up {ranked[1][1].name} ({ranked[1][1].country}) {ranked[1][0]:.1f} < {s:.1f}"
        return Place(text, best.name, best.country, best.admin1 if best.feature != "ADM1" else best.name, best.lat,
                     best.lon, best.id if best.id > 0 else None, best.precision or precision(best.feature), best.feature,
                     start, end,
                     reason, [candidate_json(sc, c) for sc, c, _ in ranked[:5]])


def candidate_json(s: float, c: Candidate) -> dict:
    return {"name": c.name, "country": c.country, "admin1": c.admin1, "lat": c.lat, "lon": c.lon,
            "feature": c.feature, "population": c.population, "geonameid": c.id if c.id > 0 else None,
            "match": c.match, "score": round(s, 2)}
