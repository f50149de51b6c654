"""Geoparser behaviour: transliterations, demonyms, ambiguity, unknown places, seed places of the Idlib articles."""

from __future__ import annotations

import pytest

from watchpost.geo.names import ruler_place_names
from watchpost.geo.resolve import km
from watchpost.spelling import key, skeleton


@pytest.mark.parametrize(
    "a, b",
    [
        ("Saraqeb", "Saraqib"),
        ("Idleb", "Idlib"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("al-Nayrab", "Nairab"),
        ("Khmeimim", "Hmeimim"),
    ],
)
def test_transliteration_skeletons_match(a, b):
    assert skeleton(a) == skeleton(b)


def test_key_drops_article_case_and_accents():
    assert key("Al-Bāb") == key("al Bab") == "bab"
    assert key("The Hague") == "hague"


@pytest.mark.parametrize(
    "variant, lat, lon",
    [("Saraqeb", 35.86, 36.80), ("Humaymim", 35.40, 35.95), ("Deir Ezzor", 35.34, 40.14), ("Idleb", 35.93, 36.63)],
)
def test_variants_resolve_to_the_same_place(geo, variant, lat, lon):
    place = geo.resolve(variant, ["SYR"])
    assert place.country == "SYR"
    assert km(place.lat, place.lon, lat, lon) < 25


SEEDS = {
    "Idlib": (35.93, 36.63, "SYR"),
    "Saraqeb": (35.86, 36.80, "SYR"),
    "Nairab": (35.86, 36.74, "SYR"),
    "Tartus": (34.89, 35.89, "SYR"),
    "Latakia": (35.52, 35.79, "SYR"),
    "Sochi": (43.60, 39.73, "RUS"),
    "Jabal Zawiya": (35.68, 36.55, "SYR"),
}


@pytest.mark.parametrize("name", SEEDS)
def test_seed_places_within_25_km(geo, name):
    lat, lon, country = SEEDS[name]
    place = geo.resolve(name, ["SYR", "RUS", "TUR"])
    assert place.country == country
    assert km(place.lat, place.lon, lat, lon) < 25


def test_seed_places_in_running_text(geo):
    text = (
        "Syrian government forces backed by Russian warplanes shelled Saraqeb and Nairab in Idlib province, "
        "while Turkish and Russian officials met in Sochi. Jets took off from Hmeimim near Latakia."
    )
    places = {p.text: p for p in geo.parse(text)}
    for name in ("Saraqeb", "Nairab", "Sochi", "Latakia"):
        lat, lon, country = SEEDS[name]
        assert places[name].country == country
        assert km(places[name].lat, places[name].lon, lat, lon) < 25
    assert places["Idlib province"].precision == 3
    assert all(text[p.start : p.end] == p.text for p in places.values())


def test_a_bare_name_shared_by_a_province_and_its_city_is_the_city(geo):
    text = (
        "Russian drones hit Kherson overnight. Shelling went on in the Donetsk region, "
        "and a missile struck Zaporizhzhia city. Fighting raged across the Zaporizhzhia region."
    )
    found = [(p.text, p.feature) for p in geo.parse(text)]
    assert ("Kherson", "ADM1") not in found and ("Donetsk", "ADM1") in found
    assert [f for t, f in found if t == "Zaporizhzhia"] == ["PPL", "ADM1"]
    north = [(p.text, p.feature) for p in geo.parse("Turkish troops deployed to observation posts in northern Idlib.")]
    assert ("Idlib", "ADM1") in north  # a part of the province, not its city
    sahel = [(p.text, p.feature) for p in geo.parse("Gunmen attacked Menaka in northern Mali on Monday.")]
    assert ("Menaka", "ADM1") not in sahel  # a town of 14,000: the region's seat, not the region


def test_a_name_once_written_as_a_province_stays_the_province(geo):
    text = (
        "Gunmen killed a fighter in eastern Syria's Deir ez-Zor province on Monday. The cell struck a checkpoint "
        "in the eastern countryside of Deir ez-Zor, and Deir ez-Zor saw more raids."
    )
    assert {p.feature for p in geo.parse(text) if p.text.startswith("Deir ez-Zor")} == {"ADM1"}


def test_a_backer_named_in_passing_lends_no_country_to_skeleton_matches(geo):
    text = (
        "The US-backed Syrian Democratic Forces said a fighter was killed near the town of Daranj "
        "in Deir ez-Zor province, Syria."
    )
    daranj = next(p for p in geo.parse(text) if p.text == "Daranj")
    assert daranj.country != "USA"


def test_demonyms_are_marked_and_can_be_left_out(geo):
    text = "Russian warplanes struck a market in Ariha."
    with_demonyms = geo.parse(text)
    russian = next(p for p in with_demonyms if p.text == "Russian")
    assert russian.country == "RUS" and russian.reason.startswith("demonym")
    without = geo.parse(text, demonyms=False)
    assert [p.text for p in without] == ["Ariha"]
    assert without[0].country == "SYR"


def test_paris_texas_versus_paris(geo):
    texas = next(p for p in geo.parse("The storm hit Paris, Texas, on Tuesday.") if p.text == "Paris")
    assert texas.country == "USA" and km(texas.lat, texas.lon, 33.66, -95.56) < 25
    france = next(p for p in geo.parse("Ministers met in Paris on Tuesday.") if p.text == "Paris")
    assert france.country == "FRA"


def test_tripoli_follows_the_country_in_context(geo):
    assert geo.resolve("Tripoli", ["LBY"]).country == "LBY"
    assert geo.resolve("Tripoli", ["LBN"]).country == "LBN"
    lebanon = [
        p for p in geo.parse("Clashes in Lebanon spread to Tripoli, the country's second city.") if p.text == "Tripoli"
    ]
    assert lebanon[0].country == "LBN"


def test_unknown_place_keeps_null_coordinates(geo):
    assert geo.resolve("Qwxzzvillebergstan") is None
    places = geo.parse("Fighters gathered in Qwxzzvillebergstan province near the border.")
    unknown = [p for p in places if "Qwxzz" in p.text]
    assert unknown, "the unknown province is still a place mention"
    assert all(p.lat is None and p.lon is None for p in unknown)


def test_candidates_and_reason_are_kept(geo):
    place = geo.resolve("Tripoli", ["LBN"])
    assert len(place.candidates) >= 2 and "country LBN in context" in place.reason


def test_parse_reuses_given_docs(geo):
    from watchpost.nlp import load

    text = "Shelling hit Saraqeb.\n\nTalks opened in Sochi."
    first, second = text.split("\n\n")
    parsed = [(0, load()(first)), (len(first) + 2, load()(second))]
    assert [(p.text, p.start) for p in geo.parse(text, parsed)] == [("Saraqeb", 13), ("Sochi", text.index("Sochi"))]


def test_ruler_names_include_curated_places_not_countries():
    names = dict(ruler_place_names())
    assert names["Saraqeb"] == "GPE" and names["Hmeimim"] == "FAC" and names["Jabal Zawiya"] == "LOC"
    assert "Mexico" not in names
    assert len(names) < 5000


def test_place_opening_an_organisation_name_is_found(geo):
    places = {p.text: p for p in geo.parse("The Kansas Department of Transportation closed the road on Tuesday.")}
    assert places["Kansas"].country == "USA" and places["Kansas"].feature == "ADM1"


def test_all_caps_dateline_is_found(geo):
    places = [
        p for p in geo.parse("COLUMBUS -- The city council voted on Tuesday to raise fees.") if p.text == "COLUMBUS"
    ]
    assert places and places[0].country == "USA"


def test_later_mentions_of_a_found_place_are_found(geo):
    text = (
        "Firefighters were called to a house in Gainesville, Florida. "
        "The Gainesville Fire Department said no one was hurt."
    )
    found = [p for p in geo.parse(text) if p.text == "Gainesville"]
    assert len(found) == 2 and all(p.admin1 == "Florida" for p in found)


def test_unknown_name_keeps_its_known_parts(geo):
    places = {p.text: p for p in geo.parse("Races: Donington Park, Leicestershire. Then Thruxton, Hampshire.")}
    assert places["Leicestershire"].country == "GBR" and places["Hampshire"].country == "GBR"


def test_ordinary_words_and_acronyms_are_not_places_unless_tagged(geo):
    from watchpost.geo.recognise import is_acronym, is_common_word

    assert is_common_word("Union") and is_common_word("police") and not is_common_word("Gainesville")
    assert is_acronym("KBR") and is_acronym("U.S.") and not is_acronym("Kansas")
    texts = [p.text for p in geo.parse("The Union Bank and KBR signed a deal with the Police Federation on Monday.")]
    assert not {"Union", "KBR", "Police"} & set(texts)


def test_plural_demonyms_and_curated_demonyms(geo):
    found = {p.text: p for p in geo.parse("Palestinians and Russians attended the talks.")}
    assert found["Palestinians"].country == "PSE" and found["Russians"].country == "RUS"


def test_large_provinces_use_geonames_centres(geo):
    ontario = geo.resolve("Ontario", ["CAN"])
    assert ontario.feature == "ADM1" and km(ontario.lat, ontario.lon, 49.25, -84.5) < 50


def test_readings_that_agree_with_the_other_names_win(geo):
    text = (
        "The Athens city council met on Tuesday. Residents of Watkinsville and Bogart also attended "
        "the meeting in Oconee County."
    )
    places = {p.text: p for p in geo.parse(text)}
    assert places["Athens"].country == "USA" and places["Athens"].admin1 == "Georgia"
    assert places["Oconee County"].admin1 == "Georgia"
    assert "agrees with" in places["Athens"].reason


def test_coherence_support_counts_each_other_name_at_most_once():
    from watchpost.geo.coherence import support
    from watchpost.geo.gazetteer import Candidate

    def town(i, name, lat, lon, admin1="Indiana"):
        return Candidate(i, name, "USA", admin1, lat, lon, "PPL", 1000, "name")

    ranked = {
        "A": [(5.0, town(1, "A", 40.0, -86.0)), (5.0, town(2, "A", 30.0, -90.0, "Texas"))],
        "B": [(5.0, town(3, "B", 40.1, -86.1)), (4.0, town(4, "B", 40.2, -86.2))],
    }
    agree = support(ranked)
    assert agree["A"][1] == pytest.approx(1.0) and 2 not in agree["A"]
    assert agree["B"][3] == pytest.approx(0.5) and agree["B"][4] == pytest.approx(0.5)


def test_country_is_not_taken_for_a_village_on_context_alone(geo):
    text = "Exports from Houston and Dallas to China rose, Texas officials said."
    china = next(p for p in geo.parse(text) if p.text == "China")
    assert china.country == "CHN"


def test_demonyms_inside_other_names_and_compounds(geo):
    text = "The Russian Foreign Ministry praised the Russian-American crew, and Saudi clerics objected."
    found = [(p.text, p.country) for p in geo.parse(text) if p.reason.startswith("demonym")]
    assert ("Russian", "RUS") in found and ("American", "USA") in found and ("Saudi", "SAU") in found
    assert all(p.reason.startswith("demonym") is False for p in geo.parse(text, demonyms=False))


def test_seat_of_government_standing_for_its_occupants_is_not_a_place(geo):
    said = [p.text for p in geo.parse("The Kremlin said on Monday that White House aides had called.")]
    assert "Kremlin" not in said and "White House" not in said
    protest = [p for p in geo.parse("Hundreds protested outside the White House on Sunday.") if p.text == "White House"]
    assert protest and protest[0].country == "USA"


def test_state_sharing_a_country_name_keeps_its_context(geo):
    text = "Officials in Atlanta, Macon and Savannah said Georgia would expand the program."
    georgia = next(p for p in geo.parse(text) if p.text == "Georgia")
    assert georgia.country == "USA" and georgia.feature == "ADM1"


def test_state_postal_code_after_a_town(geo):
    places = {p.text: p for p in geo.parse("A Paris, TN man was arrested on Sunday.")}
    assert places["Paris"].admin1 == "Tennessee" and places["TN"].name == "Tennessee"
    assert not geo.parse("He is IN the house, OK?")


def test_capitalised_word_left_out_of_a_place_entity_is_taken_back(geo):
    text = "Ever since New London Police Chief Tom Cipolli made a public appeal, residents have asked why."
    found = [p.text for p in geo.parse(text)]
    assert "New London" in found


def test_country_inside_a_sum_of_money_and_acronym_used_as_a_word(geo):
    text = "The deal was worth 59.2 billion US dollars, the ministry told us on Friday."
    found = [p for p in geo.parse(text) if p.text == "US"]
    assert found and found[0].country == "USA"


def test_provinces_weigh_by_their_share_of_the_country(geo):
    from watchpost.geo.gazetteer import base_prior

    assert geo.gazetteer.strength("Texas") == pytest.approx(6.5)
    assert base_prior("ADM1", 40_000) < base_prior("ADM1", 6_000_000) == pytest.approx(6.5)
    assert base_prior("ADM1", 0) == pytest.approx(6.5)  # curated provinces without a population


def test_big_place_named_like_a_word_is_found_again(geo):
    text = "A man was arrested in Oxford on Monday. A spokesman for Oxford Police said the man was released."
    assert [p.text for p in geo.parse(text)].count("Oxford") == 2


def test_conflict_regions_and_their_demonyms(geo):
    places = {
        p.text: p for p in geo.parse("Georgian and South Ossetian officials met as shelling hit Nagorno-Karabakh.")
    }
    assert places["South Ossetian"].name == "South Ossetia" and places["South Ossetian"].country == "GEO"
    assert places["Nagorno-Karabakh"].country == "AZE"


def test_bare_name_of_a_county_written_in_full_elsewhere(geo):
    text = "Deputies in Navarro County arrested two men. Navarro deputies said more arrests were likely."
    found = [p for p in geo.parse(text) if p.text == "Navarro"]
    assert found and found[0].name == "Navarro County" and found[0].admin1 == "Texas"


def test_unit_word_before_a_name(geo):
    found = {p.text: p for p in geo.parse("Schools in the Province of Ontario will close on Friday.")}
    assert any(p.name == "Ontario" and p.country == "CAN" for p in found.values())


def test_a_district_of_a_province_is_read_inside_it(geo):
    places = {p.text: p for p in geo.parse("The bomb exploded in the Waeng district of Narathiwat province on Monday.")}
    assert places["Waeng"].country == "THA" and km(places["Waeng"].lat, places["Waeng"].lon, 5.93, 101.88) < 25


def test_a_county_the_gazetteer_has_only_elsewhere_is_placed_at_its_province(geo):
    text = "Cattle raiders attacked a cattle camp in Duk county of Jonglei state on Tuesday."
    duk = next(p for p in geo.parse(text) if p.text == "Duk")
    assert duk.name == "Duk" and duk.precision >= 2 and "Jonglei" in duk.reason
    assert km(duk.lat, duk.lon, 6.21, 31.56) < 50  # Jonglei's point, not the Duk of Warrap 400 km away


def test_a_town_an_attack_hits_is_the_town_though_the_text_names_its_province(geo):
    text = "Russian forces shelled the Kherson region overnight, the governor said. The Russians shelled Kherson."
    kherson = [p for p in geo.parse(text) if p.text == "Kherson"]
    assert kherson[-1].feature.startswith("PPL")  # the city shelled, not the oblast written before


def test_the_municipality_of_a_town_is_the_town(geo):
    text = "ELN guerrillas attacked the battalion of the municipality of Aguachica, in Cesar, on Thursday."
    aguachica = next(p for p in geo.parse(text) if p.text == "Aguachica")
    assert km(aguachica.lat, aguachica.lon, 8.31, -73.62) < 25


def test_a_province_written_before_a_place_with_s_contains_it(geo):
    text = "A bomb hit a checkpoint in Narathiwat province's Waeng district on Monday."
    waeng = next(p for p in geo.parse(text) if p.text == "Waeng")
    assert km(waeng.lat, waeng.lon, 5.93, 101.88) < 25
