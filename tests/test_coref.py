"""In-document coreference (watchpost/events/coref.py): one mention per event in a sentence, words kept. Sentences
written for these tests."""

from __future__ import annotations

from watchpost.extract import Extractor
from watchpost.model import Document


def extract(text: str):
    ((_, found),) = list(Extractor().extract([Document(id="c", text=text, published="2024-05-10")]))
    assert found, "no mentions"
    return found


def test_one_event_told_by_two_words_is_one_mention_with_the_gravest_reading():
    found = extract(
        "Security forces killed at least 70 insurgents while recapturing the port town of Mocimboa da Praia."
    )
    violent = [m for m in found if m.type == "ASSAULT"]
    assert len(violent) == 1
    assert violent[0].acled["sub_event_type"] == "Government regains territory"


def test_an_anaphoric_noun_without_news_is_no_new_mention():
    found = extract("Gunmen killed five farmers near Jos on Sunday. The attack was condemned by the governor.")
    assert len([m for m in found if m.type == "ASSAULT"]) == 1


def test_a_later_sentence_lends_the_actor_of_the_same_act():
    found = extract(
        "Houthi rebels shelled the town of Hays on Monday. The shelling killed three civilians, medics said."
    )
    shelling = [m for m in found if m.type == "ASSAULT" and m.actor1 is not None]
    assert shelling and all("Houthi" in m.actor1.name for m in shelling)


def test_an_act_told_again_gives_its_first_telling_its_place_and_day():
    text = (
        "Two soldiers were killed in a clash with rebels in the central province, the military said on Thursday. "
        "The military said the fighting, which broke out on Wednesday in a town in Negros Occidental province, "
        "lasted about one hour."
    )
    (lead,) = [m for m in extract(text) if m.lead]
    assert lead.location is not None and "Negros Occidental" in lead.location.name
    assert lead.date.text == "Wednesday"


def test_an_earlier_act_told_again_leaves_the_news_where_it_is():
    text = (
        "Gunmen abducted six students early on Thursday from a school in Kaduna state, police said. "
        "The kidnapping recalled the abduction of 276 schoolgirls from the town of Chibok in 2014."
    )
    (lead,) = [m for m in extract(text) if m.lead]
    assert lead.location is not None and lead.location.name != "Chibok"


def test_an_earlier_act_with_its_own_toll_is_its_own_mention():
    text = (
        "Security forces on Thursday killed 10 more militants in the tribal district, following last night's "
        "clashes that left 23 fighters dead."
    )
    found = extract(text)
    (lead,) = [m for m in found if m.lead]
    assert [q.value for q in lead.quantities if q.what == "killed"] == [10]
    assert any(q.value == 23 for m in found if not m.lead for q in m.quantities)


def test_an_act_told_as_the_cause_of_deaths_is_the_same_act():
    text = "Four people were killed and three wounded following a cattle raid on a camp in the county on Wednesday."
    (lead,) = [m for m in extract(text) if m.lead]
    assert lead.date.text == "Wednesday" and [q.value for q in lead.quantities if q.what == "killed"] == [4]


def test_an_act_dated_to_a_week_takes_the_day_its_retelling_names():
    text = (
        "Ten soldiers were killed earlier this week in an ambush near Bankilare, the army said on Wednesday. "
        "The ambush was carried out on Monday afternoon near the border, the army said."
    )
    ((_, found),) = list(Extractor().extract([Document(id="wk", text=text, published="2025-02-06")]))
    (lead,) = [m for m in found if m.lead]
    assert (lead.date.start, lead.date.end, lead.date.precision) == ("2025-02-03", "2025-02-03", "day")
