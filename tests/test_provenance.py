"""Every field of an extracted mention points at the words it came from (offsets into the document)."""

from __future__ import annotations

import pytest

from watchpost.extract import Extractor
from watchpost.model import Document

ARTICLE = (
    "Houthi rebels fire missiles at Saudi border town\n"
    "\n"
    "Home World Middle East Houthi rebels fire missiles at Saudi border town\n"
    "\n"
    "Houthi rebels fired three missiles at the Saudi border town of Najran on Tuesday, wounding five civilians, "
    "the Saudi-led coalition said.\n"
    "\n"
    "The coalition said its jets had struck rebel positions in Saada province in response, "
    'and warned that it would hit "any threat" to the kingdom.\n'
    "\n"
    "Yemen's internationally recognised government and the Houthis agreed last month to hold talks in Muscat, "
    "but the rebels said on Wednesday they would not attend unless the blockade of Hodeidah port was lifted.\n"
    "\n"
    "Share this article\n"
)


@pytest.fixture(scope="module")
def mentions():
    doc = Document(id="yemen-1", text=ARTICLE, published="2024-05-16")
    ((_, found),) = list(Extractor().extract([doc]))
    return found


def test_every_span_reads_back_its_text(mentions):
    assert mentions, "the article reports events"
    for m in mentions:
        assert ARTICLE[m.start : m.end] == m.sentence
        assert ARTICLE[m.trigger_start : m.trigger_end] == m.trigger
        for actor in (m.actor1, m.actor2):
            if actor and actor.start is not None:
                assert ARTICLE[actor.start : actor.end] == actor.text
        if m.location and m.location.start is not None:
            assert ARTICLE[m.location.start : m.location.end] == m.location.text
        if m.date and m.date.char_start is not None:
            assert ARTICLE[m.date.char_start : m.date.char_end] == m.date.text
        for q in m.quantities:
            assert ARTICLE[q.start : q.end] == q.text


def test_breadcrumb_and_share_lines_give_no_event(mentions):
    furniture = [ARTICLE.index("Home World"), ARTICLE.index("Share this")]
    assert mentions, "the article reports events"
    for m in mentions:
        assert not any(m.start <= pos < m.end for pos in furniture)


def test_the_attack_is_dated_placed_and_counted(mentions):
    attack = next(m for m in mentions if m.type == "ASSAULT" and "Najran" in m.sentence)
    assert attack.status == "occurred"
    assert attack.date.start == "2024-05-14"  # Tuesday before a Thursday publication
    assert attack.location and attack.location.country == "SAU"
    assert any(q.what == "injured" and q.value == 5 for q in attack.quantities)


def test_a_refusal_under_condition_is_not_a_meeting(mentions):
    talks = [m for m in mentions if "would not attend" in m.sentence and m.type == "CONSULT"]
    assert talks, "the talks are a mention"
    assert all(m.status != "occurred" for m in talks)
