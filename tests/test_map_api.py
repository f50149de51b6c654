"""The endpoints behind the dashboard's map beyond the clusters (watchpost/api/places.py): events
placed only at a province or country, one group per administrative unit however the reports
spelled it; the events of one such unit; town names from the gazetteer at high zoom; and the
root address keeping its query on the way to the dashboard."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from store_support import mention

from watchpost.api import create_app
from watchpost.api.places import unit_key
from watchpost.model import Document, Place
from watchpost.pipeline import Pipeline
from watchpost.store import Store

# doc id: (place, status); Idlib province as two gazetteer entries spell it, a country, two towns
WHERE = {
    "p1": (Place("Idlib", "Idlib", "SYR", "Idlib", 35.7986, 36.5973, precision=3), "occurred"),
    "p2": (
        Place("Idlib province", "Idlib Governorate", "SYR", "Idlib Governorate", 35.75, 36.67, precision=3),
        "threatened",
    ),
    "p3": (Place("Idlib", "Idlib", "SYR", "Idlib", 35.7986, 36.5973, precision=3), "occurred"),
    "c1": (Place("Syria", "Syria", "SYR", None, 35.0, 38.0, precision=3, feature="PCLI"), "occurred"),
    "t1": (Place("Saraqib", "Saraqib", "SYR", "Idlib", 35.86, 36.80, precision=1), "occurred"),
    "t2": (Place("Ariha", "Ariha", "SYR", "Idlib", 35.81, 36.61, precision=1), "denied"),
}

TYPES = {"p3": "PROTEST", "c1": "MOBILIZE"}  # so that merging keeps them apart from p1's ASSAULT


class PlacedExtractor:
    """One event per document, at the place WHERE gives it."""

    def extract(self, docs):
        for doc in docs:
            place, status = WHERE[doc.id]
            found = mention(
                doc.id,
                type=TYPES.get(doc.id, "ASSAULT"),
                status=status,
                place=None,
                day=doc.published,
                sentence=doc.text,
            )
            found.location = place
            yield doc, [found]


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = str(tmp_path_factory.mktemp("map") / "map.db")
    docs = [
        Document(id=i, published=f"2020-03-{n + 1:02d}", text=f"Report {i}: fighting went on there, a unique text {i}.")
        for n, i in enumerate(WHERE)
    ]
    with Store.open(path) as store:
        Pipeline(store, PlacedExtractor()).run(docs)
    return TestClient(create_app(path))


def test_one_group_per_administrative_unit(client):
    areas = {a["key"]: a for a in client.get("/events/areas", params={"status": "all"}).json()["areas"]}
    assert set(areas) == {"SYR/idlib", "SYR"}
    idlib = areas["SYR/idlib"]
    assert (idlib["name"], idlib["level"], idlib["events"]) == ("Idlib", "province", 3)
    assert idlib["names"] == ["Idlib", "Idlib Governorate"]
    assert (idlib["lat"], idlib["lon"]) == (35.7986, 36.5973)  # where most of its events are
    assert idlib["statuses"] == {"occurred": 2, "threatened": 1}
    assert sorted((m["lat"], m["lon"], m["events"]) for m in idlib["members"]) == [
        (35.75, 36.67, 1),
        (35.7986, 36.5973, 2),
    ]
    assert (areas["SYR"]["level"], areas["SYR"]["events"]) == ("country", 1)
    real = {a["key"]: a["events"] for a in client.get("/events/areas").json()["areas"]}
    assert real == {"SYR/idlib": 2, "SYR": 1}  # the dashboard's default statuses leave the threat out


def test_the_events_of_one_unit(client):
    listed = client.get("/events/areas/events", params={"key": "SYR/idlib", "status": "all"}).json()
    assert listed["total"] == 3 and [e["id"] for e in listed["events"]] == ["p1:0", "p2:0", "p3:0"]
    assert client.get("/events/areas/events", params={"key": "SYR/idlib", "type": "coerce"}).json()["total"] == 0


def test_clusters_count_the_area_events_at_the_points_the_groups_name(client):
    """The dashboard takes each group's members out of the cells that hold them: the numbers must agree."""
    cells = client.get("/events/clusters", params={"zoom": 12, "status": "all"}).json()["clusters"]
    areas = client.get("/events/areas", params={"status": "all"}).json()["areas"]
    members = [m for a in areas for m in a["members"]]
    assert members, "the areas have their points"
    for m in members:
        (cell,) = [
            c for c in cells if c["bbox"][0] <= m["lon"] <= c["bbox"][2] and c["bbox"][1] <= m["lat"] <= c["bbox"][3]
        ]
        assert cell["events"] == m["events"] and cell["statuses"] == m["statuses"]
    assert sum(c["events"] for c in cells) - sum(m["events"] for m in members) == 2  # the two towns


@pytest.mark.parametrize(
    ("key", "want"),
    [
        (("SYR", "Idlib Governorate", "Idlib"), "SYR/idlib"),
        (("SYR", "Idlib", None), "SYR/idlib"),
        (("UKR", "Kharkivs'ka Oblast'", None), "UKR/kharkivska"),
        (("RUS", None, "Russia"), "RUS"),
        ((None, None, "Middle East"), "~middleeast"),
    ],
)
def test_unit_keys(key, want):
    assert unit_key(*key) == want


def test_town_names_at_high_zoom_only(client):
    view = "36.3,35.5,37.1,36.3"
    names = client.get("/places", params={"view": view, "zoom": 9}).json()["places"]
    assert {"Idlib", "Saraqib", "Maarat al-Numan"} <= {p["name"] for p in names}
    assert all(36.3 <= p["lon"] <= 37.1 and 35.5 <= p["lat"] <= 36.3 for p in names)
    assert names[0]["population"] >= names[-1]["population"]
    assert len(client.get("/places", params={"view": view, "zoom": 7}).json()["places"]) < len(names)
    assert client.get("/places", params={"view": view, "zoom": 4}).json()["places"] == []
    assert client.get("/places", params={"view": "1,2,3", "zoom": 9}).status_code == 400


def test_the_root_address_keeps_its_query(client):
    answer = client.get("/?status=all&country=SYR&event=p1%3A0", follow_redirects=False)
    assert (
        answer.status_code in (302, 307)
        and answer.headers["location"] == "/dashboard/?status=all&country=SYR&event=p1%3A0"
    )
    assert client.get("/", follow_redirects=False).headers["location"] == "/dashboard/"
