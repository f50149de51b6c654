"""The data model every stage reads and writes (DESIGN.md, "Data model"), one package:

- `mention`: Document, and the Mention one document tells of an event, with its Actor, Place,
  DateSpan and Quantity parts; the type, status and actor-kind vocabularies.
- `event`: Report (a mention with what merging needs of its document) and Event (the reports
  of one real-world event, and the summary the store keeps of them).
- `agreement`: Agreement (a ceasefire, truce, de-escalation zone or exchange) and Change (one
  step of its life).

Import from here: `from watchpost.model import Event, Mention`.
"""
from .agreement import Agreement, Change
from .event import Event, Report, family, status_class
from .mention import (
    KINDS,
    PLOVER_TYPES,
    REAL_STATUSES,
    STATUSES,
    Actor,
    DateSpan,
    Dispute,
    Document,
    Mention,
    Place,
    Quantity,
    flat,
)

__all__ = [
    "KINDS", "PLOVER_TYPES", "REAL_STATUSES", "STATUSES", "Actor", "Agreement", "Change", "DateSpan", "Dispute",
    "Document", "Event", "Mention", "Place", "Quantity", "Report", "family", "flat", "status_class",
]
