"""Cleaning: page furniture left out of the content blocks, article paragraphs and offsets kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchpost.clean import Block, content_blocks

PAGE = Path(__file__).parent / "data" / "extract" / "articles" / "mali_page.txt"


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of `text`, surrounding whitespace left out."""
    return [
        (m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip()))
        for m in re.finditer(r"[^\n]+", text)
        if m.group().strip()
    ]


def kept(text: str) -> list[str]:
    """The original lines that content blocks were taken from, checking that every block lies inside one
    line and that a kept line keeps all its words (a line may be cut into blocks, e.g. a dateline)."""
    blocks = content_blocks(text)
    out = []
    for start, end in line_spans(text):
        inside = [b for b in blocks if start <= b.start < b.end <= end]
        if inside:
            words = re.findall(r"\w+", text[start:end])
            assert [w for b in inside for w in re.findall(r"\w+", text[b.start : b.end])] == words
            out.append(text[start:end])
    assert sum(len([b for b in blocks if s <= b.start < b.end <= e]) for s, e in line_spans(text)) == len(blocks)
    return out


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_scraped_page_keeps_title_and_paragraphs_only(page):
    assert kept(page) == [
        "Jihadists kill 14 soldiers in ambush in central Mali",
        "BAMAKO, May 9 - Jihadist fighters killed 14 Malian soldiers in an ambush near the town of Boni on Monday, "
        "the army said in a statement on Tuesday.",
        "The convoy was travelling between Boni and Hombori when gunmen on motorbikes opened fire, the statement said.",
        '"We heard shooting for almost two hours," a resident of Boni told Reuters by telephone.',
        "The army said reinforcements had been sent to the area.",
        "Fighting continued.",
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "Home World Africa Jihadists kill 14 soldiers",  # breadcrumb in front of the headline
        "Latest News",
        "Share this article",
        "Share on Facebook",
        "Read more",
        "Subscribe to our newsletter",
        "By Staff Reporter",
        "Mali Sahel Security",  # short verbless lines
        "REUTERS/Example Photographer",
        "Photo by Example Photographer/Reuters",  # captions with credits
    ],
)
def test_furniture_is_dropped(page, furniture):
    assert not any(furniture in line for line in kept(page))


def test_offsets_point_into_the_original_text(page):
    blocks = content_blocks(page)
    lines = line_spans(page)
    assert len(blocks) > 3, "the page has its paragraphs"
    for b in blocks:
        assert isinstance(b, Block)
        assert any(start <= b.start < b.end <= end for start, end in lines)  # inside one original line
        assert page[b.start : b.end] == page[b.start : b.end].strip()
    assert [b.start for b in blocks] == sorted(b.start for b in blocks)
    assert kept(page)[1].startswith("BAMAKO, May 9 - Jihadist fighters killed")


def test_offsets_survive_indentation_blank_lines_and_crlf():
    text = (
        "\r\n  \r\n   Clashes in Tripoli\r\n\r\n"
        "\t Militias fought with heavy weapons in southern Tripoli overnight.  \r\n"
    )
    blocks = content_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "Clashes in Tripoli",
        "Militias fought with heavy weapons in southern Tripoli overnight.",
    ]
    assert blocks[1].start == text.index("Militias")
    assert kept(text) == [text[b.start : b.end] for b in blocks]


def test_title_is_kept_even_when_short_and_verbless():
    text = "Sudan\n\nThe paramilitary Rapid Support Forces shelled a market in Omdurman on Saturday."
    assert kept(text)[0] == "Sudan"


def test_headline_printed_again_is_dropped_once():
    text = (
        "Houthis fire missile at Red Sea tanker\n"
        "Houthis fire missile at Red Sea tanker\n"
        "Yemen's Houthi rebels fired a missile at a tanker in the Red Sea on Friday, the shipping agency said."
    )
    assert kept(text) == [
        "Houthis fire missile at Red Sea tanker",
        "Yemen's Houthi rebels fired a missile at a tanker in the Red Sea on Friday, the shipping agency said.",
    ]


def test_banner_title_gives_way_to_the_real_headline():
    text = (
        "Latest News\nUkraine says drones hit fuel depot in Crimea\n"
        "A fuel depot in Sevastopol burned for hours after a drone attack, officials said."
    )
    assert kept(text)[0] == "Ukraine says drones hit fuel depot in Crimea"


def test_caption_with_wide_credit_gap_is_dropped_even_once():
    text = (
        "Fighting in Marib\n"
        "Government forces and Houthi fighters clashed south of Marib city on Sunday, military sources said.\n"
        "A fighter loyal to the government stands guard in Marib, Yemen, February 7, 2023.   REUTERS/Staff\n"
        "At least 20 fighters were killed on both sides, the sources said."
    )
    assert not any("stands guard" in line for line in kept(text))
    assert len(kept(text)) == 3


def test_caption_repeated_word_for_word_is_dropped():
    caption = "Displaced families shelter in a school in Wad Madani on December 20."
    text = (
        "Thousands flee fighting in Sudan's Gezira state\n"
        f"{caption}\n"
        "Tens of thousands of people fled Wad Madani after paramilitary fighters entered the city, the UN said.\n"
        f"{caption}\n"
        "Aid agencies suspended operations in the state."
    )
    assert caption not in kept(text)
    assert len(kept(text)) == 3


def test_paragraphs_that_restate_an_event_are_kept():
    """Two reports of two strikes share most words; they are not captions and both must reach the parser."""
    text = (
        "Russian missiles hit Odesa port\n"
        "Russian missiles struck the port of Odesa on Monday, killing three people, regional officials said.\n"
        "Grain exports through the port had resumed only last month under a deal brokered by Turkey.\n"
        "Russian missiles struck the port of Odesa again on Wednesday, killing two people, regional officials said.\n"
    )
    assert len(kept(text)) == 4


def test_short_paragraphs_that_end_a_sentence_are_kept():
    text = (
        'Ceasefire collapses in Libya\nGunmen opened fire on a checkpoint in Zawiya.\nTwo died.\n"It is over," he said.'
    )
    assert kept(text) == text.split("\n")


def test_paragraph_starting_with_a_breadcrumb_word_is_kept():
    text = (
        "Talks on Yemen\n"
        "World powers urged the warring parties to extend the truce, diplomats said.\n"
        "More than 150,000 people have been killed in the war."
    )
    assert kept(text) == text.split("\n")


def test_empty_text_has_no_blocks():
    assert content_blocks("") == []
    assert content_blocks("\n \n\t\n") == []


def test_a_line_linking_another_story_is_not_read():
    text = (
        "Gunmen kill nine in central Haiti\n\n"
        "Gunmen attacked the town on Tuesday evening, killing nine people, officials said.\n\n"
        "READ: Nearly 200 dead in capital massacre, community reportedly targeted\n\n"
        "Israeli strikes on south Lebanon kill three: ministry\n\n"
        "Residents said the attackers came from the hills: they fled at dawn."
    )
    kept = [text[b.start : b.end] for b in content_blocks(text)]
    assert not any("Nearly 200" in k or "ministry" in k for k in kept)
    assert any(k.startswith("Gunmen attacked") for k in kept) and any(k.startswith("Residents said") for k in kept)
