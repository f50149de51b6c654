"""The `watchpost` command line: a thin layer over the library (see CONTRACT.md)."""
from __future__ import annotations

import json
import sys
from typing import Iterable, Iterator

import click

from .model import Document
from .read import Skipped, read_inputs, valid_date
from .terminal import plural


class Inputs:
    """Reads the documents of a command, reporting skipped items on stderr and counting them."""

    def __init__(self, paths: Iterable[str], published: str | None):
        self.paths = list(paths)
        self.published = published
        self.read = 0
        self.skipped: list[Skipped] = []
        self.seen = None  # a feeds.FeedState: feed items and archived pages read by earlier runs are passed over

    def __iter__(self) -> Iterator[Document]:
        for item in read_inputs(self.paths, self.published, self.seen):
            if isinstance(item, Skipped):
                self.skipped.append(item)
                click.echo(item.message(), err=True)
            else:
                self.read += 1
                yield item

    def finish(self) -> None:
        """Print the summary and exit 1 when anything was skipped (CONTRACT.md)."""
        click.echo(f"{plural(self.read, 'document')} read, {len(self.skipped)} skipped", err=True)
        sys.exit(1 if self.skipped else 0)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and valid_date(value) is None:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form")
    return value


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def for_people(fmt: str | None, output: str | None = None) -> bool:
    """Whether to print a table: asked for, or no format given and standard output is a terminal
    (piped output stays JSON lines, as CONTRACT.md fixes it)."""
    return fmt == "table" or (fmt is None and output is None and sys.stdout.isatty())


def existing_db(db: str | None) -> str:
    """The database a read command opens: --db, else $WATCHPOST_DB, else watchpost.db. A SQLite
    file that is not there is a usage error (exit 2), never an empty database made on the spot."""
    from pathlib import Path

    from .config import DEFAULT_DB

    db = db or DEFAULT_DB
    if "://" not in db and not Path(db).is_file():
        raise click.BadParameter(f"no database at {db!r}: run `watchpost ingest FILES --db {db}` first "
                                 "(or give --db, or set $WATCHPOST_DB)", param_hint="--db")
    return db


inputs_arg = click.argument("inputs", nargs=-1, required=True)
published_opt = click.option("--published", callback=check_date, help="Publication date (YYYY-MM-DD) for documents that carry none.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="watchpost")
def main() -> None:
    """Watchpost: conflict news in, trustworthy event data out."""


@main.command()
@inputs_arg
@published_opt
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]),
              help="jsonl (the default when standard output is not a terminal) or table (the default on a terminal).")
@click.option("--explain", is_flag=True, help="Add place candidates and reasons to each event.")
@click.option("--background", "with_background", is_flag=True,
              help="Also write the background mentions (a war's toll, its history, earlier acts a report recalls), "
                   "marked \"background\": true.")
def extract(inputs: tuple[str, ...], published: str | None, fmt: str | None, explain: bool,
            with_background: bool) -> None:
    """One JSON line per event mention in the INPUT documents (a table per document on a terminal); a
    report's background is not its news and is written only with --background."""
    from .extract import Extractor

    source = Inputs(inputs, published)
    if for_people(fmt):
        from .terminal import console, print_mentions

        out = console()
        for doc, mentions in Extractor().extract(source):
            print_mentions(doc, mentions, out)
    else:
        for _doc, mentions in Extractor().extract(source):
            for mention in mentions:
                if with_background or not mention.background:
                    emit(mention.to_json(explain=explain))
    source.finish()


@main.command()
@inputs_arg
@published_opt
@click.option("--explain", is_flag=True, help="Add the candidates and the reason for each resolution.")
def geoparse(inputs: tuple[str, ...], published: str | None, explain: bool) -> None:
    """One JSON line per place mention in the INPUT documents."""
    from .config import BATCH_CHARS, BATCH_DOCS
    from .extract import Extractor
    from .geo import repeated
    from .read import batches

    source = Inputs(inputs, published)
    extractor = Extractor()  # cleaned and parsed as `watchpost extract` does (Extractor.parse)
    for batch in batches(source, BATCH_DOCS, BATCH_CHARS):
        for doc, parsed in zip(batch, extractor.parse(batch)):
            for place in repeated(doc.text, parsed, extractor.geoparser.parse(doc.text, parsed)):
                emit(place.contract_json(doc.id, explain=explain))
    source.finish()


@main.command()
@inputs_arg
@published_opt
def stories(inputs: tuple[str, ...], published: str | None) -> None:
    """One JSON line per document: its story cluster and the earlier document it copies, if any."""
    from .merge.stories import annotate

    source = Inputs(inputs, published)
    docs = list(source)
    annotate(docs)
    for doc in docs:
        emit({"doc_id": doc.id, "story_id": doc.story_id, "duplicate_of": doc.duplicate_of})
    source.finish()


db_opt = click.option("--db", default=None, help="SQLite file or postgresql:// address (default: $WATCHPOST_DB or watchpost.db).")


@main.command()
@inputs_arg
@published_opt
@db_opt
@click.option("--batch-size", default=32, show_default=True, help="Documents per transaction.")
@click.option("--workers", type=click.IntRange(min=1), help="Extract on a local Dask cluster of N processes.")
@click.option("--scheduler", help="Extract on a running Dask cluster (tcp://HOST:PORT).")
@click.option("--partitions", type=click.Path(file_okay=False), help="With --workers/--scheduler: keep the workers' "
              "Parquet partitions here (a folder the workers can write); default: a temporary folder.")
@click.option("--watch", "rules_file", type=click.Path(exists=True, dir_okay=False),
              help="Watch rules (YAML) to check once the documents are stored.")
def ingest(inputs: tuple[str, ...], published: str | None, db: str | None, batch_size: int,
           workers: int | None, scheduler: str | None, partitions: str | None, rules_file: str | None) -> None:
    """Extract the INPUT documents and store them, their mentions, merged events and stories;
    feeds and web archives (.rss .atom .xml .warc .warc.gz) give only the items not read before.
    Then bring agreements and their violations up to date, and check the --watch rules."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .config import DEFAULT_DB
    from .pipeline import Pipeline
    from .read.feeds import FeedState
    from .store import Store

    rules = watch_rules(rules_file) if rules_file else []
    source = Inputs(inputs, published)
    columns = (SpinnerColumn(), TextColumn("{task.completed} documents"), TextColumn("{task.fields[rate]:.1f} docs/s"),
               TextColumn("{task.fields[events]} events"), TimeElapsedColumn())
    with Store.open(db or DEFAULT_DB) as store, Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=None, rate=0.0, events=0)
        source.seen = FeedState(store)

        def progress(stats, n: int) -> None:
            bar.advance(task, n)
            elapsed = bar.tasks[task].elapsed or 1e-9
            bar.update(task, rate=bar.tasks[task].completed / elapsed, events=stats.events_new)

        if workers or scheduler:
            from .scale import connect, parallel_ingest

            with connect(workers, scheduler) as client:
                stats = parallel_ingest(store, source, client, batch_size, partitions, progress, feeds=source.seen)
        else:
            stats = Pipeline(store, batch_size=batch_size, feeds=source.seen).run(source, progress)
        counts = store.counts()
    skipped = ", ".join(f"{n} {why}" for why, n in stats.skipped.items()) or "none"
    click.echo(f"stored {plural(stats.documents, 'document')} ({plural(stats.duplicates, 'near copy')}), "
               f"{plural(stats.mentions, 'mention')}, {plural(stats.events_new, 'new event')}; not stored: {skipped}; "
               f"database now holds {plural(counts['documents'], 'document')}, {plural(counts['events'], 'event')}, "
               f"{plural(counts['stories'], 'story')}", err=True)
    if source.seen.passed:
        click.echo(f"{plural(source.seen.passed, 'feed item')} already read", err=True)
    follow_up(db or DEFAULT_DB, rules)
    source.finish()


def watch_rules(path: str) -> list:
    """The rules of a watch file, or a usage error saying what is wrong with it."""
    from .filters import resolve_near
    from .watch import RuleError, load_rules

    try:
        return load_rules(path, resolve_near)
    except RuleError as exc:
        raise click.BadParameter(str(exc), param_hint="RULES") from exc


def follow_up(db: str, rules: list) -> None:
    """Re-derive agreements and violations from the store, then check the watch rules."""
    from .agreements.link import update
    from .store import Store
    from .watch import Watcher

    with Store.open(db) as store:
        found = update(store)
        click.echo(f"agreements: {found['agreements']} ({found['detected']} read from reports), "
                   f"{found['observed']} observed and {plural(found['accused'], 'accused violation')}", err=True)
        if rules:
            fired = Watcher(store).run(rules)
            click.echo(f"{plural(fired['alerts'], 'new alert')}, {fired['pending']} undelivered", err=True)


@main.command()
@click.argument("rules_file", metavar="RULES", type=click.Path(exists=True, dir_okay=False))
@db_opt
def watch(rules_file: str, db: str | None) -> None:
    """Check the watch RULES (YAML) against the events stored since each rule last ran: every
    new matching event alerts once, to stdout, a JSONL file or a local webhook."""
    follow_up(existing_db(db), watch_rules(rules_file))


@main.group()
def agreements() -> None:
    """Ceasefires, truces, zones and exchanges: declared in YAML or read from stored reports."""


@agreements.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_opt
def agreements_add(files: tuple[str, ...], db: str | None) -> None:
    """Declare the agreements of YAML FILES (see watchpost/data/agreements/README.md) and link
    their violations; prints each as a JSON line."""
    from .agreements import declare, report, storage
    from .config import DEFAULT_DB
    from .store import Store

    try:
        found = [a for path in files for a in declare.load_file(path)]
    except declare.AgreementError as exc:
        raise click.BadParameter(str(exc), param_hint="FILES") from exc
    with Store.open(db or DEFAULT_DB) as store, store.transaction():
        storage.write(store, found, {})
    follow_up(db or DEFAULT_DB, [])
    declared = {a.id for a in found}
    with Store.open(db or DEFAULT_DB) as store:
        for row in report.list_agreements(store):
            if row["id"] in declared:
                emit(row)


@agreements.command("list")
@db_opt
def agreements_list(db: str | None) -> None:
    """One JSON line per stored agreement: parties, period, status and violation counts."""
    from .agreements import report
    from .store import Store

    with Store.open(existing_db(db)) as store:
        for row in report.list_agreements(store):
            emit(row)


@agreements.command("show")
@click.argument("agreement_id")
@db_opt
def agreements_show(agreement_id: str, db: str | None) -> None:
    """One agreement as JSON: parties and clients, sources, timeline, violations by party, map."""
    from .agreements import report
    from .store import Store

    with Store.open(existing_db(db)) as store:
        detail = report.agreement_detail(store, agreement_id)
    if detail is None:
        raise click.BadParameter(f"no agreement {agreement_id!r}", param_hint="AGREEMENT_ID")
    emit(detail)


@main.command()
@db_opt
@click.option("--type", "types", multiple=True, help="PLOVER type (repeatable).")
@click.option("--status", default="real", show_default=True, help="occurred/ongoing ('real'), one status, or 'all'.")
@click.option("--actor", help="Substring of either actor's name.")
@click.option("--country", help="ISO3 code of the place or of either actor.")
@click.option("--since", callback=check_date, help="Events ending on or after this date.")
@click.option("--until", callback=check_date, help="Events starting on or before this date.")
@click.option("--near", help="A place name (resolved by the geoparser) or 'LAT,LON'.")
@click.option("--radius-km", default=50.0, show_default=True)
@click.option("--bbox", help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
@click.option("--source", help="A document id or source name behind the event.")
@click.option("--min-sources", type=click.IntRange(1, 10**9), default=1, show_default=True)
@click.option("--lead", is_flag=True, help="Only events that a document's headline and first paragraph report.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet", "plover", "table"]),
              help="jsonl when standard output is not a terminal or --output is given, else table.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of standard output.")
def events(db: str | None, types: tuple[str, ...], status: str, actor: str | None, country: str | None,
           since: str | None, until: str | None, near: str | None, radius_km: float, bbox: str | None,
           source: str | None, min_sources: int, lead: bool, fmt: str | None, output: str | None) -> None:
    """Stored, merged events with the source mentions behind each: a table on a terminal, JSON
    lines (or --format) otherwise. By default only occurred and ongoing events (--status all: every one)."""
    from .export import write
    from .filters import numbers, resolve_near
    from .store import REAL_STATUSES, EventFilter, Store

    if fmt == "table" and output:
        raise click.UsageError("--format table is for the terminal: give another --format with --output")
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet writes binary data: give --output FILE")
    statuses = {"real": REAL_STATUSES, "all": None}.get(status, (status,))
    filters = EventFilter(types=types, statuses=statuses, actor=actor, country=country, since=since, until=until,
                          near=parsed(resolve_near, near, hint="--near") if near else None, radius_km=radius_km,
                          bbox=parsed(numbers, bbox, 4, "--bbox", hint="--bbox") if bbox else None, source=source, min_sources=min_sources,
                          lead=lead)
    with Store.open(existing_db(db)) as store:
        found = store.query_events(filters)
    if for_people(fmt, output):
        from .terminal import print_events

        print_events(found)
    elif output:
        with open(output, "wb") as out:
            write(found, fmt or "jsonl", out)
    else:
        write(found, fmt or "jsonl", sys.stdout.buffer)
    shown = " (occurred or ongoing: --status all gives every status)" if status == "real" else ""
    click.echo(f"{plural(len(found), 'event')}{shown}", err=True)


def parsed(call, *args, hint: str):
    """Run a watchpost.filters parser; its refusal is a usage error (exit 2) naming the option."""
    try:
        return call(*args)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=hint) from None


@main.command()
@db_opt
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 opens it to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--cors-origin", "cors_origins", multiple=True, help="A web origin allowed to read the API from a browser (repeatable; none by default).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name clients reach the server by (repeatable; default localhost, 127.0.0.1, ::1; '*' for any).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Server processes [default: the core count].")
@click.option("--response-cache/--no-response-cache", default=True, show_default=True,
              help="Keep each process's latest answers until the store changes (off: every request runs its query).")
def serve(db: str | None, host: str, port: int, cors_origins: tuple[str, ...], allowed_hosts: tuple[str, ...],
          workers: int | None, response_cache: bool) -> None:
    """The HTTP API and the dashboard over a store. Read-only unless $WATCHPOST_TOKEN is set,
    which enables POST /documents for requests bearing that token."""
    import json
    import os

    import uvicorn

    from .api.app import LOCAL_HOSTS, SERVE_ENV, vendored
    from .api.http import GuardedH11Protocol
    from .store import Store
    from .terminal import store_summary

    db = existing_db(db)
    if not vendored():
        click.echo("warning: dashboard assets missing (run `make setup`); the API works without them", err=True)
    token = os.environ.get("WATCHPOST_TOKEN") or None
    with Store.open(db) as store:  # brings an older store's schema up to date before the workers open it
        click.echo(f"{db}: {store_summary(store)}", err=True)
    workers = workers or os.cpu_count() or 1
    allowed_hosts = allowed_hosts or LOCAL_HOSTS
    if host not in ("127.0.0.1", "localhost", "::1") and allowed_hosts == LOCAL_HOSTS:
        click.echo(f"note: only requests to {', '.join(LOCAL_HOSTS)} are answered; name the others with --allowed-host", err=True)
    click.echo(f"dashboard http://{host}:{port}/  API docs http://{host}:{port}/docs  "
               f"({workers} process{'es' if workers > 1 else ''}; ingest {'on' if token else 'off'}; Ctrl-C stops)", err=True)
    os.environ[SERVE_ENV] = json.dumps({"db": db, "cors_origins": list(cors_origins), "allowed_hosts": list(allowed_hosts),
                                        "response_cache": response_cache})
    uvicorn.run("watchpost.api.app:from_environment", factory=True, workers=workers, host=host, port=port,
                http=GuardedH11Protocol, log_level="warning")
