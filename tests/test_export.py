"""`watchpost events` in every format, with filters, over a store built from known mentions."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest
from click.testing import CliRunner
from store_support import documents
from test_store import SAME_ATTACK, ingest

from watchpost.cli import main
from watchpost.model import Document
from watchpost.store import EventFilter, Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("export") / "w.db")
    ingest(path, SAME_ATTACK + documents(6))
    return path


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["events", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_jsonl_carries_sources_and_counts(db):
    rows = [json.loads(line) for line in run(db, "--min-sources", "2").splitlines()]
    assert len(rows) == 1
    assert [s["doc_id"] for s in rows[0]["sources"]] == ["a", "b"]
    assert rows[0]["quantities"]["killed"][1]["value"] == 5


def test_csv_uses_acled_columns(db):
    rows = list(csv.DictReader(io.StringIO(run(db, "--format", "csv", "--near", "35.86,36.8", "--radius-km", "5"))))
    assert [r["location"] for r in rows] == ["Saraqib", "Saraqib", "Saraqib"]
    first = rows[0]
    assert (first["event_date"], first["event_type"], first["sub_event_type"]) == (
        "2020-02-20",
        "Battles",
        "Armed clash",
    )
    assert (first["inter1"], first["inter2"], first["interaction"], first["country"]) == ("2", "1", "12", "Syria")
    assert (first["fatalities"], first["fatalities_max"], first["source"]) == ("2", "5", "Agency A; Paper B")


def test_geojson_and_plover(db):
    collection = json.loads(run(db, "--format", "geojson", "--type", "assault"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 8
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert (lat, lon) == (35.86, 36.8)
    plover = [json.loads(line) for line in run(db, "--format", "plover", "--country", "SYR").splitlines()]
    assert {p["event"] for p in plover} == {"ASSAULT"} and plover[0]["geo"]["place_name"] == "Saraqib"
    assert run(db, "--status", "threatened") == ""
    assert len(run(db, "--status", "all").splitlines()) == 8


def test_parquet_needs_output_and_is_readable(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    assert CliRunner().invoke(main, ["events", "--db", db, "--format", "parquet"]).exit_code == 2
    out = tmp_path / "e.parquet"
    run(db, "--format", "parquet", "--output", str(out), "--bbox", "36.75,35.8,36.9,35.9")
    table = pq.read_table(out)
    assert (
        table.num_rows == 3 and "event_date" in table.column_names and table.column("sources")[0].as_py() == ["a", "b"]
    )


def test_bad_bbox_is_a_usage_error(db):
    assert CliRunner().invoke(main, ["events", "--db", db, "--bbox", "1,2,3"]).exit_code == 2


def test_datasette_lists_the_events_table(db):
    datasette_app = pytest.importorskip("datasette.app")

    async def fetch():
        ds = datasette_app.Datasette([db])
        name = next(iter(ds.databases.keys() - {"_internal", "_memory"}))
        tables = (await ds.client.get(f"/{name}.json")).json()["tables"]
        events = (await ds.client.get(f"/{name}/events.json?_shape=objects")).json()
        return {t["name"] for t in tables}, events

    tables, events = asyncio.run(fetch())
    assert {"events", "mentions", "documents", "stories"} <= tables
    assert len(events["rows"]) == 8 and events["rows"][0]["location"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(db, start):
    from watchpost.export import write_csv

    with Store.open(db) as store:
        event = store.query_events(EventFilter(statuses=None))[0]
    event.update(
        notes=f'{start}HYPERLINK("http://evil.example","x")',
        actor1=f"{start}1+1",
        location=f"{start}SUM(A1)",
        latitude=-12.5,
        longitude=-0.25,
        sources=[{**event["sources"][0], "source": f"{start}cmd|' /C calc'!A0"}],
    )
    out = io.BytesIO()
    write_csv([event], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline=""))
    for column, value in (
        ("notes", event["notes"]),
        ("actor1", event["actor1"]),
        ("location", event["location"]),
        ("source", event["sources"][0]["source"]),
    ):
        assert row[column] == "'" + value  # read back as the text it was, behind a quote
    assert (row["latitude"], row["longitude"]) == ("-12.5", "-0.25")  # numbers are numbers
    assert row["event_id_cnty"] == event["id"] and not row["event_id_cnty"].startswith("'")


def test_csv_from_the_command_line_escapes_a_formula_in_a_source_name(tmp_path):
    path = str(tmp_path / "formula.db")
    ingest(
        path,
        [
            Document(
                id="f",
                published="2020-02-20",
                source='=HYPERLINK("http://evil.example")',
                text="Clashes in Idlib\nRebels attack troops in Saraqib on Thursday.",
            )
        ],
    )
    rows = list(csv.DictReader(io.StringIO(run(path, "--format", "csv"))))
    assert rows and {r["source"] for r in rows} == {'\'=HYPERLINK("http://evil.example")'}
