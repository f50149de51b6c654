"""The fast lemmatizer (watchpost.lemmatizer) sets exactly the lemmas spaCy's rule lemmatizer sets."""

from __future__ import annotations

import pytest
import spacy
from news import articles

from watchpost.attributes import speed_up_attribute_ruler
from watchpost.config import SPACY_MODEL
from watchpost.lemmatizer import FastLemmatizer, speed_up_lemmatizer

ODD = [  # forms whose lemma turns on POS or morphology, and exceptions set before the lemmatizer
    "The fighters were fighting; the best fighter fought better. She's been shot, they'd shelled it.",
    "Leaves fell as the army leaves. Saw a saw; felt felt. Data were lost, the media reported.",
    "Wounded men wounded nobody. Rebels' positions, the U.S.-backed forces' 3rd brigade, 1,200 dead.",
]


@pytest.fixture(scope="module")
def pipelines():
    stock, fast = spacy.load(SPACY_MODEL), spacy.load(SPACY_MODEL)
    for nlp in (stock, fast):
        speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(fast)
    return stock, fast


def test_the_fast_lemmatizer_replaces_the_stock_one(pipelines):
    stock, fast = pipelines
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    assert fast.pipe_names == stock.pipe_names


def test_lemmas_come_out_the_same_on_news_text(pipelines):
    stock, fast = pipelines
    texts = ODD + [a["text"] for a in articles(40, seed=7)]
    compared = 0
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert [(t.text, t.lemma_, t.pos_, str(t.morph)) for t in b] == [
            (t.text, t.lemma_, t.pos_, str(t.morph)) for t in a
        ]
        compared += len(a)
    assert compared > 10_000


def test_lemmas_follow_the_part_of_speech(pipelines):
    _, fast = pipelines
    found = {(t.text, t.pos_, t.lemma_) for t in fast(ODD[0] + " " + ODD[1])}
    assert {("fought", "VERB", "fight"), ("shelled", "VERB", "shell"), ("fighters", "NOUN", "fighter")} <= found
    assert ("'s", "AUX", "be") in found  # set by the attribute ruler's exceptions, kept
    assert {
        ("Leaves", "NOUN", "leaf"),
        ("leaves", "VERB", "leave"),
        ("Saw", "VERB", "see"),
        ("saw", "NOUN", "saw"),
    } <= found
