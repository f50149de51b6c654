"""Cleaning: main text out of HTML, and page furniture found in plain text.

Scraped text keeps its characters (offsets in the output point into the document as
read), so cleaning does not rewrite text: it returns the content blocks, the spans of
the text that later stages may read, with boilerplate lines left out.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

import yaml

from .config import DATA_DIR

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
CREDIT_GAP_RE = re.compile(r"\S\s{3,}\S")  # "caption.   Photo Agency": a credit after a wide gap
CREDIT_RE = re.compile(r"\b(?:photo|picture|image|credit)\b|[^\W\d_]/[^\W\d_]", re.IGNORECASE)  # "Photo by X/Reuters"
DATELINE_RE = re.compile(  # "ADEN, March 14 (Reuters) - " / "KYIV (AP) — "
    r"([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)?(?:, \d{4})?(?: \([A-Za-z .]+\))?)\s*[-–—]+\s+")
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ")")
SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'”’)]*\s+")
SPACE_RE = re.compile(r"\s+")
#: A line that links another story: its label ("READ: Nearly 200 dead in Haiti massacre", "ALSO READ | ..."), or a
#: headline closed by its source and no full stop ("Israeli strikes on south Lebanon kill three: ministry").
LINK_LINE_RE = re.compile(
    r"^(?:also\s+)?(?:read|related|see\s+also|watch|listen|more)(?:\s+(?:more|also|this))?\s*[:|\u2013\u2014-]\s+\S"
    r"|^[^.!?:]{10,150}:\s+[a-z]+(?:\s[a-z]+)?$",
    re.IGNORECASE,
)
MAX_BLOCK_CHARS = 2_000  # one block for the parser: a longer line is cut (spaCy batches blocks; memory grows with them)
SIMILAR_BUDGET = 2_000_000  # line pairs looked at for repeated captions in one document


@dataclass
class PageText:
    """The main text of an HTML page, with the title, URL and date found in its markup."""

    text: str
    title: str | None
    url: str | None
    date: str | None


@dataclass
class Block:
    """A content paragraph: text[start:end] of the document."""

    start: int
    end: int


def html_to_text(html: str) -> PageText | None:
    """Main text of a web page by trafilatura (boilerplate, scripts and menus dropped)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    except Exception:  # trafilatura raises assorted errors on hostile markup  # noqa: BLE001
        return None
    if result is None:
        return None
    get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
    text = get("text")
    if not text:
        return None
    title = get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return PageText(text=text, title=title, url=get("url"), date=get("date"))


def _banner_vocabulary() -> tuple[set[str], list[str]]:
    spec = yaml.safe_load((DATA_DIR / "patterns" / "boilerplate.yml").read_text(encoding="utf-8"))
    return {w.lower() for w in spec["breadcrumb_words"]}, [p.lower() for p in spec["banner_phrases"]]


BREADCRUMB_WORDS, BANNER_PHRASES = _banner_vocabulary()


def words(line: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(line)]


def _similar(a: list[str], b: list[str]) -> bool:
    """Near copies: one line's words nearly all in the other (captions reworded or re-credited)."""
    return _similar_sets(set(a), set(b))


def _similar_sets(sa: set[str], sb: set[str]) -> bool:
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.85 and min(len(sa), len(sb)) >= 4


def _needed(m: int) -> int:
    """The fewest shared words that make a line of m distinct words similar to a longer one."""
    return next(n for n in range(m + 1) if n / m >= 0.85)


class _NearCopies:
    """Which lines have a near copy (`_similar`) among the other lines after the first.

    Comparing every pair is quadratic, which a hostile page of 100,000 short lines turns into
    hours. Lines are indexed by their words instead (prefix filtering: a similar pair must share
    one of the rarest few words of its shorter line), which gives the same answer as the pairwise
    test; a budget on the candidates looked at bounds the work on adversarial text, after which
    the remaining lines are kept.
    """

    def __init__(self, tokens: list[list[str]], budget: int = SIMILAR_BUDGET):
        self.sets = [set(t) for t in tokens]
        self.budget = budget
        freq: Counter[str] = Counter(w for i, s in enumerate(self.sets) if i > 0 and len(s) >= 4 for w in s)
        self.full: dict[str, list[int]] = defaultdict(list)  # word -> lines holding it
        self.prefix: dict[str, list[int]] = defaultdict(list)  # word -> lines holding it among their rarest
        self.rarest: dict[int, list[str]] = {}
        for i, s in enumerate(self.sets):
            if i == 0 or len(s) < 4:
                continue
            ordered = sorted(s, key=lambda w: (freq[w], w))
            self.rarest[i] = ordered[: len(s) - _needed(len(s)) + 1]
            for w in s:
                self.full[w].append(i)
            for w in self.rarest[i]:
                self.prefix[w].append(i)

    def __call__(self, i: int) -> bool:
        if i not in self.rarest:
            return False
        si = self.sets[i]
        seen = {i}
        # a longer (or equal) line shares one of this line's rarest words; a shorter one holds
        # one of this line's words among its own rarest
        probes = [(self.full, self.rarest[i]), (self.prefix, si)]
        for index, probe_words in probes:
            for w in probe_words:
                for j in index.get(w, ()):
                    if j in seen:
                        continue
                    seen.add(j)
                    self.budget -= 1
                    if self.budget < 0:
                        return False
                    if _similar_sets(si, self.sets[j]):
                        return True
        return False


def _caption_like(line: str) -> bool:
    """A photo caption rather than a paragraph: a credit, or no sentence end."""
    return not line.rstrip().endswith(SENTENCE_END) or bool(CREDIT_GAP_RE.search(line) or CREDIT_RE.search(line))


def _is_breadcrumb(line_words: list[str], appears_after: Callable[[tuple[str, ...]], bool]) -> bool:
    """'Home News <headline>': banner words in front of a line that appears again below."""
    lead = 0
    while lead < len(line_words) and line_words[lead] in BREADCRUMB_WORDS:
        lead += 1
    if lead == 0:
        return False
    rest = line_words[lead:]
    return not rest or appears_after(tuple(rest))


def _is_banner(line: str, line_words: list[str]) -> bool:
    low = " ".join(line_words)
    if any(low == p or low.startswith(p + " ") and len(line_words) <= len(p.split()) + 3 for p in BANNER_PHRASES):
        return True
    return 0 < len(line_words) <= 3 and all(w in BREADCRUMB_WORDS for w in line_words)


def _is_fragment(line: str, line_words: list[str]) -> bool:
    """A short line that ends without punctuation: a menu item, tag list or credit."""
    return len(line_words) <= 5 and not line.rstrip().endswith(SENTENCE_END)


def content_blocks(text: str) -> list[Block]:
    """The lines of `text` worth reading; the first non-empty line (the title) is kept.

    A line longer than MAX_BLOCK_CHARS is handed on in pieces cut between sentences (or words),
    so that no block exceeds what the parser takes in bounded memory.
    """
    lines, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append((pos + lead, pos + len(raw.rstrip()), raw.strip()))
        pos += len(raw) + 1
    tokens = [words(line) for _, _, line in lines]
    last_at = {tuple(t): i for i, t in enumerate(tokens)}  # where each line's words appear last
    repeated = _NearCopies(tokens)
    copies = Counter(tuple(t) for t in tokens[1:])
    drop = set()
    for i, (_, _, line) in enumerate(lines):
        w = tokens[i]
        if _is_breadcrumb(w, lambda rest: last_at.get(rest, -1) > i) or _is_banner(line, w):
            drop.add(i)
        elif i > 0 and (_is_fragment(line, w) or CREDIT_GAP_RE.search(line) or LINK_LINE_RE.search(line)):
            drop.add(i)
        elif len(w) <= 40 and repeated(i) and (copies[tuple(w)] > 1 or _caption_like(line)):
            drop.add(i)  # captions repeat; article paragraphs that restate an event are kept
    title_idx = next((i for i in range(len(lines)) if i not in drop), None)
    out = []
    for i, (start, end, _) in enumerate(lines):
        if i in drop:
            continue
        if i != title_idx and title_idx is not None and tokens[i] == tokens[title_idx]:
            continue  # the headline printed again above the body
        dateline = DATELINE_RE.match(text, start, end)
        if dateline:  # "ADEN, March 14 (Reuters) - ...": the dateline parses apart from the sentence
            out.append(Block(start, start + len(dateline.group(1))))
            start += dateline.end() - start
        out.extend(_pieces(text, start, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int, limit: int = MAX_BLOCK_CHARS) -> Iterator[Block]:
    """text[start:end] as blocks of at most `limit` characters, cut after a sentence or a word."""
    while end - start > limit:
        window = text[start + limit // 2 : start + limit]
        cut = None
        for cut in SENTENCE_BREAK_RE.finditer(window):
            pass
        if cut is None:
            for cut in SPACE_RE.finditer(window):
                pass
        stop = start + limit // 2 + cut.end() if cut is not None else start + limit
        a, b = _trim(text, start, stop)
        if b > a:
            yield Block(a, b)
        start, end = _trim(text, stop, end)
    if end > start:
        yield Block(start, end)
