"""Cleaning: main text out of HTML, and page furniture found in plain text.

Scraped text keeps its characters (offsets in the output point into the document as
read), so cleaning does not rewrite text: it returns the content blocks, the spans of
the text that later stages may read, with boilerplate lines left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .config import DATA_DIR

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
CREDIT_GAP_RE = re.compile(r"\S\s{3,}\S")  # "caption.   Photo Agency": a credit after a wide gap
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ")")


@dataclass
class Extracted:
    text: str
    title: str | None
    url: str | None
    date: str | None


@dataclass
class Block:
    """A content paragraph: text[start:end] of the document."""

    start: int
    end: int


def html_to_text(html: str) -> Extracted | None:
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
    return Extracted(text=text, title=title, url=get("url"), date=get("date"))


def _banner_vocabulary() -> tuple[set[str], list[str]]:
    spec = yaml.safe_load((DATA_DIR / "patterns" / "boilerplate.yml").read_text(encoding="utf-8"))
    return {w.lower() for w in spec["breadcrumb_words"]}, [p.lower() for p in spec["banner_phrases"]]


BREADCRUMB_WORDS, BANNER_PHRASES = _banner_vocabulary()


def words(line: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(line)]


def _similar(a: list[str], b: list[str]) -> bool:
    """Near copies: one line's words nearly all in the other (captions reworded or re-credited)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.85 and min(len(sa), len(sb)) >= 4


def _is_breadcrumb(line_words: list[str], later: list[list[str]]) -> bool:
    """'Home News <headline>': banner words in front of a line that appears again below."""
    lead = 0
    while lead < len(line_words) and line_words[lead] in BREADCRUMB_WORDS:
        lead += 1
    if lead == 0:
        return False
    rest = line_words[lead:]
    return not rest or any(other == rest for other in later)


def _is_banner(line: str, line_words: list[str]) -> bool:
    low = " ".join(line_words)
    if any(low == p or low.startswith(p + " ") and len(line_words) <= len(p.split()) + 3 for p in BANNER_PHRASES):
        return True
    return 0 < len(line_words) <= 3 and all(w in BREADCRUMB_WORDS for w in line_words)


def _is_fragment(line: str, line_words: list[str]) -> bool:
    """A short line that ends without punctuation: a menu item, tag list or credit."""
    return len(line_words) <= 5 and not line.rstrip().endswith(SENTENCE_END)


def content_blocks(text: str) -> list[Block]:
    """The lines of `text` worth reading; the first non-empty line (the title) is kept."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append((pos + lead, pos + len(raw.rstrip()), raw.strip()))
        pos += len(raw) + 1
    tokens = [words(line) for _, _, line in lines]
    drop = set()
    for i, (_, _, line) in enumerate(lines):
        w = tokens[i]
        if _is_breadcrumb(w, tokens[i + 1:]) or _is_banner(line, w):
            drop.add(i)
        elif i > 0 and (_is_fragment(line, w) or CREDIT_GAP_RE.search(line)):
            drop.add(i)
        elif len(w) <= 40 and any(_similar(w, tokens[j]) for j in range(len(lines)) if j != i and j > 0 and i > 0):
            drop.add(i)  # captions repeat; article paragraphs do not
    title_idx = next((i for i in range(len(lines)) if i not in drop), None)
    out = []
    for i, (start, end, _) in enumerate(lines):
        if i in drop:
            continue
        if i != title_idx and title_idx is not None and tokens[i] == tokens[title_idx]:
            continue  # the headline printed again above the body
        out.append(Block(start, end))
    return out
