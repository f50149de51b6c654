"""The event detector on its own (watchpost.events.detect.Detector): one parsed sentence in, its mentions out,
with the places handed to it (no geoparser), and each field's words found at its offsets in the text.
The sentences are written for this test."""
from __future__ import annotations

from watchpost.actors.resolve import ActorResolver, DocContext
from watchpost.events.detect import Detector
from watchpost.model import REAL_STATUSES, Place
from watchpost.nlp import parse_text

PUBLISHED = "2025-06-12"  # a Thursday
TOWNS = {"Kafr Nabl": ("SYR", 35.61, 36.56), "Gao": ("MLI", 16.27, -0.04), "Dakar": ("SEN", 14.69, -17.44)}


def place_in(text: str, name: str) -> Place:
    country, lat, lon = TOWNS[name]
    start = text.index(name)
    return Place(text=name, name=name, country=country, admin1=None, lat=lat, lon=lon, start=start,
                 end=start + len(name))


def detect(text: str, places: list[Place] | None = None, conflict_country: str | None = "SYR"):
    """The mentions of `text`, placed only among `places` (by default every town of TOWNS the text names)."""
    if places is None:
        places = [place_in(text, name) for name in TOWNS if name in text]
    detector = Detector("t1", text, PUBLISHED, places, ActorResolver(DocContext(conflict_country=conflict_country)))
    return detector.run(parse_text(text))


SHELLING = "Government troops shelled the village of Kafr Nabl on Monday, killing four civilians, local medics said."


def test_a_shelling_is_one_assault_with_every_field_read_from_its_words():
    found = detect(SHELLING)
    assert len(found) == 1, [(m.type, m.trigger) for m in found]
    (m,) = found
    assert (m.type, m.mode, m.status) == ("ASSAULT", "heavy-weapons", "occurred")
    assert (m.doc_id, m.index, m.event_id) == ("t1", 0, "t1:0")
    assert SHELLING[m.start:m.end] == m.sentence == SHELLING
    assert SHELLING[m.trigger_start:m.trigger_end] == m.trigger
    assert (m.actor1.text, m.actor1.kind, m.actor1.country) == ("Government troops", "MIL", "SYR")
    assert SHELLING[m.actor1.start:m.actor1.end] == "Government troops"
    assert (m.actor2.text, m.actor2.kind) == ("four civilians", "CVL")
    assert m.location.text == "Kafr Nabl" and SHELLING[m.location.start:m.location.end] == "Kafr Nabl"
    assert (m.date.start, m.date.end, m.date.text) == ("2025-06-09", "2025-06-09", "Monday")  # the Monday before
    assert SHELLING[m.date.char_start:m.date.char_end] == "Monday"
    assert [(q.what, q.value) for q in m.quantities] == [("killed", 4)]
    assert all(SHELLING[q.start:q.end] == q.text for q in m.quantities)
    assert m.acled == {"event_type": "Explosions/Remote violence",
                       "sub_event_type": "Shelling/artillery/missile attack"}


def test_the_detector_places_events_only_where_it_is_told():
    assert detect(SHELLING, places=[])[0].location is None
    unplaced = Place(text="Kafr Nabl", name=None, country=None, admin1=None, lat=None, lon=None,
                     start=SHELLING.index("Kafr Nabl"), end=SHELLING.index("Kafr Nabl") + 9)
    assert detect(SHELLING, places=[unplaced])[0].location is None  # a name without coordinates places nothing


def test_unnamed_forces_belong_to_the_conflict_country():
    assert detect(SHELLING)[0].actor1.country == "SYR"
    in_mali = detect(SHELLING.replace("Kafr Nabl", "Gao"), conflict_country="MLI")[0]
    assert (in_mali.actor1.kind, in_mali.actor1.country) == ("MIL", "MLI")
    assert in_mali.location.country == "MLI"


def test_a_threat_is_made_and_the_attack_only_threatened():
    text = "The militia threatened to attack the airport in Gao if the talks fail."
    found = detect(text, conflict_country="MLI")
    by_type = {m.type: m for m in found}
    assert set(by_type) == {"THREATEN", "ASSAULT"}, [(m.type, m.trigger) for m in found]
    assert (by_type["THREATEN"].status, by_type["THREATEN"].trigger) == ("occurred", "threatened")
    assert (by_type["ASSAULT"].status, by_type["ASSAULT"].trigger) == ("threatened", "attack")
    assert by_type["ASSAULT"].date.start >= PUBLISHED  # a threatened act lies ahead
    assert by_type["ASSAULT"].actor1.text == "The militia"
    assert not [m for m in found if m.type == "ASSAULT" and m.status in REAL_STATUSES]


def test_a_denied_bombing_is_denied_not_occurred():
    text = "The army denied bombing the market in Gao on Tuesday."
    (m,) = detect(text, conflict_country="MLI")
    assert (m.type, m.trigger, m.status) == ("ASSAULT", "bombing", "denied")
    assert m.status not in REAL_STATUSES
    assert m.date.start == "2025-06-10" and m.location.text == "Gao"


def test_a_sentence_without_an_act_gives_no_mention():
    assert detect("The weather in the capital was mild on Sunday, and shops stayed open late.") == []


def test_arrests_and_a_march_are_coerce_and_protest():
    arrests = "Police arrested twelve protesters outside parliament on Wednesday."
    (m,) = detect(arrests)
    assert (m.type, m.mode, m.status, m.actor1.text) == ("COERCE", "arrest", "occurred", "Police")
    assert [(q.what, q.value) for q in m.quantities] == [("arrested", 12)]
    assert m.date.start == "2025-06-11"
    march = "Hundreds of students marched through Dakar on Saturday to demand lower fees."
    found = detect(march, conflict_country="SEN")
    protest = next(m for m in found if m.type == "PROTEST")
    assert (protest.trigger, protest.status, protest.actor1.kind) == ("marched", "occurred", "CVL")
    assert protest.location.text == "Dakar" and protest.date.start == "2025-06-07"


def test_offsets_count_from_the_start_of_the_document_across_blocks():
    text = "Clashes in Syria\n\nResidents said the night was quiet.\n\n" + SHELLING
    found = [m for m in detect(text) if m.type == "ASSAULT"]
    assert found, "the shelling in the third block is found"
    m = found[0]
    assert m.start == text.index(SHELLING) and text[m.start:m.end] == SHELLING
    assert text[m.trigger_start:m.trigger_end] == m.trigger
    assert text[m.actor1.start:m.actor1.end] == m.actor1.text
    assert [x.index for x in detect(text)] == list(range(len(detect(text))))


def killed(mention) -> list[tuple[int, str]]:
    return [(q.value, q.text) for q in mention.quantities if q.what == "killed"]


def test_a_toll_told_as_a_list_of_counted_victims_is_their_sum():
    (ambush,) = detect("A gang ambush near Gao killed five officers, three suspects and two bystanders on Thursday.")
    assert killed(ambush) == [(10, "five officers, three suspects and two bystanders")]
    (clash,) = detect("A soldier and two militants were killed in a clash near Gao on Tuesday, police said.")
    assert [v for v, _ in killed(clash)] == [3]
    (raid,) = detect("Gunmen killed 12 villagers and two soldiers near Gao on Monday.")
    assert [(q.what, q.value) for q in raid.quantities] == [("killed", 14)]  # "two soldiers" is no troop count


def test_a_list_with_an_uncounted_part_or_a_partition_is_not_summed():
    (raid,) = detect("Gunmen killed 12 villagers and soldiers near Gao on Monday.")
    assert [v for v, _ in killed(raid)] == [12]
    (bombing,) = detect("A suicide bomber killed 11 people, including three children, in Gao on Friday.")
    assert [v for v, _ in killed(bombing)] == [11]


def test_an_act_told_again_by_its_noun_keeps_the_weapon_it_was_told_with():
    text = (
        "Government drones struck the village of Kafr Nabl on Monday night. The strike killed four civilians, "
        "including a child, local medics said."
    )
    killing = next(m for m in detect(text) if any(q.what == "killed" for q in m.quantities))
    assert killing.mode == "drone"
