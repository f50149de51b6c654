"""Counts in a sentence: killed, injured, displaced, arrested, troops, vehicles; numbers that are no count are
left alone."""

from __future__ import annotations

import pytest

from watchpost.quantities import find_quantities, to_number


def counts(sentence: str) -> list[tuple[str, float, bool]]:
    return [(q.what, q.value, q.approximate) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("At least 1,250 people were killed in the fighting around Khartoum.", [("killed", 1250, True)]),
        ("Officials said 2,418 people had died since the siege began.", [("killed", 2418, False)]),
        ("Nine people died when the shell hit a bus in Kherson.", [("killed", 9, False)]),
        ("Fifty-two people were killed in the attack on the market.", [("killed", 52, False)]),
        ("Twenty-five thousand people were displaced by the floods and fighting.", [("displaced", 25000, False)]),
        ("1.5 million people have been displaced in Darfur since April.", [("displaced", 1500000, False)]),
    ],
)
def test_digits_commas_and_number_words(sentence, expected):
    assert counts(sentence) == expected


def test_nearly_a_million_displaced_is_approximate():
    (q,) = find_quantities("The fighting has left nearly 1 million people displaced across the region, the UN said.")
    assert (q.what, q.value, q.approximate) == ("displaced", 1_000_000, True)
    assert q.text == "nearly 1 million people displaced"


def test_driven_from_their_homes_is_displaced():
    assert counts("Some 40,000 residents were driven from their homes in Tigray.") == [("displaced", 40000, True)]


def test_the_dead_and_the_wounded_counted_together_are_no_toll():
    assert counts("At least eight people were killed or injured in the blast near the market.") == []
    assert counts("Twelve villagers were killed and injured when gunmen stormed the village.") == []


def test_a_datelines_year_is_no_count():
    assert counts("ISLAMABAD (AFP) Jun 05, 2025 Three soldiers were killed on Wednesday.") == [("killed", 3, False)]


def test_dozens_arrested_is_approximate():
    (q,) = find_quantities("Police in Bamako said dozens of protesters were arrested on Friday.")
    assert (q.what, q.approximate) == ("arrested", True)
    assert 12 <= q.value <= 60


def test_killed_and_injured_in_one_sentence():
    assert counts("Four soldiers were killed and 12 others injured when their convoy hit a mine near Gao.") == [
        ("killed", 4, False),
        ("injured", 12, False),
    ]
    assert counts("Twelve civilians were killed and seven wounded in the airstrike on Saada.") == [
        ("killed", 12, False),
        ("injured", 7, False),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The shelling killed 14 people in Avdiivka.", [("killed", 14, False)]),
        ("Al-Shabaab fighters stormed the base, killing 11 soldiers.", [("killed", 11, False)]),
        (
            "The army said it killed at least 30 militants and arrested dozens of others.",
            [("killed", 30, True), ("arrested", 24, True)],
        ),
        ("The blast injured 8 and killed 3.", [("injured", 8, False), ("killed", 3, False)]),
        ("Gunmen abducted 23 students from a school in Zamfara.", [("arrested", 23, False)]),
    ],
)
def test_count_after_the_verb(sentence, expected):
    assert counts(sentence) == expected


def test_troops_and_vehicles():
    assert counts("The ministry said 3,000 troops had been deployed to the border with Sudan.") == [
        ("troops", 3000, False)
    ]
    assert counts("About 40 armoured vehicles crossed into the province overnight.") == [("vehicles", 40, True)]
    assert counts("Russia moved sixty-five tanks towards Kupiansk.") == [("vehicles", 65, False)]


def test_an_outcome_wins_over_a_category():
    """'soldiers were killed' counts the dead, not the troops."""
    assert counts("Seven soldiers were killed in the ambush.") == [("killed", 7, False)]
    assert counts("Seven army soldiers, including two officers, were killed in the ambush.") == [("killed", 7, False)]
    assert counts("Some 300 soldiers, including special forces, were deployed.") == [("troops", 300, True)]
    assert counts("The airstrike resulted in the death of ten civilians.") == [("killed", 10, False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "A report claimed 1e400 killed in the blast.",
        "The village lies 40 km from the front line.",
        "The drone struck 15 kilometres north of Sanaa.",
        "Some 60 percent of residents have left the town.",
        "Prices rose 30% in a week.",
        "He was sentenced to 20 years in prison.",
        "A 12-year-old boy was among the dead.",
        "The two sides met for 3 hours.",
        "The ceasefire agreed in 2022 held for months.",
    ],
)
def test_numbers_that_are_not_counts_are_ignored(sentence):
    assert counts(sentence) == []


def test_count_before_a_date_is_not_taken_for_the_date():
    assert counts("Fighting two days ago killed five people.") == [("killed", 5, False)]


def test_offsets_point_into_the_document():
    sentence = "Officials said 17 people were killed and 40 wounded in Taiz."
    offset = 1200
    document = " " * offset + sentence
    found = find_quantities(sentence, offset)
    assert [q.text for q in found] == ["17 people were killed", "40 wounded"]
    for q in found:
        assert document[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("1,250", (1250, False)),
        ("two hundred", (200, False)),
        ("1.5 million", (1_500_000, False)),
        ("forty-one", (41, False)),
        ("dozens", (24, True)),
        ("hundreds of thousands", (200_000, True)),
        ("1e400", None),
        ("1e12", None),
        ("zillions", None),
    ],
)
def test_to_number(phrase, value):
    assert to_number(phrase) == value


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("ADEN, March 14 - Yemeni government forces clashed with Houthi fighters.", []),
        ("On 14 March troops attacked the airport.", []),
        ("Clashes on May 3 killed four people.", [("killed", 4, False)]),
        ("In 2019 troops entered the city of Sirte.", []),
        ("The 2022 offensive killed 300 soldiers.", [("killed", 300, False)]),
        ("In a 2021 attack that killed 138 people, jihadists raided the village.", [("killed", 138, False)]),
        ("Troops killed 2000 people in the assault.", [("killed", 2000, False)]),
    ],
)
def test_days_and_years_are_not_counts(sentence, expected):
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A soldier was killed and another wounded near Bakhmut.", [("killed", 1, False)]),
        ("An aid worker died of his wounds in Nyala.", [("killed", 1, False)]),
        ("A drone strike killed five people in Marib.", [("killed", 5, False)]),
        ("A fighter jet killed two men on a motorbike.", [("killed", 2, False)]),
        ("The Houthis denied shelling a displaced persons camp near Marib.", []),
    ],
)
def test_the_article_a_counts_one_only_for_a_person_it_happened_to(sentence, expected):
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The death toll from the attack on the market rose to 40, officials said.", [("killed", 40, False)]),
        ("The death toll climbed to at least 63.", [("killed", 63, True)]),
        ("At least 23 people, including seven children, were killed.", [("killed", 23, True)]),
        ("Dozens of people, most of them women, were arrested in Omdurman.", [("arrested", 24, True)]),
        (
            "The shelling killed 12 people, including 3 children.",
            [("killed", 12, False)],
        ),  # a part is not another count
        ("A 25-year-old man was killed at a checkpoint.", [("killed", 1, False)]),
    ],
)
def test_death_tolls_and_asides(sentence, expected):
    assert counts(sentence) == expected


def test_a_single_victim_named_after_the_verb_counts_one():
    (q,) = find_quantities("A roadside bomb killed a ranger and wounded four others.")[:1]
    assert (q.what, q.value) == ("killed", 1)
    assert not [
        x
        for x in find_quantities("A drone strike killed a commander's brother-in-law's plan.")
        if x.value == 1 and x.what != "killed"
    ]


@pytest.mark.parametrize(
    "text, value, limit",
    [
        ("No fewer than 12 soldiers were killed when militants attacked their base.", 12, "at least"),
        ("The shelling killed more than 20 people in the old town.", 20, "at least"),
        ("Up to 40 people may have died in the attack on the market.", 40, "at most"),
        ("Gunmen killed 20 villagers in the night.", 20, None),
    ],
)
def test_a_count_says_whether_it_is_a_floor_or_a_ceiling(text, value, limit):
    counts = [q for q in find_quantities(text) if q.what == "killed"]
    assert counts and counts[0].value == value and counts[0].bound == limit, counts


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A roadside bombing has killed a district police chief in Farah province.", [("killed", 1)]),
        ("A married couple were killed by shelling overnight.", [("killed", 2)]),
        ("Militants killed a couple and their son.", [("killed", 2)]),
        ("A couple of soldiers were wounded.", [("injured", 2)]),
        ("A Levies soldier was martyred and another injured.", [("killed", 1)]),
        ("Three policemen were martyred in the attack.", [("killed", 3)]),
    ],
)
def test_one_person_of_a_title_and_a_couple(sentence, expected):
    assert [(q.what, q.value) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    "sentence, count",
    [
        ("Three people have been beheaded in a village in the district.", 3),
        ("Insurgents beheaded five villagers on Tuesday.", 5),
        ("A village chief was beheaded.", 1),
        ("Two men were gunned down near the market.", 2),
        ("Eleven worshippers were murdered in the mosque.", 11),
        ("Four people were burnt alive in their homes.", 4),
    ],
)
def test_ways_of_killing_count_the_dead(sentence, count):
    assert [(q.what, q.value) for q in find_quantities(sentence)] == [("killed", count)]


@pytest.mark.parametrize(
    "sentence, count",
    [
        ("At least one member of the Kurdish-led Syrian Democratic Forces (SDF) was killed by ISIS gunmen.", 1),
        ("Two members of the communist New People’s Army (NPA) were killed in an encounter.", 2),
        ("The attack started at around 7am (2:30 GMT) and six police officers were killed.", 6),
    ],
)
def test_a_name_in_brackets_or_a_clock_time_does_not_cut_a_count_from_its_outcome(sentence, count):
    assert [(q.what, q.value) for q in find_quantities(sentence)] == [("killed", count)]


def test_the_lives_an_attack_took_are_its_dead():
    assert counts("It took the lives of nine Colombian soldiers and injured eighteen.")[0] == ("killed", 9, False)
    assert counts("The blast claimed the lives of 12 people.") == [("killed", 12, False)]


def test_a_part_of_a_toll_counted_elsewhere_is_no_count():
    assert counts("Twelve of the slain militants had died in an overnight clash in Kalat.") == []
    assert counts("Five of the dead were children.") == []
    assert counts("Two of the soldiers were killed.") == [("killed", 2, False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike killed a family of seven in their home on Sunday.",
        "A family of seven was killed when a shell hit their house.",
        "The drone killed the entire family of seven as they slept.",
    ],
)
def test_a_family_of_n_counts_n(sentence):
    assert [(q.what, q.value) for q in find_quantities(sentence)] == [("killed", 7)]
