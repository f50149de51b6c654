"""Offline geoparser: recognise place mentions, resolve them against a GeoNames-based gazetteer.

    from watchpost.geo import Geoparser
    places = Geoparser().parse(text)            # every mention, with offsets, coordinates and reasons
    place = Geoparser().resolve("Saraqeb", ["SYR"])
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from spacy.tokens import Doc

from ..model import Place
from .coherence import support
from .gazetteer import gazetteer
from .recognise import Mention, mentions, parse
from .resolve import Context, Resolver, precision

#: A first-pass winner this far ahead of the runner-up is trusted as context for the others.
CLEAR_MARGIN = 1.5


class Geoparser:
    """Find and place every toponym of a text; cheap to construct after the first (the gazetteer is shared)."""

    def __init__(self):
        self.gazetteer = gazetteer()
        self.resolver = Resolver(self.gazetteer)

    def parse(self, text: str, parsed: list[tuple[int, Doc]] | None = None, demonyms: bool = True) -> list[Place]:
        """Places mentioned in `text`, sorted by start; `parsed` reuses (offset, Doc) chunks already run through nlp.

        Demonyms ("Syrian") are returned placed at their country (reason "demonym of ..."), as toponym corpora
        annotate them; pass demonyms=False to leave them out, e.g. when choosing where an event happened.
        """
        found = mentions(text, parse(text) if parsed is None else parsed, self.gazetteer)
        if not demonyms:
            found = [m for m in found if not m.demonym]
        empty = Context()
        names = {m.key: m for m in found if not m.demonym}
        agree = support({n: [(s, c) for s, c, _ in self.resolver.rank(n, empty, m.admin)] for n, m in names.items()})
        first = self.context(found, agree=agree)
        places = self.place_all(text, found, lambda _: first, agree)
        contexts: dict[str, Context] = {}

        def without(name: str) -> Context:
            if name not in contexts:
                contexts[name] = self.context(found, places, skip=name)
            return contexts[name]

        return self.place_all(text, found, without, agree)

    def place_all(self, text: str, found: list[Mention], context: Callable[[str], Context],
                  agree: dict[str, dict[int, float]] | None = None) -> list[Place]:
        """Resolve every mention against `context(name)`; "Paris, Texas" passes Texas as the container of Paris."""
        places, done = [], {}
        for i, m in enumerate(found):
            if m.demonym:
                places.append(self.demonym(m))
                continue
            within = found[i + 1] if i + 1 < len(found) and text[m.end:found[i + 1].start] == ", " else None
            memo = (m.key, m.admin, within.key if within else None)
            if memo not in done:
                ctx = context(m.key)
                done[memo] = self.resolver.place(m.key, ctx, m.admin, within=self.resolver.place(within.key, ctx)
                                                 if within else None, agree=(agree or {}).get(m.key))
            places.append(replace(done[memo], text=m.text, start=m.start, end=m.end))
        return places

    def resolve(self, name: str, countries: list[str] | None = None) -> Place | None:
        """A bare name placed with optional context countries (ISO3); None when the gazetteer has no such name."""
        ctx = Context()
        ctx.countries.update(countries or [])
        place = self.resolver.place(name, ctx)
        return place if place.lat is not None else None

    def context(self, found: list[Mention], placed: list[Place] | None = None, skip: str | None = None,
                agree: dict[str, dict[int, float]] | None = None) -> Context:
        """The document's context: demonyms' countries, then either the names whose best reading wins clearly
        without context (first pass) or every place of a previous pass (second pass) except those named `skip`,
        so that a first guess does not vote for itself."""
        ctx, empty, seen = Context(), Context(), {}
        for i, m in enumerate(found):
            if m.key == skip:
                continue
            if m.demonym:
                if m.demonym.country:
                    ctx.countries[m.demonym.country] += 0.5
                continue
            if placed is not None:
                if placed[i].lat is not None:
                    ctx.add(placed[i])
                continue
            if (m.key, m.admin) not in seen:
                seen[m.key, m.admin] = self.resolver.rank(m.key, empty, m.admin, agree=(agree or {}).get(m.key))
            ranked = seen[m.key, m.admin]
            if ranked and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN):
                ctx.add(ranked[0][1])
        return ctx

    @staticmethod
    def demonym(m: Mention) -> Place:
        """A demonym placed at its country or continent."""
        c = m.demonym
        return Place(m.text, c.name, c.country, None, c.lat, c.lon, c.id if c.id > 0 else None, precision(c.feature),
                     c.feature, m.start, m.end, f"demonym of {c.name}")
