"""What the command line shows a person at a terminal: tables of events and mentions, counts
with their nouns agreeing, and the summary of a store that `watchpost serve` opens with.

Only for people: piped output and `--format jsonl` never come here (CONTRACT.md)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import Document, Mention

if TYPE_CHECKING:
    from .store import Store

MAX_ROWS = 1000  # rows of one table on a terminal; more is for --format jsonl or --output
STATUS_STYLES = {"occurred": "bold", "ongoing": "bold", "planned": "cyan", "threatened": "yellow",
                 "denied": "magenta", "hypothetical": "dim"}
IRREGULAR = {"copy": "copies", "story": "stories", "agreement": "agreements"}


def plural(n: int, noun: str) -> str:
    """'1 document', '2 documents', '1 near copy', '3 near copies'."""
    if n == 1:
        return f"{n} {noun}"
    head, _, last = noun.rpartition(" ")
    return f"{n} {head + ' ' if head else ''}{IRREGULAR.get(last, last + 's')}"


def console() -> Console:
    """Standard output for people; rich wraps tables to the terminal's width."""
    return Console(highlight=False, soft_wrap=False)


def days(start: str | None, end: str | None, precision: str | None) -> str:
    """A date span in few characters: '2020-03-07', '2020-03-02…08' (a week), '2019-12' (a month),
    '2019' (a year); '~' before a span whose precision is unknown (a default window)."""
    if not start:
        return ""
    if precision == "month" and start[:7] == (end or start)[:7]:
        return start[:7]
    if precision == "year" and start[:4] == (end or start)[:4]:
        return start[:4]
    if not end or end == start:
        text = start
    elif end[:7] == start[:7]:
        text = f"{start}…{end[8:]}"
    else:
        text = f"{start}…{end}"
    return f"~{text}" if precision == "unknown" else text


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def dyad(actor1: str | None, actor2: str | None) -> str:
    if actor1 and actor2:
        return f"{actor1} → {actor2}"
    return actor1 or (f"→ {actor2}" if actor2 else "")


def deaths(low: int | None, high: int | None) -> str:
    if low is None:
        return ""
    return str(low) if high in (None, low) else f"{low}–{high}"


def kind(type_: str, sub_type: str | None) -> Text:
    """The PLOVER type, then the ACLED sub-event type (or PLOVER mode) in a quieter style."""
    out = Text(type_, style="bold")
    if sub_type:
        out.append(f" {sub_type}", style="dim")
    return out


def table(title: str | None, last: str = "sources") -> Table:
    grid = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    grid.add_column("date", min_width=14, overflow="fold")
    grid.add_column("type / sub-type", min_width=8, overflow="fold")
    grid.add_column("status", no_wrap=True)
    grid.add_column("actor 1 → actor 2", min_width=10, overflow="fold")
    grid.add_column("place", min_width=8, overflow="fold")
    grid.add_column("deaths", justify="right", no_wrap=True)
    grid.add_column(last, min_width=8, overflow="fold")
    return grid


def place(name: str | None, admin1: str | None, country: str | None, precision: int | None) -> str:
    """'Saraqib, Idlib, SYR'; a place known only to its province or country says so."""
    parts = [p for i, p in enumerate((name, admin1, country)) if p and (i == 0 or p != name)]
    text = ", ".join(parts)
    return f"{text} (area)" if text and precision == 3 else text


def print_events(events: list[dict[str, Any]], out: Console | None = None) -> None:
    """Stored events (Store.query_events) as one table, at most MAX_ROWS rows."""
    out = out or console()
    grid = table(None)
    for e in events[:MAX_ROWS]:
        names = sorted({s["source"] or s["doc_id"] for s in e["sources"]})
        grid.add_row(days(e["date_start"], e["date_end"], e["date_precision"]),
                     kind(e["type"], e["acled_sub_event_type"] or e["mode"]), status_text(e["status"]),
                     dyad(e["actor1"], e["actor2"]), place(e["location"], e["admin1"], e["country"], e["geo_precision"]),
                     deaths(e["fatalities"], e["fatalities_max"]), ", ".join(names))
    out.print(grid)
    if len(events) > MAX_ROWS:
        out.print(f"… and {len(events) - MAX_ROWS:,} more: --format jsonl, or --output FILE, gives them all", style="dim")


def print_mentions(doc: Document, mentions: Iterable[Mention], out: Console | None = None) -> None:
    """One document's event mentions as a table titled with the document."""
    out = out or console()
    mentions = list(mentions)
    title = f"{doc.id}" + (f" · {doc.title}" if doc.title else "") + f" · {plural(len(mentions), 'event mention')}"
    if not mentions:
        out.print(title, style="dim")
        return
    grid = table(title, "event word")
    for m in mentions:
        killed = [int(q.value) for q in m.quantities if q.what == "killed" and q.value is not None]
        loc = m.location
        grid.add_row(days(m.date.start, m.date.end, m.date.precision) if m.date else "",
                     kind(m.type, (m.acled or {}).get("sub_event_type") or m.mode), status_text(m.status),
                     dyad(m.actor1.name or m.actor1.text if m.actor1 else None, m.actor2.name or m.actor2.text if m.actor2 else None),
                     place(loc.name, loc.admin1, loc.country, loc.precision) if loc else "",
                     str(sum(killed)) if killed else "", m.trigger)
    out.print(grid)


def store_summary(store: Store) -> str:
    """What a store holds, in one paragraph: documents, events (and how many the dashboard shows
    at first), stories, agreements and their violations."""
    from .agreements.report import list_agreements
    from .store import EventFilter

    n = store.counts()
    real = store.count_events(EventFilter())  # the default statuses: occurred and ongoing
    agreements = list_agreements(store)
    observed, accused = sum(a["observed"] for a in agreements), sum(a["accused"] for a in agreements)
    return (f"{plural(n['documents'], 'document')}, {plural(n['events'], 'event')} "
            f"({real} occurred or ongoing, which the dashboard shows first; its status buttons add the rest), "
            f"{plural(n['stories'], 'story')}, {plural(len(agreements), 'agreement')} "
            f"with {observed} observed and {accused} accused {'violation' if observed + accused == 1 else 'violations'}")
