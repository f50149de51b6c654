"""The fast attribute ruler (watchpost.attributes) sets exactly what spaCy's attribute_ruler sets."""

from __future__ import annotations

import pytest
import spacy
from news import articles

from watchpost.attributes import FastAttributeRuler, speed_up_attribute_ruler
from watchpost.config import SPACY_MODEL

ODD = [  # the exceptions the tag map alone gets wrong: contractions, expletives, slang, whitespace
    "There's no doubt they ain't gonna stop: y'all know nothin' changes. Let's go, c'mon!",
    "I'd said it was him; she'd had enough of 'em, and we've been told that that's all.\n\n  It is.",
    "Those who were there said   the shelling, which   had begun once before, went on  \t till dawn.",
]


def token_attrs(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    stock, fast = spacy.load(SPACY_MODEL), spacy.load(SPACY_MODEL)
    speed_up_attribute_ruler(fast)
    return stock, fast


def test_the_fast_ruler_replaces_the_stock_one(pipelines):
    stock, fast = pipelines
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert fast.pipe_names == stock.pipe_names
    assert len(fast.get_pipe("attribute_ruler").matcher) < len(stock.get_pipe("attribute_ruler").patterns) / 10


def test_tokens_come_out_the_same_on_news_text(pipelines):
    stock, fast = pipelines
    texts = ODD + [a["text"] for a in articles(40, seed=5)]
    compared = 0
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert token_attrs(b) == token_attrs(a)
        compared += len(a)
    assert compared > 10_000


def test_the_exceptions_are_applied(pipelines):
    _, fast = pipelines
    found = {(t.text, t.lemma_, t.pos_) for t in fast(ODD[0])}
    assert {("'s", "be", "VERB"), ("'s", "us", "PRON")} <= found  # "There's" and "Let's"
    assert {
        ("gon", "go", "VERB"),
        ("na", "to", "PART"),
        ("nothin'", "nothing", "NOUN"),
        ("c'm", "come", "VERB"),
    } <= found
