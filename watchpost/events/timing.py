"""The time words of a sentence: its DATE and TIME entities, days joined by "and", the time words the tagger
leaves out ("overnight"), and the dateline a report opens with, which dates the report, not the event.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

TIME_WORDS = {"overnight", "yesterday", "today", "tonight"}


def time_expressions(sent: Span) -> list[Span]:
    """DATE and TIME entities, two days joined into one ('on Sunday and Monday'), and the time words the
    tagger leaves out ('overnight')."""
    ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME") and not in_dateline(e, sent)]
    out, used = [], set()
    for e in ents:
        if e.start in used:
            continue
        pair = next(
            (
                f
                for f in ents
                if f.start > e.end and f.start - e.end == 1 and sent.doc[e.end].lower_ in ("and", "or", "to")
            ),
            None,
        )
        if pair is not None:
            used.add(pair.start)
            out.append(sent.doc[e.start : pair.end])
        else:
            out.append(e)
    inside = {i for e in ents for i in range(e.start, e.end)}
    out += [sent.doc[t.i : t.i + 1] for t in sent if t.lower_ in TIME_WORDS and t.i not in inside]
    return out


DATELINE_TOKENS = 14  # a dateline is shorter than this
AGENCIES = r"(?:AP|AFP|Reuters|dpa|Xinhua|IANS|UPI|Anadolu|PTI|ANI|NAN|PNA|Bernama|Kyodo|TASS|EFE|Lusa|KUNA|WAM|SPA)"
DATELINE_RE = re.compile(
    r"^[^\w(]*(?:\(\w[^)]{0,40}\)\s*)?[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}(?:, [A-Z][\w .]{1,30})?"
    r"(?:, \w{3,9}\.? \d{1,2}(?:,? \d{4})?)?\s*(?:\([^)]{1,40}\))?\s*(?:(?:--|[-\u2013:])\s|\u2014\s?)"
    r"|^[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}(?:, \w{3,9}\.? \d{1,2}(?:,? \d{4})?)?"
    rf"\s*\({AGENCIES}\)\s+(?:\w{{3,9}}\.? \d{{1,2}},? \d{{4}}\s+)?"
)  # an em dash may touch the next word ("KHAR, Pakistan\u2014A government official says"); a wire agency's
# bracket ends a dateline too ("Cotonou, June 5 (AFP) Three soldiers ..."), with the day it may give after it
# ("ISLAMABAD (AFP) Jun 05, 2025 Three soldiers ...")


def dateline_length(text: str) -> int:
    """Characters of a dateline opening the sentence ('BEIRUT, Oct 14 (Reuters) - ', 'MIRAMSHAH: '), else 0."""
    m = DATELINE_RE.match(text)
    return m.end() if m else 0


def opens_dateline(token: Token) -> bool:
    """Whether a token lies in the dateline that opens its sentence ('KHAR, Pakistan—A government official says':
    the parse makes KHAR a subject of 'says')."""
    doc = token.doc
    if not any(doc[k].is_sent_start or k == 0 for k in range(token.i, max(-1, token.i - DATELINE_TOKENS - 1), -1)):
        return False  # deeper into its sentence than any dateline reaches (read without building the sentence)
    sent = token.sent
    return token.idx - sent.start_char < dateline_length(sent.text)


def in_dateline(ent: Span, sent: Span) -> bool:
    """'BEIRUT, Oct 14 (Reuters) -', 'November 4 (ANI/Xinhua):': the report's date, not the event's."""
    doc = sent.doc
    return (
        ent.start - sent.start <= 8
        and ent.end < len(doc)
        and doc[ent.end].text in ("(", "-", "\u2014", "\u2013", ":", "--")
    )
