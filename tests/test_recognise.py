"""Place-name recognition on its own (watchpost.geo.recognise): which names of a parsed text are places, with
what hints for resolution, before any of them is placed; and the word lists it reads from
data/patterns/toponym_cues.yml (watchpost.geo.cues). Sentences written for this test."""
from __future__ import annotations

import pytest

from watchpost.geo import cues
from watchpost.geo.gazetteer import gazetteer
from watchpost.geo.recognise import Recogniser, Toponym, dedupe, is_acronym
from watchpost.nlp import parse_text


def recognise(text: str) -> list[Toponym]:
    return Recogniser(gazetteer()).mentions(text, parse_text(text))


def names(text: str) -> list[str]:
    return [m.text for m in recognise(text)]


def test_mentions_are_spans_of_the_text_in_order():
    text = "Shelling hit villages near Aleppo on Monday; in Idlib, aid convoys waited at Bab al-Hawa."
    found = recognise(text)
    assert {"Aleppo", "Idlib"} <= {m.text for m in found}
    assert all(text[m.start:m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_a_seat_of_government_is_a_place_only_where_a_place_stands():
    assert "Kremlin" not in names("Shelling went on overnight, and the Kremlin said it would send envoys.")
    assert "Kremlin" in names("Protesters gathered outside the Kremlin on Sunday.")


def test_a_title_makes_a_town_name_a_persons():
    found = names("Mrs. Jackson told the court she had lived in Memphis all her life.")
    assert "Memphis" in found and "Jackson" not in found


def test_a_name_before_a_word_for_a_people_is_no_place():
    found = names("Armed youths from the Murle community attacked herders near Bor; Hawiye clan militias fled.")
    assert "Murle" not in found and "Hawiye" not in found and "Bor" in found
    assert "Miango" in names("Gunmen attacked the Miango community in Bassa on Sunday.")  # no people: a village


def test_a_weak_name_where_a_place_stands_is_a_place_in_the_texts_country():
    assert "Fizi" in names("Mai-Mai militiamen attacked Fizi on Sunday, killing six civilians in Congo.")
    assert "Swat" in names("Militants attacked Swat district on Monday, killing three policemen in Pakistan.")
    assert "Fizi" not in names("Mai-Mai militiamen attacked Fizi on Sunday, killing six civilians in Chile.")


def test_the_philippine_word_for_a_village_is_no_place_of_its_own():
    found = names("The patrol was ambushed in Barangay Mactan in Cawayan town, Masbate, in the Philippines.")
    assert not any(n.startswith("Barangay") for n in found) and "Masbate" in found


def test_a_place_entity_the_gazetteer_has_whole_is_not_cut_to_a_part():
    assert "Mir Ali" in names("A suicide bomber killed 10 soldiers in Mir Ali, North Waziristan, on Friday.")


def test_a_river_is_no_town_of_its_name():
    found = names("Troops shelled Dnipro on Monday, then the villages on the bank of the Dnipro River.")
    assert found.count("Dnipro") == 1


def test_a_village_name_before_village_is_taken_whole_or_not_at_all():
    assert "Ga" not in names("Junta troops fired shells into Na Ga Yar village in Kyauktaw township.")


def test_demonyms_inside_names_carry_their_country():
    found = recognise("The Russian Foreign Ministry summoned the envoy; Saudi clerics objected.")
    demonyms = {m.text: m.demonym.country for m in found if m.demonym}
    assert demonyms == {"Russian": "RUS", "Saudi": "SAU"}
    assert all(m.label == "NORP" for m in found if m.demonym)


def test_a_state_code_after_a_town_and_a_county_written_twice():
    found = {m.text: m for m in recognise(
        "A tornado struck Paris, TN on Friday, officials in Navarro County said. Navarro officials asked for help.")}
    assert found["TN"].lookup == "Tennessee" and found["TN"].key == "Tennessee"
    assert found["Navarro"].lookup == "Navarro County"  # the bare name the text also writes as a county
    assert found["Paris"].key == "Paris"


def test_only_a_countrys_name_is_read_inside_a_sum_of_money():
    found = recognise("The donors pledged 59.2 billion US dollars, and Germany gave more.")
    assert [(m.text, m.label) for m in found if m.label == "MONEY"] == [("US", "MONEY")]


def test_a_name_particle_alone_is_no_place():
    found = names("Fighters of Al-Shabaab attacked a base near Baidoa.")
    assert "Baidoa" in found
    assert not [n for n in found if n in ("Al", "Shabaab", "Al-Shabaab")]


def test_a_name_whose_last_word_carries_an_arabic_article_is_a_place_not_a_person():
    found = names("They say the attack on Bir el-Abd took place on Monday, and Ayman al-Zawahiri praised it.")
    assert "Bir el-Abd" in found and "Ayman al-Zawahiri" not in found


def test_a_name_found_once_is_found_again_elsewhere():
    text = "MANSFIELD -- Police said a man was arrested. Residents of Mansfield gathered later."
    found = [m for m in recognise(text) if m.text.lower() == "mansfield"]
    assert [m.start for m in found] == [0, text.index("Mansfield")]


def test_dedupe_keeps_the_first_of_overlapping_mentions():
    kept = dedupe([Toponym(0, 5, "Idlib", "GPE"), Toponym(0, 14, "Idlib province", "GPE"),
                   Toponym(20, 25, "Homs", "GPE")])
    assert [m.text for m in kept] == ["Idlib", "Homs"]


@pytest.mark.parametrize(("name", "acronym"), [("NATO", True), ("U.S.", True), ("Idlib", False), ("ALEPPO", False)])
def test_acronyms(name, acronym):
    assert is_acronym(name) is acronym


def test_every_word_list_is_there_and_made_of_strings():
    for key in ("admin_words", "qualifiers", "unit_words", "unit_tail", "titles", "locatives",
                "locatives_before_entity", "place_of", "place_after", "dateline_dashes", "name_particles",
                "article_prefixes", "county_words"):
        words = cues.words(key)
        assert words and all(isinstance(w, str) and w.strip() == w for w in words), key
    assert "on" in cues.words("locatives")  # quoted in the file: YAML would read a bare `on` as True
    assert {"mrs", "gen"} <= set(cues.words("titles"))


def test_a_word_yaml_reads_as_something_else_is_refused(monkeypatch):
    monkeypatch.setattr(cues, "_load", lambda name: {"locatives": ["at", True, "near"]})
    with pytest.raises(ValueError, match="not strings"):
        cues.words("locatives")
    monkeypatch.setattr(cues, "_load", lambda name: {"recognition": {"org_min": "four"}})
    with pytest.raises(ValueError, match="not a number"):
        cues.weights("recognition")


def test_the_weights_are_numbers_in_every_section():
    for section in ("recognition", "gazetteer", "context", "coherence"):
        assert cues.weights(section), section
    assert cues.weights("gazetteer")["feature_prior"]["PCLI"] == 11.0
