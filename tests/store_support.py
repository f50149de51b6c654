"""Shared test support for the store, merge and ingest tests: mention builders, a rule-based
stand-in extractor and a throwaway PostgreSQL server (no tests here)."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

from watchpost.model import Actor, DateSpan, Document, Mention, Place, Quantity

PLACES = {
    "Saraqib": Place("Saraqib", "Saraqib", "SYR", "Idlib", 35.86, 36.80, precision=1),
    "Nayrab": Place("Nayrab", "Nayrab", "SYR", "Idlib", 35.84, 36.72, precision=1),
    "Aleppo": Place("Aleppo", "Aleppo", "SYR", "Aleppo", 36.20, 37.16, precision=1),
}
ACTORS = {
    "rebels": Actor("rebels", "Syrian rebels", "SYR", "REB"),
    "troops": Actor("government troops", "Syrian Armed Forces", "SYR", "MIL"),
    "Turkey": Actor("Turkey", "Turkey", "TUR", "GOV"),
}


def mention(
    doc_id: str,
    index: int = 0,
    type: str = "ASSAULT",
    status: str = "occurred",
    place: str | None = "Saraqib",
    day: str | None = "2020-02-20",
    actors: tuple[str, ...] = ("rebels", "troops"),
    killed: float | None = None,
    sentence: str = "Rebels attacked government troops.",
) -> Mention:
    """A Mention as the extractor would produce it, with named test actors and places."""
    return Mention(
        doc_id=doc_id,
        index=index,
        type=type,
        mode=None,
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"} if type == "ASSAULT" else None,
        status=status,
        sentence=sentence,
        start=0,
        end=len(sentence),
        trigger="attacked",
        trigger_start=7,
        trigger_end=15,
        actor1=ACTORS[actors[0]] if actors else None,
        actor2=ACTORS[actors[1]] if len(actors) > 1 else None,
        location=PLACES[place] if place else None,
        date=DateSpan(day, day, day, "day") if day else None,
        quantities=[Quantity("killed", killed, False, f"{killed} killed")] if killed is not None else [],
    )


class RuleExtractor:
    """Stands in for watchpost.extract.Extractor: one ASSAULT per sentence with 'attack' and a
    known place; 'N killed' gives a count. Enough to exercise storage and merging."""

    def extract(self, docs):
        for doc in docs:
            found = []
            for m in re.finditer(r"[^.\n]*attack[^.\n]*\.", doc.text):
                place = next((p for p in PLACES if p in m.group(0)), None)
                if not place:
                    continue
                killed = re.search(r"(\d+) (?:people |soldiers )?(?:were )?killed", doc.text)
                found.append(
                    mention(
                        doc.id,
                        len(found),
                        place=place,
                        day=doc.published,
                        killed=float(killed.group(1)) if killed else None,
                        sentence=m.group(0),
                    )
                )
            yield doc, found


def documents(n: int, prefix: str = "doc") -> list[Document]:
    """n distinct short reports, one attack each, three days apart, in rotating places."""
    places = list(PLACES)
    first = dt.date(2020, 3, 1)
    return [
        Document(
            id=f"{prefix}{i:03d}",
            title=f"Report {i}",
            published=(first + dt.timedelta(days=3 * i)).isoformat(),
            text=f"Report {i}\nRebels attack troops near {places[i % 3]}. {i % 7} killed. "
            f"Witnesses counted {i * 13 % 97} vehicles and {i * 7 % 31} houses. Unique token tok{i}x{i * 3}.",
        )
        for i in range(n)
    ]


def find_initdb() -> str | None:
    found = shutil.which("initdb") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)), None
    )
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: str, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`watchpost serve` over `db` on a free local port; yields the process and its base URL."""
    import httpx

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "watchpost", "serve", "--db", db, "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.1)
        yield server, base
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            server.wait(30)


def children(pid: int) -> list[int]:
    """The processes `pid` started (a server's workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found
