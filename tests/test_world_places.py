"""Seas and straits of conflict news (watchpost/data/places/world.csv): a named gulf is that gulf, not the
Persian Gulf a bare 'Gulf' would be. Sentences written for these tests."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Missiles fired by Houthi fighters hit a ship in the Gulf of Aden.", "Gulf of Aden", 12.5, 48.0),
    ("A tanker was attacked near the Bab al-Mandab strait on Monday.", "Bab el-Mandeb", 12.58, 43.33),
    ("Drones struck a port on the Sea of Azov overnight.", "Sea of Azov", 46.0, 36.5),
])
def test_named_seas_and_straits(geo, text, name, lat, lon):
    places = [p for p in geo.parse(text) if p.name == name]
    assert places and abs(places[0].lat - lat) < 1 and abs(places[0].lon - lon) < 1, [p.name for p in geo.parse(text)]


@pytest.mark.parametrize("text, name, country", [
    ("At least eight civilians were killed in an attack in Beni territory, North Kivu, on Saturday.", "Beni", "COD"),
    ("Ten militants were killed in North Waziristan agency on Thursday.", "North Waziristan", "PAK"),
])
def test_a_unit_word_after_a_name_keeps_it_a_place(geo, text, name, country):
    places = [p for p in geo.parse(text) if p.text.startswith(name)]
    assert places and places[0].country == country, [(p.text, p.country) for p in geo.parse(text)]
