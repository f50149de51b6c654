"""The lead event: the one act that a report's headline and first paragraph tell.

Among the mentions that happened (occurred or ongoing) and are not background, those in the
lead zone (the headline and first paragraph) come first; ACLED-coded acts before statements,
acts with a toll before those without, then confidence, then the earliest.
"""
from __future__ import annotations

from ..model import Mention

TITLE_CHARS = 200  # a first block this short is a headline: the lead zone runs on to the next block


def lead_zone_end(blocks: list[tuple[int, int]]) -> int:
    """End offset of the headline and first paragraph, from the document's (start, end) content blocks."""
    if not blocks:
        return 0
    first_start, first_end = blocks[0]
    if first_end - first_start < TITLE_CHARS and len(blocks) > 1:
        return blocks[1][1]
    return first_end


def mark_lead(mentions: list[Mention], zone_end: int) -> None:
    """Set `lead` on the one mention that best stands for the report's main event."""
    live = [m for m in mentions if m.status in ("occurred", "ongoing") and not m.background]
    if not live:
        return

    def rank(m: Mention) -> tuple:
        toll = any(q.what == "killed" for q in m.quantities)
        return m.start < zone_end, m.acled is not None, toll, round(m.confidence, 2), -m.start

    max(live, key=rank).lead = True
