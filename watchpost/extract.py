"""The extraction pipeline: Documents in, (Document, [Mention]) out.

clean (content blocks) → nlp (spaCy, batched over documents) → geo (places) →
actors context → events.detect (mentions). One function per document after parsing,
no state kept between documents, so it parallelises by partition (watchpost.scale).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from .actors.dictionary import actor_dictionary
from .actors.resolve import ActorResolver, DocContext
from .config import BATCH_CHARS, BATCH_DOCS
from .events.detect import Detector
from .geo.document import CONTEXT_ROLES, document_country, roles
from .model import Document, Mention, Place
from .nlp import load, parse_texts
from .read import batches

LEMMA_CACHE = 20_000  # entries of the lemmatizer's cache (unbounded in spaCy), cleared beyond this
ZONE_STRINGS = 50_000  # new strings a run's memory zone may hold (a few tens of MB) before it is renewed

HEADLINE_CHARS = 300  # a headline longer than this is no headline; its start is enough
NOT_THE_SCENE = CONTEXT_ROLES - {"anchor"}  # 'a ceasefire in Idlib': the Y of 'X in Y' can be where the act is


def is_demonym(place: Place) -> bool:
    return (place.reason or "").startswith("demonym")


def names_an_actor(place: Place) -> bool:
    """A place name that the actor dictionary knows as a person or group ('Wagner', 'Hamas')."""
    entry = actor_dictionary().lookup(place.text)
    return entry is not None and entry.role in ("person", "group")


def group_names(parsed: list[tuple[int, Doc]]) -> list[tuple[int, int]]:
    """The character spans of the entities that name a person or group of the actor dictionary ('Islamic State of
    Iraq and the Levant'): a place named inside one is part of the name, wherever else the text names it."""
    lookup = actor_dictionary().lookup
    return [
        (offset + e.start_char, offset + e.end_char)
        for offset, doc in parsed
        for e in doc.ents
        if e.label_ in ("ORG", "PERSON") and " " in e.text and (entry := lookup(e.text)) and entry.role in ("person", "group")
    ]


def dominant_place(places: list[Place], country: str | None) -> Place | None:
    """The most mentioned sub-national place in the conflict country (ties: the first), else that country itself."""
    local = [p for p in places if p.country == country and p.lat is not None and p.feature not in ("PCLI", "PCL", "PCLS")]
    if not local:
        return next((p for p in places if p.country == country and p.lat is not None), None)
    counts = Counter(p.name for p in local)
    best = max(local, key=lambda p: (counts[p.name], -p.start))
    return best


def protagonist(parsed: list[tuple[int, Doc]]) -> str | None:
    """The first country named in the headline (the first block): whose side the story tells."""
    if not parsed:
        return None
    lookup = actor_dictionary().lookup
    for ent in parsed[0][1].ents:
        entry = lookup(ent.text)
        if entry and entry.country and entry.role in ("country", "capital", "demonym", "person"):
            return entry.country
    return None


TITLE_NAME = re.compile(r"\b[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?")


def title_countries(title: str | None) -> tuple[str, ...]:
    """The countries a headline names by name, demonym or capital ('Soldiers killed in Mali', 'Somali troops
    ...'): context for the places of a text that may not name its country again."""
    if not title:
        return ()
    lookup, found = actor_dictionary().lookup, []
    for m in TITLE_NAME.finditer(title[:HEADLINE_CHARS]):
        for name in (m.group(), m.group().split()[0]):
            entry = lookup(name)
            if entry and entry.role in ("country", "demonym", "capital") and entry.country:
                found.append(entry.country)
                break
    return tuple(dict.fromkeys(found))


class Extractor:
    """Runs the pipeline; build one per process (the models load once)."""

    def __init__(self) -> None:
        from .geo import Geoparser

        self.nlp = load()
        self.geoparser = Geoparser()
        self.zone: ExitStack | None = None  # the open memory zone of a run (Extractor.stream)
        self.zone_base = 0  # the vocabulary's size when that zone opened

    def parse(self, docs: list[Document]) -> list[list[tuple[int, Doc]]]:
        """Content blocks of several documents through one nlp.pipe call (nlp.parse_texts)."""
        return parse_texts([d.text for d in docs], self.nlp)

    def headline(self, title: str, parsed: list[tuple[int, Doc]]) -> Doc:
        """A headline parsed on demand: only a lead that names no doer reads it (`Detector.perpetrator`). A text that
        opens with its headline (as a page's text does: watchpost.clean) has it parsed already as its first block."""
        head = title[:HEADLINE_CHARS]
        if parsed and parsed[0][1].text == head.strip():
            return parsed[0][1]
        return self.nlp(head)

    def mentions(self, doc: Document, parsed: list[tuple[int, Doc]]) -> list[Mention]:
        """Event mentions of one parsed document."""
        told = title_countries(doc.title)
        named = self.geoparser.parse(doc.text, parsed, countries=told)
        groups = group_names(parsed)
        named = [p for p in named if not names_an_actor(p) and not any(a <= p.start and p.end <= b for a, b in groups)]
        # "Wagner" the group, not the town in Brazil; not the "Iraq" of "Islamic State of Iraq and the Levant"
        tags = roles(doc.text, named)  # borders, speakers' places, datelines, bases and containers are context
        country = document_country(named, tags) or (told[0] if len(told) == 1 else None)
        places = [p for p, t in zip(named, tags) if not is_demonym(p) and t not in NOT_THE_SCENE]  # "Russian warplanes"
        # do not place an event in Russia, nor "told reporters in Mogadishu" in Mogadishu
        ctx = DocContext(conflict_country=country, protagonist=protagonist(parsed))
        filed_in = next((p for p, t in zip(named, tags) if t == "dateline" and p.precision == 1), None)
        detector = Detector(doc.id, doc.text, doc.published, places, ActorResolver(ctx), dominant_place(places, country),
                            anchor_reason=doc.published_reason, title=doc.title,
                            parse_headline=partial(self.headline, parsed=parsed), filed_in=filed_in)
        return detector.run(parsed)

    def extract(self, docs: Iterable[Document], on_error: Callable[[Document, Exception], None] | None = None
                ) -> Iterator[tuple[Document, list[Mention]]]:
        """(document, its mentions) for each document, parsed in batches bounded by count and characters.

        A document that breaks a stage is reported through `on_error` (default: stderr) with no
        mentions; the others go on (a batch that fails to parse is parsed again one by one).
        The batches parse in the run's spaCy memory zone (Extractor.stream): the strings and lexemes of
        unseen words are freed after the run, or sooner in a long one, so memory does not grow.
        """
        report = on_error or report_error
        with self.stream():
            for batch in batches(docs, BATCH_DOCS, BATCH_CHARS):
                self.renew_zone()
                try:
                    parsed_batch = self.parse(batch)
                except Exception:  # noqa: BLE001 - find the culprit below, document by document
                    parsed_batch = [None] * len(batch)
                for doc, parsed in zip(batch, parsed_batch):
                    try:
                        found = self.mentions(doc, parsed if parsed is not None else self.parse([doc])[0])
                    except Exception as exc:  # one bad document must not stop the stream  # noqa: BLE001
                        report(doc, exc)
                        found = []
                    yield doc, found
                self.trim_lemma_cache()

    @contextmanager
    def stream(self) -> Iterator[None]:
        """One spaCy memory zone for a run, shared by the extract calls inside it (Pipeline.run holds one for
        its batches): the strings and lexemes of unseen words live until the run ends, or until the zone
        holds ZONE_STRINGS of them and is renewed between batches. A word that recurs in a stream is looked
        up once, not once per batch, and a long run does not grow (mentions hold plain strings)."""
        if self.zone is not None:  # inside a run already
            yield
            return
        with ExitStack() as self.zone:
            self.zone.enter_context(self.nlp.memory_zone())
            self.zone_base = len(self.nlp.vocab.strings)
            try:
                yield
            finally:
                self.zone = None

    def renew_zone(self) -> None:
        """Free the run's zone and open a fresh one once it holds ZONE_STRINGS strings (between batches: no
        parse of the last one is still held)."""
        if len(self.nlp.vocab.strings) - self.zone_base > ZONE_STRINGS:
            self.zone.close()
            self.zone.enter_context(self.nlp.memory_zone())
            self.zone_base = len(self.nlp.vocab.strings)

    def trim_lemma_cache(self) -> None:
        """Empty the lemmatizer's cache once it holds LEMMA_CACHE entries (it only saves recomputation)."""
        lemmatizer = self.nlp.get_pipe("lemmatizer")
        if len(lemmatizer.cache) > LEMMA_CACHE:
            lemmatizer.clear()


def report_error(doc: Document, exc: Exception) -> None:
    print(f"error in {doc.origin or doc.id}: {type(exc).__name__}: {exc}; no events extracted", file=sys.stderr)
