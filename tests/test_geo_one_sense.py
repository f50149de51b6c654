"""One place per name per document (watchpost/geo/__init__.py, Geoparser.one_sense): a name the text places once
by its container keeps that reading where it stands alone. Text written for these tests."""
from __future__ import annotations


def test_a_name_placed_by_its_container_keeps_that_reading_elsewhere(geo):
    text = ("Three people were killed in clashes over the weekend in Tripoli, north Lebanon, before the army restored "
            "order. Shops in Tripoli reopened on Monday, and schools in Tripoli will reopen next week.")
    tripolis = [p for p in geo.parse(text) if p.text == "Tripoli"]
    assert len(tripolis) == 3 and {p.country for p in tripolis} == {"LBN"}, [(p.country, p.reason) for p in tripolis]


def test_a_container_after_a_direction_word_still_contains(geo):
    places = {p.text: p for p in geo.parse("Fighting resumed in Tripoli, northern Lebanon, on Sunday.")}
    assert places["Tripoli"].country == "LBN"


def test_without_a_container_the_name_takes_its_usual_reading(geo):
    places = {p.text: p for p in geo.parse("Shops in Tripoli reopened on Monday after the fighting.")}
    assert places["Tripoli"].country == "LBY"
