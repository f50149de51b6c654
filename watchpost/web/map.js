// The map: country outlines from world-atlas (no tiles, no network) and the server's grid
// clusters for the current view and filters; single events drawn by type and status.
import { getJSON } from "./api.js";
import { apiParams } from "./state.js";
import { dominant, eventSymbol, knownStatus, typeColour } from "./symbols.js";

const MAX_ZOOM = 14;

function tooltip(text) {
  const el = document.createElement("span");
  el.textContent = text;
  return el;
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
    html: `<div data-count="${Number(cell.events)}" style="background:${typeColour(dominant(cell.types))}">${Number(cell.events)}</div>`,
  });
  const summary = Object.entries(cell.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ");
  return L.marker([cell.lat, cell.lon], { icon }).bindTooltip(tooltip(summary)).on("click", () => onCell(cell));
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

export function createMap(element, { onEvent, onCell, onCounts }) {
  const map = L.map(element, { minZoom: 1, maxZoom: MAX_ZOOM, worldCopyJump: true, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet").addAttribution("Natural Earth via world-atlas");
  map.setView([20, 20], 2);
  const outlines = L.geoJSON(null, { renderer: L.canvas(), interactive: false,
    style: { color: "#9aa5b1", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
  getJSON("vendor/world-atlas/countries-50m.json")
    .then((topo) => outlines.addData(outlinesOf(topo)))
    .catch((err) => console.warn("no country outlines", err));
  const markers = L.layerGroup().addTo(map);
  let request = 0;

  async function refresh() {
    const mine = ++request;
    const params = apiParams();
    params.set("zoom", map.getZoom());
    params.set("view", viewBox(map));
    const data = await getJSON("/events/clusters", params);
    if (mine !== request) return;  // a newer view or filter answered first
    markers.clearLayers();
    for (const cell of data.clusters) {
      markers.addLayer(cell.id ? eventMarker(cell, onEvent) : clusterMarker(cell, zoomOrList));
    }
    element.dataset.loaded = String(mine);
    onCounts(data);
  }

  // Zoom into a cluster; one that cannot split further (same place) is listed instead.
  function zoomOrList(cell) {
    const [w, s, e, n] = cell.bbox;
    const bounds = L.latLngBounds([s, w], [n, e]);
    if (map.getZoom() < MAX_ZOOM && map.getBoundsZoom(bounds) > map.getZoom()) map.fitBounds(bounds.pad(0.2), { maxZoom: MAX_ZOOM });
    else onCell(cell);
  }

  // Frame every placed event that matches the filters.
  async function fitAll() {
    const params = apiParams();
    params.set("zoom", 3);
    const { clusters } = await getJSON("/events/clusters", params);
    if (!clusters.length) return refresh();
    const bounds = L.latLngBounds(clusters.flatMap((c) => [[c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]]));
    const before = map.getCenter().toString() + map.getZoom();
    map.fitBounds(bounds.pad(0.3), { maxZoom: 8 });
    if (map.getCenter().toString() + map.getZoom() === before) refresh();  // no move, so no moveend
  }

  map.on("moveend", refresh);
  return { refresh, fitAll, leaflet: map };
}
