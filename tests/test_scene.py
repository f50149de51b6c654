"""Where and when a mention happened (watchpost/events/scene.py): the place of its own clause, never the
dateline's or another act's, and the date that governs the act rather than the saying. Sentences written for
these tests; places handed in by hand (no geoparser)."""

from __future__ import annotations

from dataclasses import replace

from watchpost.actors.resolve import ActorResolver, DocContext
from watchpost.events.coref import Trigger
from watchpost.events.detect import Detector
from watchpost.events.lexicon import lexicon
from watchpost.events.scene import Scene, locative
from watchpost.model import Place
from watchpost.nlp import parse_text

PUBLISHED = "2025-06-12"  # a Thursday


def place(text: str, name: str, lat: float, lon: float, country: str = "SYR", precision: int = 1) -> Place:
    start = text.index(name)
    return Place(
        text=name,
        name=name,
        country=country,
        admin1=None,
        lat=lat,
        lon=lon,
        start=start,
        end=start + len(name),
        precision=precision,
    )


def trigger(text: str, word: str) -> Trigger:
    ((offset, doc),) = parse_text(text)
    sent = next(iter(doc.sents))
    tok = next(t for t in sent if t.text == word)
    spec = lexicon().match(tok)
    assert spec is not None, f"{word!r} is no trigger"
    return Trigger(tok, spec, sent, 0, offset)


def test_the_place_is_the_acts_own_not_the_talks():
    text = "The two sides agreed a ceasefire in Idlib after talks in Moscow on Monday."
    places = [place(text, "Idlib", 35.9, 36.6), place(text, "Moscow", 55.75, 37.6, "RUS")]
    trig = trigger(text, "agreed")
    where = Scene(places, PUBLISHED).location(trig, [], {trig.token.i, trig.token.doc[10].i})
    assert where is not None and where.name == "Idlib"


def test_an_actors_place_is_no_location():
    text = "Turkey says Russia must stop the offensive."
    ((_, doc),) = parse_text(text)
    turkey = place(text, "Turkey", 39.0, 35.0, "TUR", 3)
    assert not locative(turkey, next(iter(doc.sents)), 0)


def test_the_day_of_the_act_not_of_the_saying():
    text = "The army said on Thursday that rebels had attacked the base on Tuesday."
    span = Scene([], PUBLISHED).date(trigger(text, "attacked"), "occurred", set())
    assert span.text == "Tuesday" and span.start == "2025-06-10"


def test_a_date_only_on_the_saying_is_marked_as_such():
    text = "Rebels attacked the base, the army said on Thursday."
    span = Scene([], PUBLISHED).date(trigger(text, "attacked"), "occurred", set())
    assert span.text == "Thursday" and span.reason.startswith("the day it was said")
    assert (span.start, span.end) == ("2025-06-11", "2025-06-12")  # that day or the day before


def test_an_undated_act_gets_the_stated_default():
    span = Scene([], PUBLISHED).date(trigger("Rebels attacked the base.", "attacked"), "occurred", set())
    assert span.text is None and span.start == "2025-06-11" and span.end == PUBLISHED and span.reason


def test_a_lead_placed_only_at_the_documents_main_place_takes_the_town_named_for_it_later():
    text = "Guerrillas killed 11 soldiers on Monday. The rebels had staged the attack near Saraqeb on Monday."
    saraqeb = place(text, "Saraqeb", 35.86, 36.8)
    mentions = Detector("s", text, PUBLISHED, [saraqeb], ActorResolver(DocContext())).run(parse_text(text))
    lead, later = mentions[0], next(m for m in mentions[1:] if m.type == "ASSAULT")
    assert later.location is not None and later.location.name == "Saraqeb"
    capital = Place(
        text="Damascus",
        name="Damascus",
        country="SYR",
        admin1="Dimashq",
        lat=33.5,
        lon=36.3,
        precision=2,
        reason="not placed in its sentence: the document's main place",
    )
    lead = replace(lead, location=capital)
    Scene([saraqeb], PUBLISHED).refine_lead(lead, [lead, later])
    assert lead.location.name == "Saraqeb"


def test_a_town_attacked_is_where_the_attack_happened():
    text = "The army shelled Saraqeb in Idlib province on Monday."
    places = [place(text, "Saraqeb", 35.86, 36.8), place(text, "Idlib", 35.9, 36.6, precision=3)]
    trig = trigger(text, "shelled")
    army = trig.token.doc[1]
    where = Scene(places, PUBLISHED).location(trig, [army, trig.token.doc[3]], {trig.token.i})
    assert where is not None and where.name == "Saraqeb"


def test_a_settlement_attacked_by_its_name_is_where_the_attack_happened():
    text = "Russian forces had shelled the Novoberyslav settlement from across the river."
    places = [place(text, "Novoberyslav", 46.86, 33.48, "UKR")]
    trig = trigger(text, "shelled")
    where = Scene(places, PUBLISHED).location(trig, [trig.token.doc[1]], {trig.token.i})
    assert where is not None and where.name == "Novoberyslav"


def test_the_whereabouts_of_the_people_attacked_is_where_the_attack_happened():
    # spaCy hangs "in Kaura" on "villagers": the victims' phrase gives its whereabouts, not its origin
    text = "Bandits shot dead three farmers in Kaura village on Friday."
    places = [place(text, "Kaura", 9.67, 8.46, "NGA")]
    trig = trigger(text, "shot")
    doer, victims = trig.token.doc[0], trig.token.doc[4]
    assert victims.text == "farmers" and trig.token.doc[5].head == victims
    where = Scene(places, PUBLISHED).location(trig, [doer, victims], {trig.token.i})
    assert where is not None and where.name == "Kaura"
    text = "Gunmen from Kaura killed five villagers on Tuesday."
    places = [place(text, "Kaura", 9.67, 8.46, "NGA")]
    trig = trigger(text, "killed")
    assert Scene(places, PUBLISHED).location(trig, [trig.token.doc[0], trig.token.doc[5]], {trig.token.i}) is None


def test_a_town_given_as_a_bearing_is_no_place_of_the_act():
    text = "A bomb killed four policemen in the province, 450 kilometers (270 miles) northwest of the capital Kabul."
    places = [place(text, "Kabul", 34.53, 69.17, "AFG")]
    trig = trigger(text, "killed")
    assert Scene(places, PUBLISHED).location(trig, [], {trig.token.i}) is None


def test_the_object_of_a_non_violent_verb_is_no_place():
    text = "Turkey urged Russia on Monday to stop the offensive."
    places = [place(text, "Russia", 55.75, 37.6, "RUS", 3)]
    trig = trigger(text, "urged")
    assert Scene(places, PUBLISHED).location(trig, [trig.token.doc[2]], {trig.token.i}) is None


def test_the_province_says_more_than_its_country():
    text = "Ten villagers were killed in eastern Congo's Ituri province on Monday."
    places = [place(text, "Congo", -2.5, 23.5, "COD", 3), place(text, "Ituri", 1.75, 30.27, "COD", 3)]
    places[0].feature, places[1].feature = "PCLI", "ADM1"
    where = Scene(places, PUBLISHED).location(trigger(text, "killed"), [], set())
    assert where is not None and where.name == "Ituri"


def test_killed_in_an_attack_takes_the_attacks_place():
    text = "Eight civilians were killed in an attack blamed on rebels in the northeastern Beni territory."
    places = [place(text, "Beni", 0.49, 29.47, "COD")]
    trig = trigger(text, "killed")
    attack = next(t for t in trig.sent if t.text == "attack")
    where = Scene(places, PUBLISHED).location(trig, [], {trig.token.i, attack.i})
    assert where is not None and where.name == "Beni"


def test_a_lead_placed_at_a_peninsula_takes_the_town_a_later_sentence_attacks():
    text = "Militants attacked an army checkpoint in Sinai. Officials said the attack on Bir el-Abd was repelled."
    sinai = replace(place(text, "Sinai", 29.5, 33.8, "EGY", 3), admin1="South Sinai", feature="PEN")
    town = replace(place(text, "Bir el-Abd", 31.02, 33.01, "EGY"), admin1="North Sinai", feature="PPL")
    mentions = Detector("s", text, PUBLISHED, [sinai, town], ActorResolver(DocContext())).run(parse_text(text))
    lead = next(m for m in mentions if m.lead)
    assert lead.location is not None and lead.location.name == "Bir el-Abd"


def test_a_killing_told_with_its_attack_takes_the_place_attacked():
    text = "Rebels shelled the Abu Shouk camp near El Fasher on Sunday, killing 11 civilians."
    camp = replace(place(text, "Abu Shouk camp", 13.66, 25.33, "SDN"), feature="CMP")
    town = replace(place(text, "El Fasher", 13.63, 25.35, "SDN"), feature="PPLA")
    mentions = Detector("s", text, PUBLISHED, [camp, town], ActorResolver(DocContext())).run(parse_text(text))
    assert {m.location.name for m in mentions if m.type == "ASSAULT"} == {"Abu Shouk camp"}


def test_the_city_of_a_lead_is_the_town_of_the_dateline():
    text = "At least six people were killed on Saturday when a suicide blast rocked the city's Sariab Road."
    quetta = Place(
        text="QUETTA",
        name="Quetta",
        country="PAK",
        admin1="Balochistan",
        lat=30.18,
        lon=67.0,
        start=0,
        end=6,
        precision=1,
    )
    province = Place(
        text="Balochistan",
        name="Balochistan",
        country="PAK",
        admin1="Balochistan",
        lat=27.9,
        lon=65.7,
        precision=3,
        feature="ADM1",
        reason="not placed in its sentence: the main place",
    )
    mentions = Detector("s", text, PUBLISHED, [], ActorResolver(DocContext()), filed_in=quetta).run(parse_text(text))
    (lead,) = [m for m in mentions if m.lead]
    lead = replace(lead, location=province)
    Scene([], PUBLISHED, filed_in=quetta).refine_lead(lead, [lead])
    assert lead.location.name == "Quetta"
    lead = replace(lead, location=province, sentence="At least six people were killed on Saturday in a blast.")
    Scene([], PUBLISHED, filed_in=quetta).refine_lead(lead, [lead])
    assert lead.location.name == "Balochistan"  # no 'the city': the dateline is only where the report was filed


def test_a_countrys_capital_in_the_lead_is_the_datelines_capital():
    text = "Police fired tear gas at thousands of students protesting in Bangladesh's capital on Tuesday."
    dhaka = Place(
        text="DHAKA",
        name="Dhaka",
        country="BGD",
        admin1="Dhaka",
        lat=23.7,
        lon=90.4,
        start=0,
        end=5,
        precision=1,
        feature="PPLC",
    )
    mentions = Detector("s", text, PUBLISHED, [], ActorResolver(DocContext()), filed_in=dhaka).run(parse_text(text))
    (lead,) = [m for m in mentions if m.lead]
    assert lead.location is not None and lead.location.name == "Dhaka"


def test_a_lead_placed_only_at_its_country_takes_the_province_named_right_after():
    text = "Gunmen opened fire on a village in Nigeria, killing at least 24 villagers. No arrests were made in Benue."
    nigeria = replace(place(text, "Nigeria", 9.0, 8.0, "NGA", 3), feature="PCLI")
    benue = replace(place(text, "Benue", 7.27, 8.71, "NGA", 3), admin1="Benue State", feature="ADM1")
    mentions = Detector("s", text, PUBLISHED, [nigeria, benue], ActorResolver(DocContext())).run(parse_text(text))
    lead = next(m for m in mentions if m.lead)
    assert lead.location is not None and lead.location.name == "Benue"


def test_a_town_given_by_its_distance_in_words_from_the_capital_is_no_place_of_the_act():
    text = "An army outpost near a town sixty kilometers north of the capital city of Baghdad came under attack."
    baghdad = place(text, "Baghdad", 33.34, 44.4, "IRQ")
    trig = trigger(text, "attack")
    assert Scene([baghdad], PUBLISHED).location(trig, [], {trig.token.i}) is None


def test_the_day_a_report_covers_dates_the_acts_it_accuses_of():
    text = "In its report for Sunday, the army accused the RSF of shelling El Fasher, killing 33 civilians."
    mentions = Detector("s", text, PUBLISHED, [], ActorResolver(DocContext())).run(parse_text(text))
    shelling = next(m for m in mentions if m.trigger == "shelling")
    assert shelling.date is not None and shelling.date.text == "Sunday" and shelling.date.start == "2025-06-08"
