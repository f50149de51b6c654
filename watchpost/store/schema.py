"""The store's tables, written once for both SQLite and PostgreSQL (see SCHEMA.md).

Types are chosen so that each engine reads them natively: TEXT, INTEGER and DOUBLE
PRECISION mean the same in both; `{blob}` is BLOB or BYTEA. The ingest's lookup tables are
WITHOUT ROWID in SQLite (their primary key is all they hold). Full-text search is an FTS5
table per searchable column set in SQLite and a GIN expression index in PostgreSQL.

The summary tables (`summary_*`) hold counts of the events kept by the store's writer in the
transaction that writes the events (store/write.py); the spatial index is an R*Tree filled by
triggers in SQLite and a GiST index on each event's point in PostgreSQL (no extension needed).
"""
from __future__ import annotations

from ..model import STATUSES

# Columns schema 3 added (the lead, the source of a claim, who disputes it): part of a new store's
# tables, and added to an older store's by the migration (migrate.py).
ADDED_COLUMNS = {
    "events": [("lead", "INTEGER NOT NULL DEFAULT 0"), ("disputed_by", "TEXT")],
    "mentions": [("lead", "INTEGER NOT NULL DEFAULT 0"), ("according_to", "TEXT"), ("disputed_by", "TEXT")],
}

WHO_WHERE_WHEN = """actor1 TEXT, actor1_country TEXT, actor1_kind TEXT,
    actor2 TEXT, actor2_country TEXT, actor2_kind TEXT,
    location TEXT, country TEXT, admin1 TEXT,
    latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, geo_precision INTEGER,
    date_start TEXT, date_end TEXT, date_precision TEXT,"""  # shared by events and mentions

TABLES = """
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    url TEXT,
    source TEXT,
    published TEXT,
    origin TEXT,
    duplicate_of TEXT REFERENCES documents(id),
    story_id TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    family TEXT NOT NULL,
    mode TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    status TEXT NOT NULL,
    {who_where_when}
    first_reported TEXT, last_reported TEXT,
    n_mentions INTEGER NOT NULL, n_sources INTEGER NOT NULL,
    fatalities INTEGER, fatalities_max INTEGER, counts_disagree INTEGER NOT NULL DEFAULT 0,
    quantities TEXT,
    notes TEXT{events_added}
);
CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    event_id TEXT NOT NULL REFERENCES events(id),
    original_id TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT,
    acled_event_type TEXT, acled_sub_event_type TEXT,
    {who_where_when}
    published TEXT, source TEXT,
    sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    confidence DOUBLE PRECISION,
    quantities TEXT,
    extract_json TEXT NOT NULL{mentions_added}
);
CREATE TABLE IF NOT EXISTS background_mentions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    extract_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    n_documents INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT
);
CREATE TABLE IF NOT EXISTS signatures (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    minhash {blob} NOT NULL
);
CREATE TABLE IF NOT EXISTS signature_bands (
    band {blob} NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, doc_id)
){without_rowid};
CREATE TABLE IF NOT EXISTS event_regions (
    family TEXT NOT NULL,
    status_class TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id),
    PRIMARY KEY (family, status_class, bucket, event_id)
){without_rowid};
CREATE TABLE IF NOT EXISTS agreements (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    parties TEXT NOT NULL,
    zone TEXT,
    places TEXT,
    posts TEXT,
    keywords TEXT,
    date_start TEXT, date_end TEXT,
    status TEXT,
    history TEXT,
    sources TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS agreement_mentions (
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    mention_id TEXT NOT NULL REFERENCES mentions(id),
    action TEXT NOT NULL,
    date TEXT,
    PRIMARY KEY (agreement_id, mention_id)
);
CREATE TABLE IF NOT EXISTS violations (
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    event_id TEXT NOT NULL REFERENCES events(id),
    kind TEXT NOT NULL,
    party TEXT,
    actor TEXT,
    mention_id TEXT NOT NULL,
    areas TEXT,
    date TEXT,
    PRIMARY KEY (agreement_id, event_id, kind, mention_id)
);
CREATE TABLE IF NOT EXISTS alerts (
    rule TEXT NOT NULL,
    event_id TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    pending TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (rule, event_id)
);
CREATE TABLE IF NOT EXISTS watch_cursors (
    rule TEXT PRIMARY KEY,
    since TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_state (
    item TEXT NOT NULL,
    hash TEXT NOT NULL,
    feed TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (item, hash)
);
CREATE TABLE IF NOT EXISTS summary_counts (
    grain TEXT NOT NULL,
    country TEXT NOT NULL,
    status TEXT NOT NULL,
    type TEXT NOT NULL,
    bucket TEXT NOT NULL,
    sources INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (grain, country, status, type, bucket, sources)
){without_rowid};
CREATE TABLE IF NOT EXISTS summary_pairs (
    country TEXT NOT NULL,
    status TEXT NOT NULL,
    actor1 TEXT NOT NULL, actor1_country TEXT NOT NULL, actor1_kind TEXT NOT NULL,
    actor2 TEXT NOT NULL, actor2_country TEXT NOT NULL, actor2_kind TEXT NOT NULL,
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (country, status, actor1, actor1_country, actor1_kind, actor2, actor2_country, actor2_kind)
){without_rowid};
CREATE TABLE IF NOT EXISTS summary_actors (
    country TEXT NOT NULL,
    status TEXT NOT NULL,
    name TEXT NOT NULL, actor_country TEXT NOT NULL, kind TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (country, status, name, actor_country, kind)
){without_rowid};
CREATE TABLE IF NOT EXISTS summary_cells (
    level INTEGER NOT NULL,
    gx INTEGER NOT NULL,
    gy INTEGER NOT NULL,
    status TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    lat_e6 BIGINT NOT NULL,
    lon_e6 BIGINT NOT NULL,
    west DOUBLE PRECISION NOT NULL, south DOUBLE PRECISION NOT NULL,
    east DOUBLE PRECISION NOT NULL, north DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (level, gx, gy, status, type)
){without_rowid};
CREATE TABLE IF NOT EXISTS summary_dates (
    measure TEXT NOT NULL,
    days INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (measure, days)
){without_rowid};
CREATE INDEX IF NOT EXISTS summary_cells_by_row ON summary_cells(level, gy, gx);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_story ON documents(story_id);
CREATE INDEX IF NOT EXISTS documents_duplicate ON documents(duplicate_of);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS events_type ON events(type, status);
CREATE INDEX IF NOT EXISTS events_country ON events(country, admin1);
CREATE INDEX IF NOT EXISTS events_in_order ON events(coalesce(date_start, first_reported), id, status, type, n_sources,
    date_start, date_end, first_reported, last_reported, country, actor1_country, actor2_country, longitude, latitude, actor1, actor2);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_original ON mentions(original_id);
CREATE INDEX IF NOT EXISTS mentions_type ON mentions(type, status);
CREATE INDEX IF NOT EXISTS background_doc ON background_mentions(doc_id);
CREATE INDEX IF NOT EXISTS violations_event ON violations(event_id);
CREATE INDEX IF NOT EXISTS alerts_pending ON alerts(pending)
"""

SQLITE_SEARCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, title, text);
CREATE VIRTUAL TABLE IF NOT EXISTS mentions_fts USING fts5(mention_id UNINDEXED, sentence)
"""

POSTGRES_SEARCH = """
CREATE INDEX IF NOT EXISTS documents_fts ON documents USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || text));
CREATE INDEX IF NOT EXISTS mentions_fts ON mentions USING GIN (to_tsvector('english', sentence))
"""


# The spatial index. SQLite: an R*Tree of each placed event's point (id: the event's rowid; the
# tree stores 32-bit floats rounded outwards, so a box query finds a superset that the exact
# longitude and latitude then narrow), kept by triggers as an index would be. Each status has a
# world of its own: the longitude is filed shifted by STATUS_SHIFT degrees times the status's
# code (STATUS_CODES), so that counting the events of some statuses in a place reads the tree
# alone, and the tree still splits by place.
STATUS_CODES = {s: i for i, s in enumerate(STATUSES)}
OTHER = len(STATUSES)  # the code of a status not in the list
STATUS_SHIFT = 360.0
PLACE_CODES = ",".join(STATUSES)  # store_meta keeps a hash of it: another list, another tree


def place_row(row: str) -> str:
    """The event_places values of an events row (`NEW` in a trigger, `events` in a query)."""
    code = f"CASE {row}.status {' '.join(f'WHEN {value!r} THEN {code}' for value, code in STATUS_CODES.items())} ELSE {OTHER} END"
    x = f"{row}.longitude + {STATUS_SHIFT} * ({code})"
    return f"{row}.rowid, {x}, {x}, {row}.latitude, {row}.latitude"


PLACE_ROW = place_row("NEW")
SQLITE_SPATIAL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_places USING rtree(id, west, east, south, north)",
    f"""CREATE TRIGGER IF NOT EXISTS event_places_insert AFTER INSERT ON events
       WHEN NEW.longitude IS NOT NULL AND NEW.latitude IS NOT NULL
       BEGIN INSERT INTO event_places VALUES ({PLACE_ROW}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS event_places_update AFTER UPDATE OF longitude, latitude, status ON events
       BEGIN
         DELETE FROM event_places WHERE id = OLD.rowid;
         INSERT INTO event_places SELECT {PLACE_ROW} WHERE NEW.longitude IS NOT NULL AND NEW.latitude IS NOT NULL;
       END""",
    """CREATE TRIGGER IF NOT EXISTS event_places_delete AFTER DELETE ON events
       BEGIN DELETE FROM event_places WHERE id = OLD.rowid; END""",
]
POSTGRES_SPATIAL = ["CREATE INDEX IF NOT EXISTS events_point ON events USING GIST (point(longitude, latitude))"]
SPATIAL_TRIGGERS = ["event_places_insert", "event_places_update", "event_places_delete"]
RETIRED_INDEXES = ["events_place", "events_by_day"]  # schema 1: replaced by the spatial index and events_in_order


def statements(dialect: str) -> list[str]:
    """The DDL statements that create (or keep) the schema in one engine."""
    blob = "BYTEA" if dialect == "postgresql" else "BLOB"
    search = POSTGRES_SEARCH if dialect == "postgresql" else SQLITE_SEARCH
    without_rowid = "" if dialect == "postgresql" else " WITHOUT ROWID"
    text = TABLES.replace("{blob}", blob).replace("{who_where_when}", WHO_WHERE_WHEN).replace("{without_rowid}", without_rowid)
    for table, columns in ADDED_COLUMNS.items():
        text = text.replace(f"{{{table}_added}}", "".join(f",\n    {name} {ddl}" for name, ddl in columns))
    text += ";" + search
    spatial = POSTGRES_SPATIAL if dialect == "postgresql" else SQLITE_SPATIAL
    return [s.strip() for s in text.split(";") if s.strip()] + spatial
