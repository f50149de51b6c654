// The map: country outlines from world-atlas (no tiles, no network); the server's grid clusters of
// the events placed at a town or district; one hollow marker per province or country for the events
// placed only there (never a point at its centre); town names from the gazetteer at high zoom; and
// the selected event, ringed and centred.
import { getJSON } from "./api.js";
import { apiParams } from "./state.js";
import { STATUSES, dominant, eventSymbol, knownStatus, typeColour } from "./symbols.js";

const MAX_ZOOM = 14;
const FIT_MAX_ZOOM = 9;  // a first view on one town still shows its surroundings
const LABEL_ZOOM = 6;  // town names from here on (/places)

function tooltip(text) {
  const el = document.createElement("span");
  el.textContent = text;
  return el;
}

const counts = (map) => Object.entries(map).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");

// The statuses of a cluster or area as small symbols with their counts, so that threats and denials
// stay visible inside a cluster; nothing when every event occurred.
function statusMix(cell) {
  const shown = STATUSES.filter((s) => cell.statuses[s]);
  if (!shown.length || (shown.length === 1 && shown[0] === "occurred")) return "";
  const type = dominant(cell.types);
  return `<span class="wp-mix">${shown.map((s) => `<span title="${s}">${eventSymbol(type, s, 9)}${Number(cell.statuses[s])}</span>`).join("")}</span>`;
}

function eventMarker(cell, onEvent) {
  const [type] = Object.keys(cell.types);
  const status = knownStatus(Object.keys(cell.statuses)[0]);
  const icon = L.divIcon({
    className: "wp-marker", iconSize: [18, 18],
    html: `<div data-count="1" data-status="${status}">${eventSymbol(type, status)}</div>`,
  });
  return L.marker([cell.lat, cell.lon], { icon, keyboard: true, title: `${type} (${status})` })
    .bindTooltip(tooltip(`${type} · ${status}`))
    .on("click", () => onEvent(cell.id));
}

function clusterMarker(cell, onCell) {
  const size = Math.round(22 + 8 * Math.log10(cell.events));
  const icon = L.divIcon({
    className: "wp-cluster", iconSize: [size, size],
    html: `<div data-count="${Number(cell.events)}" style="background:${typeColour(dominant(cell.types))}">${Number(cell.events)}</div>${statusMix(cell)}`,
  });
  return L.marker([cell.lat, cell.lon], { icon })
    .bindTooltip(tooltip(`${counts(cell.types)} · ${counts(cell.statuses)}`)).on("click", () => onCell(cell));
}

// Events placed only at a province or a country: a wide dashed ring around where the reports put
// it, not a point; the ring lets clicks through to the towns inside, its count badge takes them.
function areaMarker(area, onArea) {
  const size = Math.round(52 + 10 * Math.log10(area.events));
  const icon = L.divIcon({
    className: "wp-area", iconSize: [size, size],
    html: `<div class="ring" style="border-color:${typeColour(dominant(area.types))}"></div>`
      + `<div class="badge" data-count="${Number(area.events)}">${Number(area.events)} ${area.level}</div>${statusMix(area)}`,
  });
  const what = `${area.events} event${area.events === 1 ? "" : "s"} placed only at ${area.name} (${area.level}), no town named`;
  return L.marker([area.lat, area.lon], { icon, zIndexOffset: -100, keyboard: true, title: what })
    .bindTooltip(tooltip(`${what} · ${counts(area.types)} · ${counts(area.statuses)}`)).on("click", () => onArea(area));
}

// /events/clusters counts the area events too, at the points their province or country carries:
// those are drawn by areaMarker, so they are taken out of the cells here.
function withoutAreas(cells, areas) {
  const members = areas.flatMap((a) => a.members);
  const out = [];
  for (const cell of cells) {
    const [w, s, e, n] = cell.bbox;
    let c = { ...cell, types: { ...cell.types }, statuses: { ...cell.statuses } };
    for (const m of members) {
      if (!c || m.lon < w || m.lon > e || m.lat < s || m.lat > n) continue;
      const left = c.events - m.events;
      if (left <= 0) {
        c = null;
        continue;
      }
      c = { ...c, lat: (c.lat * c.events - m.lat * m.events) / left, lon: (c.lon * c.events - m.lon * m.events) / left,
            events: left, id: null };
      for (const key of ["types", "statuses"]) {
        for (const [k, v] of Object.entries(m[key])) if ((c[key][k] -= v) <= 0) delete c[key][k];
      }
    }
    if (c) out.push(c);
  }
  return out;
}

// A cell left with one event once its area events are out: that event, to draw as itself.
async function loneEvent(cell) {
  const params = apiParams();
  params.set("bbox", cell.bbox.join(","));
  params.set("limit", "1000");
  const { events } = await getJSON("/events", params);
  const placed = events.filter((e) => (e.geo_precision ?? 1) < 3);
  return placed.length === 1 ? { ...cell, id: placed[0].id, lat: placed[0].latitude, lon: placed[0].longitude } : cell;
}

// world-atlas rings that cross the antimeridian jump from 180° to -180°; a flat map draws that
// jump as a line across the world, so each ring is kept continuous instead (beyond ±180°).
function continuous(ring) {
  let shift = 0;
  let previous = null;
  return ring.map(([lon, lat]) => {
    if (previous !== null && lon + shift - previous > 180) shift -= 360;
    else if (previous !== null && lon + shift - previous < -180) shift += 360;
    previous = lon + shift;
    return [previous, lat];
  });
}

function outlinesOf(topo) {
  const countries = topojson.feature(topo, topo.objects.countries);
  for (const { geometry } of countries.features) {
    if (!geometry) continue;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) polygon.forEach((ring, i) => { polygon[i] = continuous(ring); });
  }
  return countries;
}

function viewBox(map) {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const wide = b.getEast() - b.getWest() >= 360;
  return [wide ? -180 : clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
          wide ? 180 : clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(5)).join(",");
}

export function createMap(element, { onEvent, onCell, onArea, onCounts }) {
  const map = L.map(element, { minZoom: 1, maxZoom: MAX_ZOOM, worldCopyJump: true, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet").addAttribution("Natural Earth via world-atlas · places: GeoNames");
  map.createPane("labels").style.zIndex = 450;  // above the outlines, below the events
  map.createPane("chosen").style.zIndex = 650;  // the selection's ring, over the markers
  map.setView([20, 20], 2);
  const outlines = L.geoJSON(null, { renderer: L.canvas(), interactive: false,
    style: { color: "#9aa5b1", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
  getJSON("vendor/world-atlas/countries-50m.json")
    .then((topo) => outlines.addData(outlinesOf(topo)))
    .catch((err) => console.warn("no country outlines", err));
  const labels = L.layerGroup().addTo(map);
  const markers = L.layerGroup().addTo(map);
  const chosen = L.layerGroup().addTo(map);
  let areas = null;  // the areas of the current filters, fetched once per filter change
  let request = 0;

  async function refresh(filtersChanged = true) {
    const mine = ++request;
    const params = apiParams();
    if (filtersChanged || !areas) areas = getJSON("/events/areas", apiParams()).then((d) => d.areas);
    params.set("zoom", map.getZoom());
    params.set("view", viewBox(map));
    const [data, found] = await Promise.all([getJSON("/events/clusters", params), areas]);
    const cells = await Promise.all(withoutAreas(data.clusters, found).map((c) => (c.events === 1 && !c.id ? loneEvent(c) : c)));
    if (mine !== request) return;  // a newer view or filter answered first
    markers.clearLayers();
    for (const cell of cells) {
      markers.addLayer(cell.id ? eventMarker(cell, onEvent) : clusterMarker(cell, zoomOrList));
    }
    for (const area of found) markers.addLayer(areaMarker(area, onArea));
    element.dataset.loaded = String(mine);
    element.dataset.bounds = map.getBounds().toBBoxString();  // the view these markers are for
    onCounts(data);
  }

  // Town names from the gazetteer, biggest first, once zoomed in far enough to need them.
  let labelRequest = 0;
  async function placeNames() {
    const mine = ++labelRequest;
    if (map.getZoom() < LABEL_ZOOM) {
      labels.clearLayers();
      return;
    }
    const { places } = await getJSON("/places", new URLSearchParams({ view: viewBox(map), zoom: map.getZoom() }));
    if (mine !== labelRequest) return;
    labels.clearLayers();
    for (const p of places) {
      const label = document.createElement("span");
      label.textContent = p.name;
      const icon = L.divIcon({ className: "wp-place", html: label.outerHTML, iconSize: null, iconAnchor: [3, 3] });
      labels.addLayer(L.marker([p.lat, p.lon], { icon, pane: "labels", interactive: false, keyboard: false }));
    }
  }

  // Zoom into a cluster; one that cannot split further (same place) is listed instead.
  function zoomOrList(cell) {
    const [w, s, e, n] = cell.bbox;
    const bounds = L.latLngBounds([s, w], [n, e]);
    if (map.getZoom() < MAX_ZOOM && map.getBoundsZoom(bounds) > map.getZoom()) map.fitBounds(bounds.pad(0.2), { maxZoom: MAX_ZOOM });
    else onCell(cell);
  }

  // Frame every placed event that matches the filters (the first view, and after "fit").
  async function fitAll() {
    const params = apiParams();
    params.set("zoom", 3);
    const { clusters } = await getJSON("/events/clusters", params);
    if (!clusters.length) return refresh();
    const bounds = L.latLngBounds(clusters.flatMap((c) => [[c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]]));
    map.fitBounds(bounds.pad(0.15), { maxZoom: FIT_MAX_ZOOM, animate: false });  // moveend, moved or not: refresh
  }

  // Ring the selected event and bring it to the centre of the map.
  function select(event) {
    chosen.clearLayers();
    if (!event || event.latitude === null || event.longitude === null) return;
    const area = (event.geo_precision ?? 1) >= 3;
    L.circleMarker([event.latitude, event.longitude], {
      radius: area ? 24 : 15, color: "#1f2933", weight: 3, dashArray: area ? "5 4" : null, fill: false,
      interactive: false, className: "wp-selected", pane: "chosen",
    }).addTo(chosen);
    map.panTo([event.latitude, event.longitude]);
  }

  map.on("moveend", () => {
    refresh(false).catch((err) => console.warn(err));
    placeNames().catch((err) => console.warn("no place names", err));
  });
  return { refresh, fitAll, select, leaflet: map };
}
