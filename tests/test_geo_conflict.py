"""Places in conflict reporting: short and ambiguous names stay home, transliteration variants meet, containers and
anchors place the right town, roles keep borders and speakers' places out of an event, conflict villages resolve.

Every sentence here is written for these tests."""

from __future__ import annotations

import csv

import pytest

from watchpost.geo import sources
from watchpost.geo.document import clause_place, document_country, roles
from watchpost.geo.gazetteer import Candidate, data_version
from watchpost.geo.resolve import Context, km, same_unit, score, weak_foreign
from watchpost.spelling import variant


def by_text(places):
    return {p.text: p for p in places}


# -- 1. short and ambiguous names do not land abroad ------------------------------------------------------------


def test_bare_congo_is_a_congo_never_el_congo(geo):
    text = "Rebels of the M23 seized two towns in eastern Congo on Tuesday, and Congo's army withdrew towards Goma."
    congos = [p for p in geo.parse(text) if p.text.startswith("Congo")]
    assert congos and all(p.country == "COD" and p.feature == "PCLI" for p in congos)


def test_congo_beside_brazzaville_is_the_republic(geo):
    text = "Flooding in Brazzaville forced thousands from their homes, Congo's government said."
    congo = next(p for p in geo.parse(text) if p.text.startswith("Congo"))
    assert congo.country == "COG"


@pytest.mark.parametrize(
    "text, particle",
    [
        ("Al-Shabaab fighters attacked a base in Lower Shabelle, Somalia, on Sunday.", "Al"),
        ("Drones struck Abu Shouk camp near El Fasher in Sudan.", "Abu"),
        ("Abu said the convoy left at dawn.", "Abu"),
    ],
)
def test_name_particles_are_never_places(geo, text, particle):
    assert particle not in {p.text for p in geo.parse(text)}


def test_camp_named_with_abu_is_in_sudan_and_the_country_stays_sudan(geo):
    text = "Paramilitary fighters shelled Abu Shouk camp on the edge of El Fasher, killing seven people."
    places = geo.parse(text)
    camp = by_text(places)["Abu Shouk camp"]
    assert camp.country == "SDN" and camp.feature == "CMPRF"
    assert not any(p.country == "IND" for p in places)
    assert document_country(places, roles(text, places)) == "SDN"


def test_alternate_spelling_abroad_is_left_unplaced_not_placed_abroad(geo):
    # "Bule" is an alternate spelling of Bulle (Switzerland) and a hamlet's name in Mexico, Congo, Nigeria...: in a
    # Somalia report, whose country has no Bule, it stays unplaced
    ctx = Context()
    ctx.countries["SOM"] += 3
    bule = geo.resolver.place("Bule", ctx)
    assert bule.lat is None and "abroad" in bule.reason
    assert geo.resolver.place("Bule", Context()).country == "CHE"  # with nothing to go by, the reading stands
    text = "Thousands of people fled to Bule in Ituri province, Democratic Republic of Congo, after the attack."
    assert not any(p.country == "CHE" for p in geo.parse(text))


def test_weak_foreign_reading_is_penalised_only_against_a_firm_country():
    village = Candidate(1, "Smallville", "CHN", None, 30.0, 110.0, "PPL", 800, "name")
    ctx = Context()
    ctx.countries["COD"] += 2
    assert weak_foreign(village, ctx)
    assert not weak_foreign(village, ctx, agree=1.0)  # another name of the text agrees with it
    faint = Context()
    faint.countries["COD"] += 0.3  # only a weak vote: nothing firm to be foreign to
    assert not weak_foreign(village, faint)
    city = Candidate(2, "Bigtown", "CHN", None, 30.0, 110.0, "PPL", 2_000_000, "name")
    assert not weak_foreign(city, ctx)
    _, why = score(village, ctx)
    assert any("weak reading" in w for w in why)


def test_weak_foreign_match_does_not_decide_the_document_country(geo):
    text = (
        "Fighters of the Rapid Support Forces attacked Zamzam camp south of El Fasher. "
        "Aid workers in Tawila said the wounded arrived overnight."
    )
    places = geo.parse(text)
    assert document_country(places, roles(text, places)) == "SDN"


# -- 2. hyphen and transliteration variants -----------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("El-Fasher", "Al-Fashir"),
        ("El Fasher", "al Fasher"),
        ("El-Fasher", "Al Fasher"),
        ("Khan Younis", "Khan Yunis"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Abu Shouk", "Abu Shok"),
        ("Beit Hanoun", "Bayt Hanun"),
        ("Zamzam", "Zam Zam"),
        ("Ad-Damazin", "Ed Damazin"),
        ("Ar-Raqqa", "Raqqah"),
        ("Djibouti", "Jibuti"),
    ],
)
def test_transliteration_variants_share_a_variant_key(a, b):
    assert variant(a) == variant(b)


@pytest.mark.parametrize("a, b", [("Kodyel", "Kidal"), ("Walungu", "Willunga"), ("Paris", "Peoria")])
def test_unrelated_names_keep_apart(a, b):
    assert variant(a) != variant(b)


@pytest.mark.parametrize("spelling", ["El-Fasher", "Al-Fashir", "El Fasher", "al Fasher", "Al Fasher"])
def test_every_spelling_of_el_fasher_is_placed_there(geo, spelling):
    places = [p for p in geo.parse(f"Shelling hit {spelling} on Monday, residents said.") if p.lat is not None]
    assert places and places[0].country == "SDN"
    assert km(places[0].lat, places[0].lon, 13.63, 25.35) < 10


def test_cameroons_anglophone_regions_as_the_news_writes_them(geo):
    text = ("Separatists killed four soldiers near Mamfe in Cameroon's Southwest region on Wednesday, days after "
            "a raid on an army post in the Northwest.")
    places = by_text(geo.parse(text))
    assert places["Southwest"].country == "CMR" and places["Northwest"].country == "CMR"
    assert places["Northwest"].feature == "ADM1" and places["Mamfe"].country == "CMR"


def test_a_district_named_in_another_spelling_and_tagged_as_an_organisation_is_the_district(geo):
    text = "The Taliban stormed the Shortepa district headquarters in northern Balkh province early on Tuesday."
    district = by_text(geo.parse(text))["Shortepa"]  # GeoNames: Shōr Tepah (ADM2); spaCy tags it ORG
    assert (district.country, district.admin1, district.feature) == ("AFG", "Balkh", "ADM2")


def test_pakistani_press_abbreviations_of_towns(geo):
    places = by_text(geo.parse("Two policemen were shot dead in DI Khan on Monday, days after a blast in D.G. Khan."))
    assert places["DI Khan"].name == "Dera Ismail Khan" and places["D.G. Khan"].name == "Dera Ghazi Khan"


def test_a_village_near_a_town_is_not_its_namesake_across_the_country(geo):
    text = "A drone hit the village of Otradnoye near Belgorod overnight, killing one man, the governor said."
    village = by_text(geo.parse(text))["Otradnoye"]  # GeoNames' Otradnoye towns lie hundreds of km away
    assert village.country == "RUS" and village.precision == 2 and km(village.lat, village.lon, 50.6, 36.58) < 5
    text = "Fighters attacked Tal Abyad near the Turkish town of Akcakale on Monday."
    assert by_text(geo.parse(text))["Tal Abyad"].country == "SYR"  # near a town across a border: stays home


@pytest.mark.parametrize(
    "text, zone, lat, lon",
    [
        ("Gunmen killed villagers in the West Wollega Zone of the Oromiya region.", "West Wollega Zone", 9.2, 35.8),
        ("Drone strikes hit a market town in East Gojjam on Monday, residents said.", "East Gojjam", 10.3, 37.7),
        ("Fighting between the army and Fano militiamen spread across North Wollo.", "North Wollo", 11.8, 39.6),
    ],
)
def test_ethiopian_zones_as_the_news_names_them(geo, text, zone, lat, lon):
    place = by_text(geo.parse(text))[zone]
    assert place.country == "ETH" and place.feature == "ADM2" and km(place.lat, place.lon, lat, lon) < 30


def test_province_names_meet_across_direction_words():
    assert same_unit("North Darfur", "Northern Darfur") and same_unit("Nord-Kivu", "North Kivu")
    assert not same_unit("South Kivu", "North Kivu")


# -- 3. containers, anchors and the event's own clause ------------------------------------------------------


def test_x_the_capital_of_y_is_x(geo):
    text = "El-Fasher, the capital of North Darfur, was shelled on Monday."
    places = geo.parse(text)
    tags = roles(text, places)
    named = by_text(places)
    assert named["El-Fasher"].name == "El Fasher" and named["El-Fasher"].precision == 1
    assert named["North Darfur"].feature == "ADM1"
    assert dict(zip([p.text for p in places], tags))["North Darfur"] == "container"
    assert clause_place(places, 0, len(text), tags).text == "El-Fasher"


def test_unknown_village_near_a_known_town_is_placed_there_at_precision_2(geo):
    text = "Gunmen attacked the village of Wuroboko near Gao on Saturday."
    places = geo.parse(text)
    village = by_text(places)["Wuroboko"]
    gao = by_text(places)["Gao"]
    assert village.name == "Wuroboko" and village.precision == 2 and village.country == "MLI"
    assert (village.lat, village.lon) == (gao.lat, gao.lon)
    assert gao.feature.startswith("PPL")  # "near Gao": the town, not the region
    assert clause_place(places, 0, len(text), roles(text, places)).text == "Wuroboko"


def test_unknown_village_some_km_from_the_centre_of_a_town_is_placed_where_the_bearing_reaches(geo):
    text = ("Rebels killed 20 people in Congo's North Kivu province in the village of Wamakobio, 50 km (30 miles) "
            "north of the commercial centre of Beni.")
    places = geo.parse(text)
    village, beni = by_text(places)["Wamakobio"], by_text(places)["Beni"]
    assert village.precision == 2 and village.country == beni.country == "COD"
    assert 45 < km(village.lat, village.lon, beni.lat, beni.lon) < 55 and village.lat > beni.lat  # north of Beni


def test_a_named_border_and_a_speakers_town_are_not_the_scene(geo):
    text = (
        "Jihadists killed twelve soldiers in Boulkessi on the border with Mauritania, "
        "an officer told reporters in Bamako."
    )
    places = geo.parse(text)
    tags = dict(zip([p.text for p in places], roles(text, places)))
    assert tags["Mauritania"] == "border"
    assert tags["Bamako"] == "speaker"
    where = clause_place(places, 0, len(text), list(tags.values()))
    assert where is None or where.text not in ("Mauritania", "Bamako")


def test_dateline_and_based_roles(geo):
    text = "MOGADISHU (Reuters) - A car bomb killed four people in Baidoa, the UK-based monitor said."
    places = geo.parse(text)
    tags = dict(zip([p.text for p in places], roles(text, places)))
    assert tags["MOGADISHU"] == "dateline"
    assert tags["UK"] == "based"
    assert clause_place(places, 0, len(text), list(tags.values())).text == "Baidoa"


def test_clause_place_keeps_to_the_clause(geo):
    text = "Fighting raged last year in Goma, North Kivu. On Tuesday rebels attacked Walungu in South Kivu."
    places = geo.parse(text)
    tags = roles(text, places)
    second = text.index("On Tuesday")
    assert clause_place(places, second, len(text), tags).text == "Walungu"


# -- 4. conflict villages, camps and neighbourhoods ------------------------------------------------------------


@pytest.mark.parametrize(
    "name, country, lat, lon, radius",
    [
        ("Munzinzi", "COD", -2.7, 28.65, 60),
        ("Walungu", "COD", -2.7, 28.65, 30),
        ("Bukombo", "COD", -1.0, 29.15, 60),
        ("Nyanzale", "COD", -0.85, 29.24, 60),
        ("Seytenga", "BFA", 14.1, 0.15, 60),
        ("Kodyel", "BFA", 12.9, 1.06, 60),
        ("Zamzam camp", "SDN", 13.49, 25.3, 10),
        ("Kalma camp", "SDN", 12.02, 24.95, 10),
        ("Abu Shouk camp", "SDN", 13.66, 25.33, 10),
        ("Khan Younis", "PSE", 31.34, 34.31, 5),
        ("Shujaiya", "PSE", 31.5, 34.48, 5),
        ("Jabalia camp", "PSE", 31.53, 34.48, 5),
    ],
)
def test_conflict_places_resolve(geo, name, country, lat, lon, radius):
    place = geo.resolve(name)
    assert place is not None and place.country == country
    assert km(place.lat, place.lon, lat, lon) < radius


def test_villages_named_in_running_text(geo):
    text = (
        "M23 fighters took Bukombo and Nyanzale in North Kivu, while clashes hit Munzinzi in Walungu territory. "
        "In Burkina Faso, jihadists attacked Seytenga and Kodyel."
    )
    named = by_text(geo.parse(text))
    for name, country in [
        ("Bukombo", "COD"),
        ("Nyanzale", "COD"),
        ("Munzinzi", "COD"),
        ("Seytenga", "BFA"),
        ("Kodyel", "BFA"),
    ]:
        assert named[name].country == country, name
    assert named["North Kivu"].feature == "ADM1"


def test_gaza_neighbourhoods_in_running_text(geo):
    text = "Israeli strikes hit Khan Younis and the Shujaiya neighbourhood of Gaza City overnight."
    named = by_text(geo.parse(text))
    assert named["Khan Younis"].country == "PSE" and named["Shujaiya"].country == "PSE"


def test_approximate_rows_say_so():
    rows = list(csv.DictReader((sources.PLACES / "conflict.csv").open(encoding="utf-8")))
    assert rows and all(r["source"].strip() for r in rows)
    estimated_villages = [
        r for r in rows if "estimated" in r["source"] and r["feature"] == "PPL" and r["population"] == "0"
    ]
    assert estimated_villages and all(r["precision"] == "2" for r in estimated_villages)


def test_geonames_extracts_are_read_and_key_the_cache(tmp_path, monkeypatch):
    # GeoNames rows (19 tab-separated columns): a village, a refugee camp, and a road that is not read
    # fmt: off
    line = "\t".join(["99000001", "Testvillage", "Testvillage", "Test Village,Тест", "-1.5", "29.1", "P", "PPL", "CD",
                      "", "11", "", "", "", "0", "", "1500", "Africa/Lubumbashi", "2024-01-01"])
    camp = "\t".join(["99000002", "Testcamp", "Testcamp", "", "13.4", "25.2", "S", "CMPRF", "SD", "", "55", "", "",
                      "", "20000", "", "700", "Africa/Khartoum", "2024-01-01"])
    road = "\t".join(["99000003", "Testroad", "Testroad", "", "13.4", "25.2", "R", "RD", "SD", "", "55", "", "",
                      "", "0", "", "700", "Africa/Khartoum", "2024-01-01"])
    # fmt: on
    before = data_version()
    (tmp_path / "CD.txt").write_text(line + "\n" + camp + "\n" + road + "\n", encoding="utf-8")
    monkeypatch.setattr(sources, "EXTRACTS", tmp_path / "shipped")  # not the extracts in data/places/geonames
    monkeypatch.setenv(sources.EXTRACTS_ENV, str(tmp_path))
    rows = list(sources.extract_rows())
    assert [(r.name, r.country, r.feature) for r in rows] == [
        ("Testvillage", "COD", "PPL"),
        ("Testcamp", "SDN", "CMPRF"),
    ]
    assert "Test Village" in rows[0].names and "Тест" not in rows[0].names
    assert rows[0].admin1 == "North Kivu"
    assert data_version() != before


def test_loose_reading_off_the_texts_province_is_placed_by_its_anchor(geo):
    # "Bulongo" is only a transliteration variant of Bulungu, 1,500 km west of the North Kivu the text names:
    # the village keeps its name and is placed at Beni, where the text puts it, at precision 2
    text = "Armed men attacked Bulongo village in Beni territory, North Kivu, Democratic Republic of the Congo."
    named = by_text(geo.parse(text))
    assert named["Bulongo"].name == "Bulongo" and named["Bulongo"].precision == 2
    assert abs(named["Bulongo"].lat - named["Beni"].lat) < 0.01 and named["Beni"].country == "COD"
    assert named["North Kivu"].feature == "ADM1" and named["North Kivu"].country == "COD"


def test_direction_word_left_of_a_unknown_county_is_no_place(geo):
    text = "Raiders attacked a cattle camp in Twic East County, South Sudan, on Wednesday."
    assert not any(p.text == "East" for p in geo.parse(text))


def test_locative_person_tag_is_a_place_when_the_country_has_it(geo):
    # spaCy tags "Musa Qala" as a person; after "in" and with Helmand and Afghanistan named, it is the town
    text = "Gunmen opened fire during Sunday night's attack in Musa Qala, Helmand province, Afghanistan."
    musa = by_text(geo.parse(text)).get("Musa Qala")
    assert musa is not None and musa.country == "AFG"


def test_locative_organisation_tag_is_a_place_when_only_the_headline_names_the_country(geo):
    # spaCy tags "Kaura" as an organisation; the body never names Nigeria, its headline does
    text = "Gunmen killed five villagers in Kaura on Tuesday, police said."
    assert "Kaura" not in by_text(geo.parse(text))
    kaura = by_text(geo.parse(text, countries=("NGA",))).get("Kaura")
    assert kaura is not None and kaura.country == "NGA"


def test_foreign_town_by_another_of_its_names_is_left_unplaced(geo):
    # "Boni" is an old name of Bonn: in a report about central Mali it is not Germany
    text = (
        "Jihadist fighters killed 14 Malian soldiers in an ambush near the town of Boni in central Mali. "
        "The attack near Boni came days after a raid on a post in the Mopti region of Mali."
    )
    places = geo.parse(text)
    assert not any(p.country == "DEU" for p in places)
    assert document_country(places, roles(text, places)) == "MLI"


def test_a_city_written_bare_is_the_city_not_the_oblast_that_bears_its_name_as_an_alternate(geo):
    # GeoNames names the province "Kharkivs'ka Oblast'" and gives it "Kharkiv" only as an alternate name
    kharkiv = by_text(geo.parse("A Russian missile struck a residential building in Kharkiv on Thursday."))["Kharkiv"]
    assert kharkiv.feature.startswith("PPL") and km(kharkiv.lat, kharkiv.lon, 49.98, 36.25) < 10


def test_a_unit_told_as_such_keeps_the_unit_over_its_seat(geo):
    found = by_text(geo.parse("Ten soldiers were killed in an ambush in the region of Tillabéri, in western Niger."))
    assert found["Tillabéri"].feature == "ADM1"
    found = by_text(geo.parse("They were kidnapped in Arauca, a province largely controlled by the ELN, Colombia."))
    assert found["Arauca"].feature == "ADM1"
    found = by_text(geo.parse("Gunmen attacked Arauca, Colombia, on Monday."))
    assert found["Arauca"].feature.startswith("PPL")


@pytest.mark.parametrize(
    "text, name, country",
    [
        # an ordinary English word as the name of a unit, written before "region"
        ("Separatists shot dead a village chief in the Northwest region of Cameroon.", "Northwest", "CMR"),
        ("Jihadists killed 12 civilians in the East region of Burkina Faso.", "East", "BFA"),
        # one name across a hyphen that spaCy splits and does not tag
        ("Fighting broke out in the Centre-North region of Burkina Faso.", "Centre-North", "BFA"),
    ],
)
def test_a_region_named_by_ordinary_words_is_the_countrys_region(geo, text, name, country):
    region = by_text(geo.parse(text))[name]
    assert region.country == country and region.feature == "ADM1"


def test_an_ordinary_word_before_another_noun_is_no_region(geo):
    assert "East" not in by_text(geo.parse("Jihadists killed 12 civilians in the East zone of Burkina Faso."))


def test_a_town_whose_tail_spacy_takes_for_a_person_is_the_whole_town(geo):
    # spaCy tags "Ismail Khan" as a person and leaves "Dera" out
    text = "Militants attacked a police post in Dera Ismail Khan late on Saturday, killing four policemen."
    town = by_text(geo.parse(text))["Dera Ismail Khan"]
    assert town.country == "PAK" and km(town.lat, town.lon, 31.83, 70.90) < 10


def test_a_town_given_by_its_distance_from_a_city_is_the_town_or_the_point_the_bearing_reaches(geo):
    text = "Militants attacked Beledweyne, a town around 300 km north of Mogadishu, on Monday."
    town = by_text(geo.parse(text))["Beledweyne"]
    assert km(town.lat, town.lon, 4.74, 45.20) < 10  # the town itself, not Mogadishu where the text measures from
    text = "Gunmen raided the village of Buulo Xaaji, 40 km south of Mogadishu, on Monday."
    village = by_text(geo.parse(text))["Buulo Xaaji"]
    assert village.precision == 2 and 30 < km(village.lat, village.lon, 2.04, 45.34) < 50
    assert village.lat < 2.04  # south of the city
    text = "Gunmen raided the village of Buulo Xaaji, 40 km northeast of Mogadishu, on Monday."
    village = by_text(geo.parse(text))["Buulo Xaaji"]
    assert village.lat > 2.04 and village.lon > 45.5  # north and east of the city, not due north


def test_a_village_name_that_goes_on_past_a_hyphen_is_not_the_town_its_first_part_names(geo):
    # spaCy tags "Nyal" alone; Nyal-abek is not the town of Nyal, 250 km away: it lies by Gogrial, as the text says
    text = "Armed youth attacked cattle herders in Nyal-abek near Gogrial, Warrap State, South Sudan."
    found = by_text(geo.parse(text))
    assert "Nyal" not in found and km(found["Nyal-abek"].lat, found["Nyal-abek"].lon, 8.53, 28.10) < 10
    assert "Kabul" in by_text(geo.parse("The Kabul-based group said it had shelled the post."))
