// The dashboard: wires the filters, map, timeline, dyad table and event panel to the URL state.
import { createAgreements } from "./agreements.js";
import { createDyads } from "./dyads.js";
import { createFilters } from "./filters.js";
import { createMap } from "./map.js";
import { createPanel } from "./panel.js";
import { current, onChange, update } from "./state.js";
import { createTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const summary = $("summary");
const report = (err) => {
  summary.textContent = `error: ${err.message}`;
  summary.classList.add("error");
};
const select = (id) => update({ event: id });

const panel = createPanel($("panel"), { onSelect: select });
const map = createMap($("map"), {
  onEvent: select,
  onCell: (cell) => panel.showCell(cell),
  onCounts: ({ total, in_view }) => {
    summary.classList.remove("error");
    summary.textContent = `${total} event${total === 1 ? "" : "s"} match · ${in_view} on the map in this view`;
  },
});
const timeline = createTimeline($("timeline"), { onBrush: (since, until) => update({ since, until, event: "" }) });
const dyads = createDyads($("dyads"), $("actor-names"), { onActor: (actor) => update({ actor, event: "" }) });
const filters = createFilters($("filters"), { current, update });
const agreements = createAgreements($("agreements"), map.leaflet, { onEvent: select });

const showSelected = (state) => (state.event ? panel.showEvent(state.event) : panel.clear());

onChange((state, keys) => {
  filters.render();
  const changed = keys.filter((k) => k !== "event");
  if (changed.length) {
    map.refresh().catch(report);
    dyads.refresh().catch(report);
    if (changed.every((k) => k === "since" || k === "until")) timeline.redraw(state.since, state.until);
    else timeline.refresh(state.since, state.until).catch(report);
  }
  if (keys.includes("event")) showSelected(state);
});

filters.render();
map.fitAll().catch(report);
timeline.refresh(current().since, current().until).catch(report);
dyads.refresh().catch(report);
agreements.refresh().catch(report);
showSelected(current());
window.addEventListener("resize", () => timeline.redraw(current().since, current().until));
