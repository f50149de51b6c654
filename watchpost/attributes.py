"""An exact, faster stand-in for spaCy's attribute_ruler (a sixth of en_core_web_sm's time).

en_core_web_sm's attribute_ruler maps every fine tag to its coarse POS and morphology and then
fixes exceptions ("'s" is a form of "be", "that" with no noun is a PRON): 179 pattern groups,
each tried by spaCy's Matcher on every token. All but 11 are one-token patterns over LOWER,
TAG, DEP and IS_SPACE with literal values; here they are filed in a dictionary under their
most selective literal and the rest of each is checked on the token's values. The 11 others
(regexes, several tokens, whitespace) stay with a Matcher. Every group's attributes are then set
in group order, later groups winning, as the attribute_ruler does, so tokens come out the same
(tests/test_attributes.py compares the two) at a fifth of the cost (benchmarks/RESULTS.md).
"""
from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

COLUMNS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
POSITION = {name: i for i, name in enumerate(COLUMNS)}  # of each attribute in a row of Doc.to_array
KEYS = ("LOWER", "TAG", "DEP")  # a pattern is filed under the accepted values of the first of these it tests
Test = tuple[int, bool, frozenset[int]]  # (column, must be in / must not be in, string hashes or 0/1)


def value_set(nlp: Language, value: Any) -> tuple[bool, frozenset[int]] | None:
    """A pattern value as (inclusive, hashes): a string, an IN or NOT_IN list, a boolean; None for others (REGEX)."""
    strings = nlp.vocab.strings
    if isinstance(value, bool):
        return True, frozenset([int(value)])
    if isinstance(value, str):
        return True, frozenset([strings.add(value)])
    if isinstance(value, dict) and len(value) == 1:
        (op, items), = value.items()
        if op in ("IN", "NOT_IN"):
            return op == "IN", frozenset(strings.add(v) for v in items)
    return None


def compile_token(nlp: Language, token: dict[str, Any]) -> tuple[str, frozenset[int], list[Test]] | None:
    """A one-token pattern as (key attribute, its accepted hashes, the other tests), or None when the
    Matcher must handle it (a REGEX, an attribute other than TAG/LOWER/DEP/IS_SPACE, no literal key)."""
    if set(token) - set(COLUMNS):
        return None
    sets = {attr: value_set(nlp, value) for attr, value in token.items()}
    if any(v is None for v in sets.values()):
        return None
    key = next((a for a in KEYS if a in sets and sets[a][0]), None)  # the most selective
    if key is None:
        return None
    tests = [(POSITION[a], inclusive, hashes) for a, (inclusive, hashes) in sets.items() if a != key]
    return key, sets[key][1], tests


class FastAttributeRuler:
    """Sets token attributes from attribute_ruler pattern groups (the `patterns` property of one)."""

    def __init__(self, nlp: Language, name: str, patterns: list[dict[str, Any]]):
        self.name = name
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.filed: dict[tuple[int, int], list[tuple[int, list[Test]]]] = {}  # (key column, hash) -> (group, tests)
        for group, spec in enumerate(patterns):
            self.attrs.append(normalize_token_attrs(nlp.vocab, spec["attrs"]))
            self.indices.append(spec.get("index", 0))
            one_token = all(len(p) == 1 for p in spec["patterns"]) and self.indices[-1] in (0, -1)
            compiled = [compile_token(nlp, p[0]) for p in spec["patterns"]] if one_token else [None]
            if any(c is None for c in compiled):
                self.matcher.add(str(group), spec["patterns"])
                continue
            for key, hashes, tests in compiled:
                for h in hashes:
                    self.filed.setdefault((POSITION[key], h), []).append((group, tests))

    def __call__(self, doc: Doc) -> Doc:
        filed, none = self.filed, ()
        hits: set[tuple[int, int]] = set()  # (group, token index)
        for i, row in enumerate(doc.to_array(list(COLUMNS.values())).tolist()):
            for column in range(len(KEYS)):
                for group, tests in filed.get((column, row[column]), none):
                    if all((row[c] in hashes) == inclusive for c, inclusive, hashes in tests):
                        hits.add((group, i))
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
            group = int(strings[match_id])
            index = self.indices[group]
            hits.add((group, (start if index >= 0 else end) + index))
        for group, i in sorted(hits):
            set_token_attrs(doc[i], self.attrs[group])
        return doc


@Language.factory("watchpost_attribute_ruler", default_config={"patterns": []})
def make_fast_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    return FastAttributeRuler(nlp, name, patterns)


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Replace the pipeline's attribute_ruler by a FastAttributeRuler with its patterns."""
    patterns = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "watchpost_attribute_ruler", config={"patterns": patterns})
