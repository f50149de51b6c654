"""The `watchpost` command line: a thin layer over the library (see CONTRACT.md)."""
from __future__ import annotations

import json
import sys
from typing import Iterable, Iterator

import click

from .model import Document
from .read import Skipped, read_inputs, valid_date


class Inputs:
    """Reads the documents of a command, reporting skipped items on stderr and counting them."""

    def __init__(self, paths: Iterable[str], published: str | None):
        self.paths = list(paths)
        self.published = published
        self.read = 0
        self.skipped: list[Skipped] = []

    def __iter__(self) -> Iterator[Document]:
        for item in read_inputs(self.paths, self.published):
            if isinstance(item, Skipped):
                self.skipped.append(item)
                click.echo(item.message(), err=True)
            else:
                self.read += 1
                yield item

    def finish(self) -> None:
        """Print the summary and exit 1 when anything was skipped (CONTRACT.md)."""
        click.echo(f"{self.read} documents read, {len(self.skipped)} skipped", err=True)
        sys.exit(1 if self.skipped else 0)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and valid_date(value) is None:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form")
    return value


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


inputs_arg = click.argument("inputs", nargs=-1, required=True)
published_opt = click.option("--published", callback=check_date, help="Publication date (YYYY-MM-DD) for documents that carry none.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="watchpost")
def main() -> None:
    """Watchpost: conflict news in, trustworthy event data out."""


@main.command()
@inputs_arg
@published_opt
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--explain", is_flag=True, help="Add place candidates and reasons to each event.")
def extract(inputs: tuple[str, ...], published: str | None, fmt: str, explain: bool) -> None:
    """One JSON line per event mention in the INPUT documents."""
    from .extract import Extractor

    source = Inputs(inputs, published)
    for _doc, mentions in Extractor().extract(source):
        for mention in mentions:
            emit(mention.to_json(explain=explain))
    source.finish()


@main.command()
@inputs_arg
@published_opt
@click.option("--explain", is_flag=True, help="Add the candidates and the reason for each resolution.")
def geoparse(inputs: tuple[str, ...], published: str | None, explain: bool) -> None:
    """One JSON line per place mention in the INPUT documents."""
    from .geo import Geoparser

    source = Inputs(inputs, published)
    parser = Geoparser()
    for doc in source:
        for place in parser.parse(doc.text):
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
