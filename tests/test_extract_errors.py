"""One document that breaks the pipeline is reported; the rest of its batch still comes out."""

from __future__ import annotations

import pytest

from watchpost.model import Document

GOOD = "Rebels attacked an army post near Kidal on Monday, killing three soldiers."


def docs():
    return [Document(id=f"d{i}", text=GOOD, published="2024-03-07") for i in range(3)] + [
        Document(id="poison", text="POISON " + GOOD, published="2024-03-07")
    ]


def test_a_failing_document_is_reported_and_the_others_extracted(extractor, monkeypatch):
    real = extractor.mentions

    def breaking(doc, parsed, *rest):
        if doc.id == "poison":
            raise RuntimeError("boom")
        return real(doc, parsed, *rest)

    monkeypatch.setattr(extractor, "mentions", breaking)
    errors = []
    out = list(extractor.extract(docs(), on_error=lambda doc, exc: errors.append((doc.id, str(exc)))))
    assert [d.id for d, _ in out] == ["d0", "d1", "d2", "poison"]
    assert errors == [("poison", "boom")]
    assert all(found for d, found in out if d.id != "poison")


def test_a_batch_that_fails_to_parse_is_parsed_one_by_one(extractor, monkeypatch):
    real = extractor.parse

    def parse(batch):
        if any(d.id == "poison" for d in batch):
            raise ValueError("parser refused the poison document")
        return real(batch)

    monkeypatch.setattr(extractor, "parse", parse)
    errors = []
    out = {doc.id: found for doc, found in extractor.extract(docs(), on_error=lambda doc, exc: errors.append(doc.id))}
    assert errors == ["poison"]
    assert all(out[f"d{i}"] for i in range(3))


def test_possessive_pronouns_that_point_at_each_other_end(extractor):
    text = (
        "Officials of its army said its members of their units told its commanders of their brigades "
        "that they attacked."
    )
    errors = []
    ((_, found),) = list(
        extractor.extract(
            [Document(id="loop", text=text, published="2020-01-01")],
            on_error=lambda doc, exc: errors.append(type(exc).__name__),
        )
    )
    assert errors == []
    assert [m.type for m in found] == ["ASSAULT"]


def test_a_long_run_keeps_no_strings_of_the_words_it_read(extractor, monkeypatch):
    """Memory zones: the unseen names of each batch leave the vocabulary; mentions keep them as text."""
    import watchpost.extract as extract

    monkeypatch.setattr(extract, "BATCH_DOCS", 4)
    monkeypatch.setattr(extract, "LEMMA_CACHE", 50)
    strings = extractor.nlp.vocab.strings
    list(extractor.extract([Document(id="warm", text="Gunmen attacked a village near Kandahar on Monday.")]))
    before = len(strings)
    docs = [
        Document(
            id=f"d{i}",
            published="2021-05-03",
            text=f"Gunmen attacked the Zarqh{i}ovi checkpoint near Kandahar on Monday, killing {i + 2} "
            f"soldiers, said Qorvatsk{i}, a local official.",
        )
        for i in range(12)
    ]
    found = dict((doc.id, mentions) for doc, mentions in extractor.extract(docs))
    assert len(strings) == before
    assert "Zarqh7ovi" not in strings
    assert len(extractor.nlp.get_pipe("lemmatizer").cache) <= 50
    assert all(found[d.id] for d in docs)
    assert "Zarqh7ovi checkpoint" in found["d7"][0].sentence


@pytest.mark.parametrize("limit, kept", [(50_000, True), (0, False)])
def test_a_run_keeps_its_words_across_batches_until_its_zone_is_full(extractor, monkeypatch, limit, kept):
    """Extractor.stream: a name read in the first batch is still known while the third parses (no second lookup),
    unless the zone holds more than ZONE_STRINGS new strings; either way the run leaves none behind."""
    import watchpost.extract as extract

    monkeypatch.setattr(extract, "BATCH_DOCS", 2)
    monkeypatch.setattr(extract, "ZONE_STRINGS", limit)
    strings = extractor.nlp.vocab.strings
    before = len(strings)
    texts = [f"Gunmen attacked Vyrzhal{i}ka near Kandahar." for i in range(6)]
    docs = [Document(id=f"d{i}", published="2021-05-03", text=t) for i, t in enumerate(texts)]
    seen = {}
    for doc, _ in extractor.extract(docs):
        seen[doc.id] = "Vyrzhal0ka" in strings
    assert seen["d5"] is kept
    assert seen["d0"] is True
    assert len(strings) == before
