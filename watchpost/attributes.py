"""An exact, faster stand-in for spaCy's attribute_ruler (a sixth of en_core_web_sm's time).

en_core_web_sm's attribute_ruler maps every fine tag to its coarse POS and morphology and then
fixes exceptions ("'s" is a form of "be", "that" with no noun is a PRON): 179 pattern groups,
each tried by spaCy's Matcher on every token. All but 3 are patterns of one or two tokens over
LOWER, TAG, DEP and IS_SPACE with literal values; here they are filed in a dictionary under their
first token's most selective literal, and the rest of each is checked on the tokens' values. The
3 others (regexes: "nothin'", "y'all", "ain't") stay with a Matcher, which runs only on a text
where the words they open with can stand. Every group's attributes are then set in group order,
later groups winning, as the attribute_ruler does, so tokens come out the same
(tests/test_attributes.py compares the two) at a fraction of the cost (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

COLUMNS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
POSITION = {name: i for i, name in enumerate(COLUMNS)}  # of each attribute in a row of Doc.to_array
KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")  # a pattern is filed under the accepted values of the first it tests
Test = tuple[int, bool, frozenset[int]]  # (column, must be in / must not be in, string hashes or 0/1)
Filed = tuple[int, int, list[Test], list[tuple[int, list[Test]]]]  # (group, index, first token's tests, later ones')


def value_set(nlp: Language, value: Any) -> tuple[bool, frozenset[int]] | None:
    """A pattern value as (inclusive, hashes): a string, an IN or NOT_IN list, a boolean; None for others (REGEX)."""
    strings = nlp.vocab.strings
    if isinstance(value, bool):
        return True, frozenset([int(value)])
    if isinstance(value, str):
        return True, frozenset([strings.add(value)])
    if isinstance(value, dict) and len(value) == 1:
        ((op, items),) = value.items()
        if op in ("IN", "NOT_IN"):
            return op == "IN", frozenset(strings.add(v) for v in items)
    return None


def token_tests(nlp: Language, token: dict[str, Any]) -> dict[str, tuple[bool, frozenset[int]]] | None:
    """A pattern token's tests by attribute, or None when one is not a literal test of LOWER/TAG/DEP/IS_SPACE."""
    if set(token) - set(COLUMNS):
        return None
    sets = {attr: value_set(nlp, value) for attr, value in token.items()}
    return None if any(v is None for v in sets.values()) else sets


def compile_pattern(nlp: Language, pattern: list[dict[str, Any]]) -> tuple[str, frozenset[int], list, list] | None:
    """A literal pattern as (key attribute of its first token, the key's accepted hashes, the first token's other
    tests, [(offset, tests) of each later token]); None when the Matcher must handle it (a REGEX, another
    attribute, a first token with no literal to file it under)."""
    tokens = [token_tests(nlp, t) for t in pattern]
    if any(t is None for t in tokens):
        return None
    first = tokens[0]
    key = next((a for a in KEYS if a in first and first[a][0]), None)  # the most selective
    if key is None:
        return None
    tests = [(POSITION[a], inclusive, hashes) for a, (inclusive, hashes) in first.items() if a != key]
    later = [(k, [(POSITION[a], inc, hashes) for a, (inc, hashes) in t.items()]) for k, t in enumerate(tokens[1:], 1)]
    return key, first[key][1], tests, later


def text_gate(pattern: list[dict[str, Any]]) -> str | None:
    """A regex that any text holding a match of the pattern contains: the LOWER literals or regexes of its tokens, as
    far as they go ("ai" then "n't"), spaces allowed between; None when its first token tests no LOWER."""
    parts = []
    for token in pattern:
        lower = token.get("LOWER")
        if isinstance(lower, str):
            parts.append(re.escape(lower))
        elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
            parts.append("(?:" + "|".join(re.escape(w) for w in lower["IN"]) + ")")
        elif isinstance(lower, dict) and isinstance(lower.get("REGEX"), str):
            parts.append("(?:" + lower["REGEX"].removeprefix("^").removesuffix("$") + ")")
        else:
            break
    return r"\s*".join(parts) or None


def passes(row: list[int], tests: list[Test]) -> bool:
    return all((row[c] in hashes) == inclusive for c, inclusive, hashes in tests)


class FastAttributeRuler:
    """Sets token attributes from attribute_ruler pattern groups (the `patterns` property of one)."""

    def __init__(self, nlp: Language, name: str, patterns: list[dict[str, Any]]):
        self.name = name
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.filed: list[dict[int, list[Filed]]] = [{} for _ in KEYS]  # by key column: hash -> patterns filed there
        gates: list[str | None] = []
        for group, spec in enumerate(patterns):
            self.attrs.append(normalize_token_attrs(nlp.vocab, spec["attrs"]))
            self.indices.append(spec.get("index", 0))
            compiled = [compile_pattern(nlp, p) for p in spec["patterns"]]
            if any(c is None for c in compiled):
                self.matcher.add(str(group), spec["patterns"])
                gates += [text_gate(p) for p in spec["patterns"]]
                continue
            for (key, hashes, tests, later), pattern in zip(compiled, spec["patterns"]):
                index = self.indices[-1] if self.indices[-1] >= 0 else len(pattern) + self.indices[-1]
                for h in hashes:
                    self.filed[POSITION[key]].setdefault(h, []).append((group, index, tests, later))
        self.gate = (  # a text none of whose words can open a Matcher pattern needs no Matcher
            None if None in gates else re.compile(r"(?<![^\W_])(?:" + "|".join(f"(?:{g})" for g in gates) + r")", re.I)
        )

    def __call__(self, doc: Doc) -> Doc:
        filed, none = self.filed, ()
        hits: set[tuple[int, int]] = set()  # (group, token index)
        rows = doc.to_array(list(COLUMNS.values())).tolist()
        for i, row in enumerate(rows):
            for column, by_hash in enumerate(filed):
                for group, index, tests, later in by_hash.get(row[column], none):
                    if passes(row, tests) and all(i + k < len(rows) and passes(rows[i + k], t) for k, t in later):
                        hits.add((group, i + index))
        if self.gate is None or self.gate.search(doc.text):
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
