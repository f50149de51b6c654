"""The gazetteer on its own (watchpost.geo.gazetteer): lookups by exact, alternate, variant and skeleton
name, how strongly a bare name is a place, major places, and the map's town labels."""
from __future__ import annotations

import math

import pytest

from watchpost.geo.gazetteer import (
    ADM1_FLOOR,
    ALT_PENALTY,
    FEATURE_PRIOR,
    FUZZY_MIN_POPULATION,
    base_prior,
)
from watchpost.geo.gazetteer import (
    gazetteer as shared_gazetteer,
)


@pytest.fixture(scope="module")
def gaz():
    return shared_gazetteer()


def test_an_exact_name_finds_the_city_and_the_province(gaz):
    found = gaz.lookup_exact("Aleppo")
    assert {(c.country, c.feature[:3], c.match) for c in found} >= {("SYR", "ADM", "name"), ("SYR", "PPL", "name")}
    assert gaz.lookup("Aleppo") == found  # exact matches come first, nothing else is looked at


def test_an_alternate_name_matches_as_alt_and_counts_less(gaz):
    found = gaz.lookup_exact("Halab")
    assert found and {(c.name, c.country, c.match) for c in found} == {("Aleppo", "SYR", "alt")}
    town = max(found, key=lambda c: c.population)
    assert gaz.strength("Halab") == pytest.approx(math.log10(town.population + 1) - ALT_PENALTY)


def test_a_transliteration_variant_finds_the_place(gaz):
    assert not gaz.lookup_exact("Idleeb")
    found = gaz.lookup("Idleeb")
    assert found and all(c.match == "variant" for c in found)
    assert {(c.name, c.country) for c in found} == {("Idlib", "SYR")}
    # a variant makes a bare word a place only when it is a curated place's: "Saraqeeb" is, "Homss" is not
    assert 0 < gaz.strength("Saraqeeb") < gaz.strength("Saraqib")
    assert gaz.lookup("Homss") and gaz.strength("Homss") == 0.0


def test_skeleton_matches_only_towns_of_some_size(gaz):
    found = gaz.lookup("Benghazy")  # a spelling no exact or variant key has: matched by its consonants
    assert found and all(c.match == "fuzzy" for c in found)
    assert all(c.population >= FUZZY_MIN_POPULATION or c.id < 0 for c in found)
    assert "Benghazi" in {c.name for c in found}
    assert gaz.strength("Benghazy") == 0.0  # a skeleton match alone never makes a bare word a place


def test_nonsense_is_nowhere(gaz):
    assert gaz.lookup("Qwxzzvillebergstan") == ()
    assert gaz.strength("Qwxzzvillebergstan") == 0.0 and not gaz.is_major("Qwxzzvillebergstan")


def test_strength_is_a_countrys_prior_or_a_towns_population(gaz):
    assert gaz.strength("Syria") == FEATURE_PRIOR["PCLI"]
    town = max(gaz.lookup_exact("Saraqib"), key=lambda c: c.population)
    assert gaz.strength("Saraqib") >= math.log10(town.population + 1) > 4


def test_base_prior_keeps_a_province_between_its_floor_and_its_features_weight():
    assert base_prior("ADM1", 10) == ADM1_FLOOR
    assert base_prior("ADM1", 50_000_000) == FEATURE_PRIOR["ADM1"]
    assert base_prior("ADM1", 2_000_000) == pytest.approx(math.log10(2_000_000))
    assert base_prior("PPL", 9_999) == pytest.approx(4.0, abs=1e-3)
    assert base_prior("PCLI", 0) == FEATURE_PRIOR["PCLI"]


def test_major_places_and_acronyms(gaz):
    assert gaz.is_major("Syria") and gaz.is_major("Texas") and gaz.is_major("Memphis")
    assert not gaz.is_major("Saraqib")
    assert gaz.is_major("KBR") and not gaz.is_major("KBR", strict=True)  # an alternate name of Kota Bharu, no more


def test_towns_in_a_box_biggest_first(gaz):
    south, north, west, east = 35.5, 36.3, 36.3, 37.1
    rows = gaz.towns_in(south, north, west, east)
    assert len(rows) > 20 and "Idlib" in {name for name, *_ in rows}
    assert all(south <= lat <= north and west <= lon <= east for _, lat, lon, _ in rows)
    populations = [population for *_, population in rows]
    assert populations == sorted(populations, reverse=True)
    assert gaz.towns_in(south, north, west, east, limit=3) == rows[:3]
    assert gaz.towns_in(10.0, 10.001, -30.0, -29.999) == []  # the open Atlantic


@pytest.mark.parametrize("name", ["Soum", "Sanmatenga", "Oubritenga", "Balé", "Oudalan", "Mohmand", "Bajur"])
def test_provinces_of_burkina_faso_and_pakistan_by_the_names_the_news_uses(gaz, name):
    # GeoNames has them as "Province du Djelgodji", "Sandbondtenga", "Province des Balé", "Province de l'Oudalan";
    # Mohmand (a former tribal agency) only in the curated data
    assert any(c.feature == "ADM2" and c.country in ("BFA", "PAK") for c in gaz.lookup(name))
