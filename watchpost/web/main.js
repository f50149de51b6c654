// The dashboard: wires the filters, map, timeline, dyad table, agreements and event panel to the
// URL state.
import { createAgreements } from "./agreements.js";
import { createDyads } from "./dyads.js";
import { createFilters } from "./filters.js";
import { startLive } from "./live.js";
import { createMap } from "./map.js";
import { createPanel } from "./panel.js";
import { apiParams, current, onChange, update } from "./state.js";
import { createTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const summary = $("summary");
const report = (err) => {
  summary.textContent = `error: ${err.message}`;
  summary.classList.add("error");
};

// The exports of what the filters select, kept in step with them.
function exportLinks() {
  for (const link of document.querySelectorAll("#exports a[data-format]")) {
    const params = apiParams();
    params.set("format", link.dataset.format);
    params.set("limit", "1000");
    link.href = `/events?${params}`;
  }
}

function start() {
  const select = (id) => update({ event: id });
  let map = null;
  const panel = createPanel($("panel"), { onSelect: select, onEvent: (e) => map.select(e) });
  map = createMap($("map"), {
    onEvent: select,
    onCell: (cell) => panel.showCell(cell),
    onArea: (area) => panel.showArea(area),
    onCounts: ({ total, in_view }) => {
      summary.classList.remove("error");
      summary.textContent = `${total} event${total === 1 ? "" : "s"} match · ${in_view} on the map in this view`;
    },
  });
  const timeline = createTimeline($("timeline"), { onBrush: (since, until) => update({ since, until, event: "" }) });
  const dyads = createDyads($("dyads"), $("actor-names"), { onActor: (actor) => update({ actor, event: "" }) });
  const filters = createFilters($("filters"), { current, update });
  const agreements = createAgreements($("agreements"), map.leaflet, { onEvent: select, onShow: (nodes) => panel.show(nodes) });

  const showSelected = (state) => {
    if (state.event) return panel.showEvent(state.event);
    map.select(null);
    return panel.clear();
  };

  onChange((state, keys) => {
    filters.render();
    exportLinks();
    const changed = keys.filter((k) => k !== "event");
    if (changed.length) {
      map.refresh().catch(report);
      dyads.refresh().catch(report);
      if (changed.every((k) => k === "since" || k === "until")) timeline.redraw(state.since, state.until).catch(report);
      else timeline.refresh(state.since, state.until).catch(report);
    }
    if (keys.includes("event")) showSelected(state);
  });

  filters.render();
  exportLinks();
  map.fitAll().catch(report);
  timeline.refresh(current().since, current().until).catch(report);
  dyads.refresh().catch(report);
  agreements.refresh().catch(report);
  startLive({ onNews: () => {  // the store changed (an ingest runs): redraw with the new events
    map.refresh().catch(report);
    dyads.refresh().catch(report);
    timeline.refresh(current().since, current().until).catch(report);
  } });
  showSelected(current());
  $("fit").addEventListener("click", () => map.fitAll().catch(report));
  window.addEventListener("resize", () => timeline.redraw(current().since, current().until).catch(report));
}

// Leaflet and topojson come from watchpost/web/vendor, which `make setup` fills from npm: without
// them, say so instead of waiting for ever.
if (window.L && window.topojson) {
  start();
} else {
  summary.classList.add("error");
  summary.textContent = "The map's libraries are missing from watchpost/web/vendor: run `make setup` "
    + "in the Watchpost folder (it copies Leaflet, topojson and the country outlines from npm), then reload this page.";
  $("map").dataset.missing = "vendor";
}
