"""Provinces and districts by their current GeoNames names (admins.csv, from GeoNames' admin1CodesASCII.txt and
admin2Codes.txt): DR Congo's 26 provinces, Ethiopia's new regions, Pakistan's former tribal agencies, written as
the news writes them ("Ituri province", "North Waziristan tribal agency", "Borno State"), and names that must stay
what they were ("Kirkuk" the city, "Free" and "plateau" no place).

Every sentence here is written for these tests."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from watchpost.cli import main
from watchpost.geo import sources
from watchpost.geo.derive import admin_names, unit_row
from watchpost.geo.gazetteer import gazetteer
from watchpost.geodesy import km
from watchpost.spelling import variant

# (sentence, the mention, ISO3, a point of the unit it must be placed within 100 km of)
UNITS = [
    ("Gunmen killed 30 civilians in the Ethiopian region of Oromia.", "Oromia", "ETH", (8.0, 39.0)),  # centre
    ("Fighting spread to the Sidama region of Ethiopia.", "Sidama", "ETH", (7.06, 38.48)),  # Hawassa
    ("Gunmen attacked a convoy in Benishangul-Gumuz region, Ethiopia.", "Benishangul-Gumuz", "ETH",
     (10.07, 34.53)),  # Asosa
    ("A militia attacked a camp in Ituri province.", "Ituri", "COD", (1.56, 30.25)),  # Bunia
    ("Clashes erupted in Haut-Uele province in northeastern Congo.", "Haut-Uele", "COD", (2.77, 27.62)),  # Isiro
    ("Clashes broke out in Kasai-Central province.", "Kasai-Central", "COD", (-5.9, 22.42)),  # Kananga
    ("Rebels attacked Butembo in North Kivu province.", "North Kivu", "COD", (-0.6, 29.2)),
    ("Flooding hit Kongo Central province in the Democratic Republic of Congo.", "Kongo Central", "COD",
     (-5.5, 14.2)),
    ("Ten militants were killed in North Waziristan tribal agency.", "North Waziristan", "PAK",
     (33.0, 70.07)),  # Miranshah
    ("A suicide bomber struck in Bajaur district of Pakistan.", "Bajaur", "PAK", (34.73, 71.52)),  # Khar
    ("Unidentified gunmen killed a tribal elder in Kurram district, Pakistan.", "Kurram", "PAK",
     (33.90, 70.10)),  # Parachinar
    ("Clashes erupted in Jonglei state, South Sudan.", "Jonglei", "SSD", (6.21, 31.56)),  # Bor
    ("Fighting continued in Kachin State, in northern Myanmar.", "Kachin State", "MMR", (25.38, 97.40)),
    ("Militants attacked a checkpoint in Borno State, Nigeria.", "Borno State", "NGA", (11.85, 13.16)),
    ("Gunmen killed villagers in Zamfara State, Nigeria.", "Zamfara State", "NGA", (12.16, 6.66)),  # Gusau
    ("Taliban fighters seized a district in Kunar province, Afghanistan.", "Kunar", "AFG", (34.87, 71.15)),
    ("Jihadists attacked a village in Tillaberi region of Niger.", "Tillaberi", "NER", (14.21, 1.45)),
    ("Gunmen attacked a village in Menaka region of Mali.", "Menaka", "MLI", (15.92, 2.40)),
    ("Separatists killed two gendarmes in the North-West region of Cameroon.", "North-West", "CMR",
     (5.96, 10.15)),  # Bamenda
    ("The Rapid Support Forces attacked villages in Gezira state, Sudan.", "Gezira", "SDN", (14.4, 33.52)),
    ("Al-Shabaab fighters attacked a base in Hiran region of Somalia.", "Hiran", "SOM", (4.1, 45.4)),  # centre
]


def mention(places, text):
    return next(p for p in places if p.text.startswith(text))


@pytest.mark.parametrize("sentence, text, country, point", UNITS, ids=[u[1] for u in UNITS])
def test_current_unit_is_placed(geo, sentence, text, country, point):
    place = mention(geo.parse(sentence), text)
    assert place.country == country, place.reason
    assert place.feature in ("ADM1", "ADM2") and place.precision >= 2
    assert km(place.lat, place.lon, *point) <= 100


def test_cover_at_least_ten_units_in_six_conflict_countries():
    assert len(UNITS) >= 10 and len({u[2] for u in UNITS}) >= 6


def test_geoparse_cli_resolves_the_issue_sentences(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Gunmen killed 30 civilians in the Ethiopian region of Oromia.\n"
                    "Ten militants were killed in North Waziristan tribal agency.\n"
                    "A militia attacked a camp in Ituri province.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geoparse", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    rows = {r["text"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert (rows["Oromia"]["country"], rows["Oromia"]["name"]) == ("ETH", "Oromiya")
    assert rows["North Waziristan"]["country"] == "PAK" and rows["North Waziristan"]["feature"] == "ADM2"
    assert (rows["Ituri"]["country"], rows["Ituri"]["admin1"]) == ("COD", "Ituri")
    assert all(r["lat"] is not None for r in rows.values())


def test_former_province_keeps_its_name(geo):
    # Katanga was split in four in 2015: its name stays, centred on the towns of the four
    katanga = mention(geo.parse("Fighting was reported in Katanga, DR Congo."), "Katanga")
    assert (katanga.country, katanga.feature, katanga.precision) == ("COD", "ADM1H", 3)
    assert km(katanga.lat, katanga.lon, -8.9, 26.4) <= 150


def test_beni_is_a_place_in_north_kivu():
    # "Beni" names the town and its territory (GeoNames ADM2 CD.11.09, named as its town: the town stands for it)
    found = [c for c in gazetteer().lookup("Beni") if c.country == "COD"]
    assert found and all(km(c.lat, c.lon, 0.49, 29.47) <= 50 for c in found)


# -- names that must not change ---------------------------------------------------------------------------------


def test_bare_kirkuk_stays_the_city(geo):
    # GeoNames calls the governorate "Kirkuk" now; a bare mention is still the city, as before
    kirkuk = mention(geo.parse("A car bomb exploded in Kirkuk on Monday."), "Kirkuk")
    assert (kirkuk.country, kirkuk.feature) == ("IRQ", "PPL")
    assert km(kirkuk.lat, kirkuk.lon, 35.47, 44.39) <= 10


@pytest.mark.parametrize("sentence, word", [
    ("Free speech advocates protested in Boston.", "Free"),  # "Free" of Free State (South Africa)
    ("Prices reached a plateau in March.", "plateau"),  # Plateau State (Nigeria)
    ("Michael O'Leary, the chief executive of Ryanair, spoke in Dublin.", "Michael"),  # Isle of Man
    ("The storm moved north and hit the North of the island.", "North"),  # Cameroon's North region
])
def test_common_words_and_first_names_stay_no_province(geo, sentence, word):
    assert not [p for p in geo.parse(sentence) if p.text == word and p.lat is not None]


def test_aleppo_stays_the_city(geo):
    aleppo = mention(geo.parse("Gunmen attacked a church in Aleppo."), "Aleppo")
    assert (aleppo.country, aleppo.feature) == ("SYR", "PPL")


# -- the table and how it is derived ----------------------------------------------------------------------------


def test_dr_congo_has_its_26_current_provinces():
    rows = [r for r in sources.read_csv("admins.csv") if r["country"] == "CD" and r["feature"] == "ADM1"]
    names = {r["name"] for r in rows}
    assert len(rows) == 26
    assert {"Ituri", "Tshopo", "Haut-Uele", "Bas-Uele", "North Kivu", "South Kivu", "Tanganyika", "Lualaba"} <= names
    assert "Eastern Province" not in names


def test_every_row_says_its_source_and_units_are_unique():
    rows = sources.read_csv("admins.csv")
    assert all(r["source"] for r in rows)
    coded = Counter((r["country"], r["admin1code"], r["admin2code"]) for r in rows
                    if r["feature"] in ("ADM1", "ADM2") and r["geonameid"])
    assert max(coded.values()) == 1


def test_admin_rows_index_alternate_names():
    rows = {r.name: r for r in sources.admin_rows() if r.country == "PAK"}
    assert "North Waziristan" in rows["North Wazīristān District"].names
    cd = {r.name: r for r in sources.admin_rows() if r.country == "COD"}
    assert "Nord Kivu" in cd["North Kivu"].names  # the older extract's name
    assert cd["Katanga"].feature == "ADM1H" and cd["Katanga"].precision == 3


def test_admin_names_strip_the_word_for_the_kind_unless_generic():
    generic, english = {"north", "northern", "south"}, {"free"}
    assert admin_names("North Wazīristān District", "North Waziristan District", generic, english) == [
        "North Wazīristān District", "North Waziristan District", "North Wazīristān", "North Waziristan"]
    assert admin_names("Northern State", "Northern State", generic, english) == ["Northern State"]
    assert admin_names("Free State", "Free State", generic, english) == ["Free State"]


def test_unit_not_indexed_by_its_towns_name_unless_it_had_it():
    codes = {"IQ.13": ("Kirkuk", "Kirkuk", 98410), "SY.09": ("Aleppo", "Aleppo", 170063)}
    lang = ({"north"}, set())
    pts = [(35.4, 44.3), (35.2, 43.8)]
    kirkuk = unit_row(("IQ", "13"), pts, codes, lang, {variant("Kirkuk")}, "Muhafazat Kirkuk", "Muhafazat Kirkuk")
    assert (kirkuk["name"], kirkuk["alternate_names"]) == ("Muhafazat Kirkuk", "")
    aleppo = unit_row(("SY", "09"), pts, codes, lang, {variant("Aleppo")}, None, "Aleppo")
    assert aleppo["name"] == "Aleppo"
    assert unit_row(("IQ", "13"), pts, codes, lang, {variant("Kirkuk")}, None, None) is None
