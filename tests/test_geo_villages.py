"""Villages of the conflict countries from the settlement extracts shipped in watchpost/data/places/geonames/
(GeoNames populated places, via Who's On First or, for India, GeoNames' own dump; see data/places/README.md):
found by name, placed by running text when the text's country supports them, and never pulling a well-known place
of another country away."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from watchpost.geo import derive, sources
from watchpost.geo.gazetteer import gazetteer
from watchpost.geo.resolve import Context, km

#: The extracts the package ships: the main conflict countries and their neighbours.
SHIPPED = (
    "AF BD BF BJ CD CF CM CO ET HT IL IN IQ KE LB LY ML MM MZ NE NG PH PK PS SD SO SS SY TD TG TH UA UG YE".split()
)


def by_text(places):
    return {p.text: p for p in places}


def test_every_conflict_country_has_its_extract_trimmed_to_what_the_gazetteer_reads():
    files = {p.stem: p for p in sources.extract_files() if p.parent == sources.EXTRACTS}
    assert sorted(files) == sorted(SHIPPED)
    assert sum(p.stat().st_size for p in files.values()) < 20_000_000
    with zipfile.ZipFile(files["BF"]) as zf:
        assert zf.namelist() == ["BF.txt"]
        rows = [line.split("\t") for line in zf.read("BF.txt").decode("utf-8").splitlines()]
    assert len(rows) > 5000 and all(len(r) == 19 and r[8] == "BF" for r in rows)
    assert all(r[6] in sources.EXTRACT_CLASSES or r[7] in sources.EXTRACT_FEATURES for r in rows)
    unread = [i for i in range(19) if i not in derive.EXTRACT_COLUMNS]
    assert all(not r[i] for r in rows for i in unread)  # the columns the gazetteer never reads are left empty
    readme = (sources.PLACES / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and all(f"`{cc}.zip`" in readme for cc in SHIPPED)  # source and licence recorded


@pytest.mark.parametrize(
    "name, country, lat, lon",
    [
        ("Markoye", "BFA", 14.64, 0.04),  # Burkina Faso, Oudalan
        ("Moordiinle", "SOM", 2.13, 45.03),  # Somalia, Lower Shabelle
        ("Lulimba", "COD", -4.70, 28.65),  # DR Congo, South Kivu
        ("Yalagaung", "MMR", 25.21, 95.69),  # Myanmar, Sagaing
        ("Kongor", "SSD", 7.16, 31.36),  # South Sudan, Jonglei
        ("Swat", "PAK", 35.38, 72.18),  # Pakistan, Khyber Pakhtunkhwa
        ("Urum al-Kubra", "SYR", 36.15, 36.95),  # Syria, Aleppo: GeoNames' Ūrum al Kubrá
        ("Gangalur", "IND", 18.75, 81.02),  # India, Chhattisgarh, Bijapur district: GeoNames' Gangalūr
        ("Chintalnar", "IND", 18.34, 81.18),  # India, Chhattisgarh, Sukma district
        ("Songpekmun", "IND", 24.32, 93.29),  # India, Manipur, Churachandpur district
    ],
)
def test_conflict_villages_are_in_the_gazetteer(name, country, lat, lon):
    found = [c for c in gazetteer().lookup_exact(name) if c.country == country]
    assert found and min(km(c.lat, c.lon, lat, lon) for c in found) < 5


@pytest.mark.parametrize(
    "text, name, country, lat, lon",
    [
        ("Gunmen attacked Markoye in northern Burkina Faso on Tuesday.", "Markoye", "BFA", 14.64, 0.04),
        (
            "Al-Shabaab fighters attacked Moordiinle in Lower Shabelle, Somalia, on Monday.",
            "Moordiinle",
            "SOM",
            2.13,
            45.03,
        ),
        (
            "Clashes erupted in Lulimba, South Kivu province, Democratic Republic of Congo, on Saturday.",
            "Lulimba",
            "COD",
            -4.70,
            28.65,
        ),
        (
            "The military bombed Yalagaung in Sagaing region, Myanmar, killing five people.",
            "Yalagaung",
            "MMR",
            25.21,
            95.69,
        ),
        # spellings GeoNames lacks, matched as transliteration variants in the country the text names
        (
            "Regime forces shelled Orum al-Kubra in the western Aleppo countryside, Syria, on Sunday.",
            "Orum al-Kubra",
            "SYR",
            36.15,
            36.95,
        ),
        ("Fighting broke out in Kongoor, Jonglei state, South Sudan, leaving ten dead.", "Kongoor", "SSD", 7.16, 31.36),
        # India's villages (GeoNames' IN.txt): Maoist areas of Chhattisgarh, Manipur's Kuki-Zo hills
        (
            "Two jawans were killed in an IED blast near Gangalur in Bijapur district of Chhattisgarh.",
            "Gangalur",
            "IND",
            18.75,
            81.02,
        ),
        (
            "Security forces killed three Maoists in a gunfight near Basaguda in Chhattisgarh's Bijapur district.",
            "Basaguda",
            "IND",
            18.56,
            80.92,
        ),
        (
            "Gunmen torched houses in Songpekmun village in Manipur's Churachandpur district on Friday.",
            "Songpekmun",
            "IND",
            24.32,
            93.29,
        ),
        ("Militants fired on villagers in Parbung, Churachandpur district, Manipur.", "Parbung", "IND", 24.25, 93.11),
    ],
)
def test_a_village_in_running_text_is_placed_in_its_country(geo, text, name, country, lat, lon):
    place = by_text(geo.parse(text))[name]
    assert place.country == country and place.precision == 1
    assert km(place.lat, place.lon, lat, lon) < 5


@pytest.mark.parametrize(
    "text, name, country",
    [
        # Kabul is also a hamlet in Pakistan, London one in Nigeria, Lahore one in Cameroon
        (
            "Pakistani officials said the militants had trained in Kabul before crossing into Khyber Pakhtunkhwa.",
            "Kabul",
            "AFG",
        ),
        (
            "A Nigerian delegation travelled to London after gunmen attacked villages in Zamfara state, Nigeria.",
            "London",
            "GBR",
        ),
        ("Cameroonian officials flew to Lahore on Monday.", "Lahore", "PAK"),
        ("Mali's junta said the attack in Mali killed twenty soldiers.", "Mali", "MLI"),  # and a hamlet in Pakistan
    ],
)
def test_a_village_namesake_does_not_pull_a_known_place_away(geo, text, name, country):
    assert any(c.country != country and c.population == 0 for c in gazetteer().lookup(name))  # the namesake is there
    assert by_text(geo.parse(text))[name].country == country


def test_a_village_wins_only_where_the_text_puts_it(geo):
    # "Pale": a town in Bosnia and villages in Myanmar; with nothing to go by the town stands, a Myanmar report
    # takes its village
    assert geo.resolver.place("Pale", Context()).country == "BIH"
    ctx = Context()
    ctx.countries["MMR"] += 3
    assert geo.resolver.place("Pale", ctx).country == "MMR"


def test_a_hamlets_exact_name_does_not_hide_a_citys_variant():
    # "Zinjan" is exactly a hamlet in Afghanistan and a transliteration variant of Zanjan (Iran, 350,000 people)
    found = gazetteer().lookup("Zinjan")
    assert {("AFG", "name"), ("IRN", "variant")} <= {(c.country, c.match) for c in found}
    assert gazetteer().strength("Zinjan") == 0.0  # a hamlet of unknown population makes no bare word a place


def test_extracts_derive_from_geonames_dumps_and_who_is_on_first(tmp_path):
    # a GeoNames dump: a village, a district, a stream (not kept)
    # fmt: off
    dump = tmp_path / "SO.txt"
    dump.write_text("\n".join("\t".join(r) for r in [
        ["64001", "Testdheere", "Testdheere", "Test Dheere", "2.1", "45.0", "P", "PPL", "SO", "", "14", "7", "", "",
         "0", "", "50", "Africa/Mogadishu", "2020-01-01"],
        ["64002", "Testdistrict", "Testdistrict", "", "2.2", "45.1", "A", "ADM2", "SO", "", "14", "7", "", "", "0",
         "", "50", "Africa/Mogadishu", "2020-01-01"],
        ["64003", "Teststream", "Teststream", "", "2.3", "45.2", "H", "STM", "SO", "", "14", "", "", "", "0", "",
         "50", "Africa/Mogadishu", "2020-01-01"]]) + "\n", encoding="utf-8")
    # fmt: on
    # a Who's On First admin repository: a GeoNames village with its names, a stray across the border, a record
    # without GeoNames fields, a deprecated one
    def record(path, **props):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"type": "Feature", "properties": props}), encoding="utf-8")

    gn = {"gn:feature_class": "P", "gn:feature_code": "PPL", "gn:population": 0, "gn:admin1_code": "3.0"}
    record(
        tmp_path / "wof/data/1/1.geojson",
        **gn,
        **{
            "gn:geonameid": 9001,
            "gn:name": "Tēstpur",
            "gn:asciiname": "Testpur",
            "gn:country_code": "PK",
            "gn:latitude": 34.5,
            "gn:longitude": 71.5,
            "name:und_x_variant": ["Test Pur", "Testpūr", "تستپور", "Testpur, Swat"],
            "name:eng_x_preferred": ["Testpur"],
        },
    )
    record(
        tmp_path / "wof/data/1/2.geojson",
        **gn,
        **{
            "gn:geonameid": 9002,
            "gn:name": "Teststray",
            "gn:asciiname": "Teststray",
            "gn:country_code": "AF",
            "gn:latitude": 34.6,
            "gn:longitude": 70.9,
        },
    )
    record(tmp_path / "wof/data/1/3.geojson", **{"wof:name": "Testquattro", "wof:placetype": "locality"})
    record(
        tmp_path / "wof/data/1/4.geojson",
        **gn,
        **{
            "gn:geonameid": 9004,
            "gn:name": "Testold",
            "gn:asciiname": "Testold",
            "gn:country_code": "PK",
            "gn:latitude": 34,
            "gn:longitude": 71,
            "edtf:deprecated": "2019",
        },
    )
    record(
        tmp_path / "wof/data/1/5.geojson",
        **gn,
        **{
            "gn:geonameid": 9005,
            "gn:name": "Testkot",
            "gn:asciiname": "Testkot",
            "gn:country_code": "PK",
            "gn:latitude": 34.1,
            "gn:longitude": 71.1,
        },
    )
    out = tmp_path / "out"
    assert derive.write_extracts([dump, tmp_path / "wof"], out) == {"PK": 2, "SO": 2}
    first = (out / "PK.zip").read_bytes()
    derive.write_extracts([dump, tmp_path / "wof"], out)
    assert (out / "PK.zip").read_bytes() == first  # the same bytes each run
    with zipfile.ZipFile(out / "PK.zip") as zf:
        pk = [line.split("\t") for line in zf.read("PK.txt").decode("utf-8").splitlines()]
    assert [r[:3] for r in pk] == [["9001", "Tēstpur", "Testpur"], ["9005", "Testkot", "Testkot"]]
    assert pk[0][3] == "Test Pur"  # Latin names once per lookup key, none with a comma
    assert pk[0][10] == "03" and pk[0][14] == "0" and len(pk[0]) == 19  # WOF's "3.0" is GeoNames' admin1 code 03
    with zipfile.ZipFile(out / "SO.zip") as zf:
        so = [line.split("\t") for line in zf.read("SO.txt").decode("utf-8").splitlines()]
    assert [(r[1], r[7], r[11], r[16]) for r in so] == [("Testdheere", "PPL", "", ""), ("Testdistrict", "ADM2", "", "")]


def test_shipped_extracts_key_the_cache_by_content_not_by_where_the_clone_lies(tmp_path, monkeypatch):
    from watchpost.geo.gazetteer import data_version

    for folder, mtime in (("one", 1_000_000_000), ("two", 1_500_000_000)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "SO.txt").write_text("64001\tTestdheere\n", encoding="utf-8")
        os.utime(tmp_path / folder / "SO.txt", (mtime, mtime))
    monkeypatch.setattr(sources, "EXTRACTS", tmp_path / "one")
    one = data_version()
    monkeypatch.setattr(sources, "EXTRACTS", tmp_path / "two")
    assert data_version() == one  # another clone, another time: the same cache
    (tmp_path / "two" / "SO.txt").write_text("64001\tTestdheeri\n", encoding="utf-8")
    assert data_version() != one  # other contents: a rebuild


def test_a_nigerian_local_government_area_is_its_town_and_holds_the_village_it_names(geo):
    # spaCy tags "Mangu Local Government Area" as an organisation; the village the gazetteer lacks lies in it
    text = "Gunmen attacked Dungwel village in Mangu Local Government Area of Plateau State on Sunday."
    found = by_text(geo.parse(text))
    assert found["Mangu"].admin1 == "Plateau State" and found["Mangu"].precision == 1
    assert found["Dungwel"].name == "Dungwel" and (found["Dungwel"].lat, found["Dungwel"].lon) == (
        found["Mangu"].lat,
        found["Mangu"].lon,
    )
    jibia = by_text(geo.parse("Bandits raided Gakurdi village in the Jibia LGA of Katsina on Tuesday."))["Jibia"]
    assert jibia.country == "NGA"


def test_a_province_spacy_takes_for_a_person_is_a_province_before_its_unit_word(geo):
    # "Chin" is an English word and a surname; "Chin state" is Myanmar's province
    text = "Air strikes hit a village near Thantlang, a major town in Chin state near the Indian border."
    chin = by_text(geo.parse(text))
    assert chin["Chin"].country == "MMR" and chin["Chin"].feature == "ADM1"


def test_an_unknown_village_after_its_provinces_possessive_is_placed_at_the_province(geo):
    found = by_text(geo.parse("No arrests have been made in the attack in Benue state’s Akpuuna village, Nigeria."))
    assert found["Akpuuna"].name == "Akpuuna" and found["Akpuuna"].admin1 == "Benue State"
    assert found["Akpuuna"].precision >= 2 and found["Akpuuna"].geonameid is None


def test_a_town_named_as_its_province_draws_no_support_from_the_provinces_name(geo):
    # "Ghazni province" must not make Ghazni the city by its own name voting for it as a province
    text = (
        "The Taliban claimed the attack in Qarabagh district southwest of Kabul. The head of the intelligence "
        "agency in Ghazni province told AFP the gunfight went on."
    )
    assert by_text(geo.parse(text))["Ghazni"].feature == "ADM1"
    ranked = geo.resolver.rank("Ghazni", Context(admin1={("AFG", "Ghazni")}))
    city = next(why for _, c, why in ranked if c.feature.startswith("PPL") and c.admin1 == "Ghazni")
    assert not any(w.startswith("admin1") for w in city)
    qarabagh = next(
        why for _, c, why in geo.resolver.rank("Qarabagh", Context(admin1={("AFG", "Ghazni")})) if c.admin1 == "Ghazni"
    )
    assert "admin1 Ghazni named nearby" in qarabagh


def test_a_city_written_as_a_city_is_not_its_province_of_the_same_name(geo):
    text = (
        "Five people were killed in a Russian missile strike on the southeastern Ukrainian city of Mykolaiv, "
        "Vitaliy Kim, governor of the Mykolaiv region, wrote on Telegram."
    )
    city, region = [p for p in geo.parse(text) if p.text == "Mykolaiv"]
    assert city.precision == 1 and region.feature == "ADM1"


def test_a_place_after_a_provinces_possessive_is_a_place_though_spacy_leaves_it_untagged(geo):
    text = "Five security personnel were killed in a gunbattle with Maoists on Saturday in Chhattisgarh’s Bijapur."
    bijapur = by_text(geo.parse(text))["Bijapur"]
    assert bijapur.admin1 == "Chhattisgarh" and bijapur.precision == 1


def test_a_peoples_word_before_village_of_is_no_place(geo):
    text = "ISIS militants attacked the Arab village of Islahiyah, east of Khanaquin in Diyala province, on Sunday."
    found = by_text(geo.parse(text))
    assert "Arab" not in found and found["Islahiyah"].admin1 == "Diyala"


def test_villages_are_no_district_matched_by_the_consonants_of_their_name(geo):
    text = "Maoists attacked troops in Tekulugudam and Jonnaguda villages on the Sukma-Bijapur border, India."
    jonnaguda = by_text(geo.parse(text)).get("Jonnaguda")
    assert jonnaguda is None or jonnaguda.feature not in ("ADM1", "ADM2")


def test_two_names_joined_by_and_that_the_gazetteer_has_as_one_are_one_place(geo):
    found = by_text(geo.parse("Four militants were killed in Jammu and Kashmir's Kupwara district on Sunday."))
    assert found["Jammu and Kashmir"].feature == "ADM1" and "Jammu" not in found
    assert found["Kupwara"].admin1 == "Jammu and Kashmir"
    assert by_text(geo.parse("J&K police said two militants were killed."))["J&K"].name == "Jammu and Kashmir"


def test_a_loose_reading_is_neither_a_name_the_text_writes_otherwise_nor_far_from_its_places(geo):
    text = (
        "Two terrorists were killed near Khundru in Anantnag on Tuesday. Earlier, a man was shot dead in "
        "Babagund area of Handwara in Kupwara district."
    )
    found = by_text(geo.parse(text))
    assert found["Handwara"].admin1 == "Jammu and Kashmir"
    for loose in ("Khundru", "Babagund"):  # consonant skeletons of Handwara and of Bhainsdehi, Madhya Pradesh
        assert loose not in found or found[loose].lat is None or found[loose].admin1 == "Jammu and Kashmir"


def test_a_village_owned_by_a_town_is_the_one_by_that_town(geo):
    text = "Terrorists opened fire at a check post in Karak's Bahadur Khel area, in Khyber Pakhtunkhwa, Pakistan."
    village = by_text(geo.parse(text))["Bahadur Khel"]
    assert km(village.lat, village.lon, 33.12, 71.09) < 50  # Karak town; another Bahadur Khel lies by Kohat


@pytest.mark.parametrize(
    "text, name, lat, lon",
    [
        # spaCy tags "Karan Nagar", the gazetteer knows only "Karan": a village 130 km from Srinagar (GeoNames' India)
        ("A grenade was lobbed at a police picket in Karan Nagar area of Srinagar on Friday.", "Karan", 34.09, 74.81),
        # the gazetteer's only Crown Heights is a hamlet of Dutchess County, 110 km up the Hudson
        (
            "A man was shot dead in the Crown Heights neighborhood of Brooklyn on Wednesday.",
            "Crown Heights",
            40.65,
            -73.95,
        ),
    ],
)
def test_a_part_of_a_town_is_never_placed_far_from_that_town(geo, text, name, lat, lon):
    part = by_text(geo.parse(text))[name]
    assert part.name == name and part.geonameid is None and km(part.lat, part.lon, lat, lon) < 10


def test_a_village_written_in_a_district_is_never_placed_far_outside_it(geo):
    # the gazetteer's only Siir is by Hebron, 100 km south of the Jenin district the text puts it in
    found = by_text(geo.parse("Israeli forces struck the village of Siir in the Jenin district, killing two people."))
    assert found["Siir"].name == "Siir" and km(found["Siir"].lat, found["Siir"].lon, 32.42, 35.23) < 20
