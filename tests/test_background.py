"""Background (watchpost/events/background.py): cumulative tolls and history are not the report's event.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from watchpost.events.background import cumulative
from watchpost.extract import Extractor
from watchpost.model import Document

REPORT = (
    "Thirteen civilians were killed on Monday when the Rapid Support Forces shelled a market in El Fasher, "
    "activists said. The war has killed tens of thousands and displaced millions since April 2023. "
    "More than 150,000 people have been killed in the conflict. In 2016 government forces besieged the city for months."
)


@pytest.fixture(scope="module")
def mentions():
    ((_, found),) = list(Extractor().extract([Document(id="bg", text=REPORT, published="2025-06-10")]))
    assert found, "no mentions"
    return found


def test_the_event_of_the_day_is_not_background(mentions):
    monday = [m for m in mentions if "Monday" in m.sentence and m.type == "ASSAULT"]
    assert monday and not any(m.background for m in monday)
    assert any(q.what == "killed" and q.value == 13 for m in monday for q in m.quantities)


def test_a_war_toll_is_background_and_never_a_killed_count(mentions):
    war = [m for m in mentions if "tens of thousands" in m.sentence]
    assert war and all(m.background for m in war)
    counts = [q for m in mentions for q in m.quantities]
    assert {q.what for q in counts if q.value >= 20_000} <= {"total_killed", "total_displaced"}
    assert not [q for q in counts if q.what == "killed" and q.value > 13]


def test_history_is_background(mentions):
    siege = [m for m in mentions if "2016" in m.sentence]
    assert siege and all(m.background for m in siege)


def test_background_never_leads(mentions):
    (lead,) = [m for m in mentions if m.lead]
    assert not lead.background and "Monday" in lead.sentence


@pytest.mark.parametrize(
    "sentence,word,expected",
    [
        ("More than 230,000 people have been killed since 2011.", "230,000", True),
        ("The fighting has killed tens of thousands since April 2023.", "tens of thousands", True),
        ("So far 40 people have died in the clashes.", "40", True),
        ("Its fighters have killed hundreds of civilians in Ituri province.", "hundreds", True),
        ("The attack killed 12 people on Tuesday.", "12", False),
        ("The airstrike killed 12 people, bringing the toll since 2011 to 380,000.", "12", False),
        ("The offensive killed 20 soldiers in the nine-year civil war's latest battle.", "20", False),
        ("Troops have detained 20 people across the province since Tuesday night.", "20", False),
        ("At least 40 people have been killed in clashes over the past 48 hours.", "40", False),
        ("Two soldiers were killed on Monday, raising the death toll from a week of clashes to 40.", "40", True),
        ("A bomb killed 12 on Tuesday, bringing the number killed in attacks this month to 85.", "85", True),
        ("Another soldier died on Monday, bringing the toll from the attack to 12.", "12", False),
        ("The UN says at least 500 civilians have been killed in the region this year.", "500", True),
        ("More than 20,000 people have been killed and 15 million displaced, the UN says.", "20,000", True),
        ("Bandits have killed more than 200 people in the state this month alone.", "200", True),
        ("More than 100 people have been killed in the area in the past two weeks.", "100", True),
        ("The blast has killed 12 people and wounded 40 others in Kabul, officials say.", "12", False),
        ("Clashes with the separatists have claimed more than 6,000 lives, the think tank says.", "6,000", True),
        ("More than 6,800 people have died – most of them civilians – in the insurgency.", "6,800", True),
        ("At least 1,200 people have been killed in the attack on the town, the UN said.", "1,200", False),
        ("Separatist attacks have killed 14 people in 2023, police said.", "14", True),
    ],
)
def test_cumulative_clauses(sentence, word, expected):
    start = sentence.index(word)
    assert cumulative(sentence, start, start + len(word)) is expected


RECALLING = (
    "Gunmen killed four villagers in an attack on Kikuku on Tuesday, a local official said. "
    "Last week, 18 civilians were killed in a raid on nearby villages. "
    "The attack comes a day after an air strike killed 15 people in the same district."
)


@pytest.fixture(scope="module")
def recalling():
    ((_, found),) = list(Extractor().extract([Document(id="rc", text=RECALLING, published="2025-06-12")]))
    return found


def test_attacks_recalled_around_the_lead_are_background(recalling):
    (lead,) = [m for m in recalling if m.lead]
    assert "Tuesday" in lead.sentence and not lead.background
    recalled = [m for m in recalling if m.type == "ASSAULT" and m is not lead and "Tuesday" not in m.sentence]
    assert recalled and all(m.background for m in recalled)
    assert {q.value for m in recalled for q in m.quantities if q.what == "killed"} >= {18, 15}


def test_a_report_about_an_old_attack_leads_with_it():
    text = (
        "The nerve agent sarin was used in the April 4 attack against civilians in the town that killed more "
        "than 90 people, a chemical weapons watchdog said on Friday."
    )
    ((_, found),) = list(Extractor().extract([Document(id="old", text=text, published="2017-06-30")]))
    (lead,) = [m for m in found if m.lead]
    assert lead.type == "ASSAULT" and not lead.background and lead.date.start == "2017-04-04"


def test_a_grant_is_news_whatever_its_clause_says_of_the_time_before():
    text = "Peru has granted asylum to five officers holed up in its embassy since last month's invasion."
    ((_, found),) = list(Extractor().extract([Document(id="aid", text=text, published="2020-01-15")]))
    assert [m for m in found if m.type == "AID" and not m.background]


def test_protests_that_have_gone_on_for_months_are_news():
    text = "Thousands of teachers have protested outside parliament every week since March, demanding higher pay."
    ((_, found),) = list(Extractor().extract([Document(id="p", text=text, published="2025-06-12")]))
    assert [m for m in found if m.type == "PROTEST" and not m.background]


def test_an_attack_a_report_opens_with_a_past_month_is_recalled_even_undated():
    text = (
        "Six people were killed on Saturday when a suicide blast hit a market in Quetta, police said. "
        "In August this year, a suicide explosion targeting soldiers in the city left 15 people dead."
    )
    ((_, found),) = list(Extractor().extract([Document(id="u", text=text)]))  # no publication date
    (lead,) = [m for m in found if m.lead]
    august = [m for m in found if "August" in m.sentence and m.type == "ASSAULT"]
    assert "Saturday" in lead.sentence and august and all(m.background for m in august)


def test_what_a_group_habitually_does_is_background():
    text = (
        "Gunmen killed 15 villagers in Zamfara state on Monday, police said. The state is plagued by armed "
        "gangs who raid villages, kill residents and kidnap people for ransom."
    )
    ((_, found),) = list(Extractor().extract([Document(id="h", text=text, published="2024-05-14")]))
    habits = [m for m in found if m.trigger in ("raid", "kill", "kidnap")]
    assert habits and all(m.background for m in habits)
    assert [m for m in found if m.lead and "Monday" in m.sentence and not m.background]


LEAD = "Gunmen killed six soldiers at a checkpoint near Djibo on Tuesday, security sources said. "


@pytest.mark.parametrize("published", ["2025-06-12", None])
@pytest.mark.parametrize(
    "recall",
    [
        "Militants attacked the same checkpoint on Oct. 14, killing 12 soldiers and wounding eight.",
        "In a similar attack on Oct. 14, militants killed 12 soldiers.",
        "In the previous attack, in October, 12 soldiers were killed.",
        "A similar attack in Arbinda killed 12 people on Christmas Eve.",
        "The latest attack follows an ambush on a convoy that killed 12 soldiers.",
    ],
)
def test_an_attack_told_as_similar_earlier_or_on_the_same_place_is_recalled(recall, published):
    ((_, found),) = list(Extractor().extract([Document(id="sim", text=LEAD + recall, published=published)]))
    (lead,) = [m for m in found if m.lead]
    assert "Tuesday" in lead.sentence
    twelve = [m for m in found if any(q.what == "killed" and q.value == 12 for q in m.quantities)]
    assert twelve and all(m.background for m in twelve)


def test_a_similar_attack_on_the_lead_day_is_news():
    text = LEAD + "In a similar attack on Tuesday, gunmen killed four herders in Arbinda."
    ((_, found),) = list(Extractor().extract([Document(id="same-day", text=text, published="2025-06-12")]))
    four = [m for m in found if any(q.what == "killed" and q.value == 4 for q in m.quantities)]
    assert four and not any(m.background for m in four)


def test_a_toll_over_half_a_year_is_cumulative():
    sentence = "Attacks by armed groups killed more than 1,000 people in the first half of the year, ACLED said."
    assert cumulative(sentence, sentence.index("1,000"), sentence.index("1,000") + 5)


def test_an_undated_report_tells_an_attack_weeks_before_its_lead_by_the_days_it_names():
    text = (
        "At least nine villagers were killed on Tuesday November 21 in an attack on the market of Bamenyam. "
        "On November 6, 25 civilians were killed in Egbekaw in an assault attributed to the separatists."
    )
    ((_, found),) = list(Extractor().extract([Document(id="nov", text=text)]))  # no publication date
    (lead,) = [m for m in found if m.lead]
    assert "November 21" in lead.sentence and "November 21" in lead.date.text
    earlier = [m for m in found if "November 6" in m.sentence and m.type == "ASSAULT"]
    assert earlier and all(m.background for m in earlier)


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("Clashes between the rebels and vigilantes have killed dozens in the area in recent months.", "dozens"),
        ("Militants have since spread to coastal states, seizing territory and killing thousands.", "thousands"),
        ("Nearly 60 people were killed in violence targeting villages in four regions last week.", "60"),
        ("Troops have killed at least 780 Palestinians in the West Bank during the Gaza war.", "780"),
        ("Attacks on Israelis have also killed at least 24 people in the West Bank in the same period.", "24"),
        ("Eighteen soldiers were killed within 24 hours in various sanitisation operations.", "Eighteen"),
    ],
)
def test_more_cumulative_clauses(sentence, word):
    assert cumulative(sentence, sentence.index(word), sentence.index(word) + len(word))


def test_an_undated_report_recalls_an_attack_of_a_year_before_the_latest_it_names():
    text = (
        "Gunmen killed six soldiers at a checkpoint near Djibo on Tuesday, officials said in a 2023 statement. "
        "In 2019, an assault on the town killed 35 civilians."
    )
    ((_, found),) = list(Extractor().extract([Document(id="yr", text=text)]))  # no publication date
    old = [m for m in found if "2019" in m.sentence and m.type == "ASSAULT"]
    assert old and all(m.background for m in old)


def test_attacks_told_as_similar_without_an_article_are_recalled():
    text = LEAD + "More than 40 soldiers were killed in similar attacks near the border."
    ((_, found),) = list(Extractor().extract([Document(id="sims", text=text, published="2025-06-12")]))
    forty = [m for m in found if "similar" in m.sentence and m.type == "ASSAULT"]
    assert forty and all(m.background for m in forty)


def test_a_past_month_opening_is_recalled_beside_a_lead_dated_by_its_day_elsewhere():
    text = (
        "Israeli forces killed two Palestinians near Jenin on Sunday, the health ministry said. "
        "Last month, the army launched several raids in Jenin, killing nine people."
    )
    found = list(Extractor().extract([Document(id="lm", text=text, title="Israeli forces kill two Palestinians")]))
    nine = [m for m in found[0][1] if any(q.value == 9 for q in m.quantities)]
    assert nine and all(m.background for m in nine)


def test_an_undated_report_recalls_what_it_dates_to_a_past_period():
    text = (
        "Gunmen killed six soldiers at a checkpoint near Djibo on Tuesday, officials said. "
        "Last month, jihadists killed 40 civilians in an attack on a nearby village."
    )
    ((_, found),) = list(Extractor().extract([Document(id="lm2", text=text)]))  # no publication date
    forty = [m for m in found if any(q.value == 40 for q in m.quantities)]
    assert forty and all(m.background for m in forty)
    assert all(m.date.text for m in forty)  # "Last month" kept though nothing places it


@pytest.mark.parametrize("published", ["2025-03-22", None])
def test_the_month_a_war_broke_out_is_its_onset_not_the_news_nor_the_news_date(published):
    text = (
        "The army announced on Friday that its troops had killed more than 300 fighters from the Fano armed group "
        "during two days of clashes in the Amhara region.\n\nClashes between the army and Fano erupted in July 2023, "
        "driven by discontent over the terms of the 2022 peace agreement."
    )
    ((_, ms),) = Extractor().extract([Document(id="f", text=text, published=published)])
    onset = next(m for m in ms if m.trigger == "Clashes")
    news = next(m for m in ms if m.trigger == "killed")
    assert onset.background and not news.background and news.lead
    assert not (news.date and news.date.text == "July 2023")  # the war's month is no date of the act


def test_a_past_months_killings_beside_news_told_by_its_day_are_recalled():
    text = (
        "Gunmen killed three farmers in Kajuru on Monday, police said. "
        "Earlier this month, 33 people were killed when gunmen raided a market in Kauru."
    )
    ((_, found),) = Extractor().extract([Document(id="m", text=text, published="2024-05-15")])
    market = [m for m in found if "Earlier this month" in m.sentence and m.type == "ASSAULT"]
    assert market and all(m.background for m in market)
    assert [m for m in found if m.lead and "Monday" in m.sentence]


def test_what_an_encounter_comes_hours_after_is_recalled():
    text = (
        "Two militants were killed in an encounter with security forces near Anantnag on Tuesday. The encounter "
        "comes hours after suspected militants shot dead a 39-year-old man in Handwara on Monday evening."
    )
    ((_, found),) = Extractor().extract([Document(id="e", text=text, published="2019-05-28")])
    shot = [m for m in found if "shot dead" in m.sentence and m.type == "ASSAULT"]
    assert shot and all(m.background for m in shot)


def test_last_months_killings_are_recalled_in_an_undated_report_whose_lead_names_no_time():
    text = (
        "Israeli forces kill two Palestinians in West Bank operation\n\n"
        "Last month, the Israeli army launched several raids in Jenin, killing nine people."
    )
    ((_, found),) = Extractor().extract([Document(id="u", text=text)])  # no publication date
    last_month = [m for m in found if "Last month" in m.sentence and m.type == "ASSAULT"]
    assert last_month and all(m.background for m in last_month)


@pytest.mark.parametrize(
    "text, remembered",
    [
        ("The town marked the tenth anniversary of the massacre of 40 villagers by militiamen.", True),
        ("The commemoration for the victims of the massacre by soldiers was held on Friday.", True),
        ("Gunmen attacked a memorial service in the town on Sunday, killing five mourners.", False),
        ("On the anniversary of the massacre, gunmen attacked a village near the town.", False),
    ],
)
def test_the_acts_a_remembrance_is_of_are_background(text, remembered):
    ((_, found),) = list(Extractor().extract([Document(id="mem", text=text, published="2025-04-15")]))
    acts = [m for m in found if m.type == "ASSAULT"]
    assert acts
    assert any(m.background for m in acts) is remembered
    assert any(not m.background for m in acts) is not remembered


def test_acts_counted_as_many_up_to_now_are_background():
    text = (
        "Suspected militants stormed a village in Borno state on Saturday, killing six people. "
        "The jihadist group has carried out numerous attacks in the state."
    )
    ((_, found),) = list(Extractor().extract([Document(id="h", text=text, published="2024-03-12")]))
    many = next(m for m in found if m.trigger == "attacks")
    assert many.background and not many.lead
    assert next(m for m in found if m.lead).trigger == "killing"


def test_an_act_a_sentence_opens_as_earlier_is_recalled():
    text = (
        "Insurgents beheaded three villagers in Mucojo on Friday, residents said. "
        "Earlier, on Sunday the 22nd, the armed group attacked the main village of Macomia, killing seven people."
    )
    ((_, found),) = list(Extractor().extract([Document(id="e", text=text, published="2023-10-28")]))
    earlier = next(m for m in found if any(q.value == 7 for q in m.quantities))
    assert earlier.background and next(m for m in found if m.lead).trigger == "beheaded"
