// Agreements: the list of ceasefires and zones in the side bar; choosing one draws its zone,
// observation posts and observed violations on the map and shows its timeline with sources in the
// event panel (in sight, where the side bar would put it below the fold).
import { getJSON } from "./api.js";

const STYLE = {
  area: { color: "#1e8449", weight: 1.5, dashArray: "4 3", fillOpacity: 0.06 },
  place: { radius: 7, color: "#1e8449", weight: 1.5, fillOpacity: 0.1 },
  post: { radius: 4, color: "#1e8449", weight: 1, fillColor: "#fff", fillOpacity: 1 },
  observed: { radius: 6, color: "#922b21", weight: 1, fillColor: "#e74c3c", fillOpacity: 0.9 },
};

function node(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined && text !== null) el.textContent = text;
  if (className) el.className = className;
  return el;
}

const period = (a) => `${a.start} – ${a.end ?? "open"}`;

function entryText(e) {
  const what = e.entry === "status" ? e.action : `${e.entry} violation${e.party ? ` (${e.party})` : ""}`;
  const said = e.source?.sentence ?? e.note ?? e.source?.title ?? "";
  return [`${e.date} · ${what}`, said];
}

export function createAgreements(element, leaflet, { onEvent, onShow }) {
  const layer = L.layerGroup().addTo(leaflet);

  function draw(found) {
    layer.clearLayers();
    const shapes = L.geoJSON(found.map, {
      style: () => STYLE.area,
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, STYLE[feature.properties.role]),
      onEachFeature: (feature, shape) => {
        const p = feature.properties;
        const label = p.role === "observed" ? `${p.type} at ${p.location}, ${p.date}` : `${p.role}: ${p.name}`;
        shape.bindTooltip(node("span", label));
        if (p.role === "observed") shape.on("click", () => onEvent(p.event_id));
      },
    }).addTo(layer);
    if (shapes.getBounds().isValid()) leaflet.fitBounds(shapes.getBounds().pad(0.1), { maxZoom: 9 });
  }

  function describe(found) {
    const parties = node("p", `${found.kind} · ${found.status ?? "status unknown"} · ${period(found)} · ${found.origin}`);
    const sides = node("table", null, "by-party");
    sides.append(...found.by_party.map((p) => {
      const tr = node("tr");
      tr.append(node("td", p.party ?? "no party"), node("td", `${p.observed} observed`), node("td", `${p.accused} accused`));
      return tr;
    }));
    const steps = node("ol", null, "agreement-timeline");
    steps.append(...found.timeline.map((e) => {
      const [head, said] = entryText(e);
      const li = node("li", null, e.entry);
      li.append(node("b", head), node("span", said ? ` ${said}` : ""));
      if (e.event_id) li.addEventListener("click", () => onEvent(e.event_id));
      return li;
    }));
    const details = node("div", null, "agreement");
    details.append(node("h2", found.name), parties, node("p", `parties: ${found.parties.map((p) => p.name).join(", ")}`),
                   sides, node("h3", "Timeline"), steps);
    return [details];
  }

  async function choose(id) {
    const found = await getJSON(`/agreements/${encodeURIComponent(id)}`);
    draw(found);
    onShow(describe(found));
  }

  return {
    async refresh() {
      const { agreements } = await getJSON("/agreements");
      const list = node("ul", null, "agreements");
      list.append(...agreements.map((a) => {
        const li = node("li");
        const button = node("button", a.name);
        button.type = "button";
        button.title = `${a.kind}, ${a.status ?? "status unknown"}, ${period(a)}: ${a.observed} observed and ${a.accused} accused violations`;
        button.addEventListener("click", () => choose(a.id).catch((err) => onShow([node("p", err.message, "error")])));
        li.append(button, node("span", ` ${a.observed} observed · ${a.accused} accused`, "hint"));
        return li;
      }));
      element.replaceChildren(agreements.length ? list : node("p", "none declared or detected", "hint"));
    },
  };
}
