// The event panel: one event with every source sentence, the words behind each field marked and
// a link to the document; or the list of events in a map cell that cannot split further.
import { getJSON } from "./api.js";
import { FIELD_NAMES, legend, marked, outside } from "./highlight.js";
import { apiParams } from "./state.js";
import { eventSymbol } from "./symbols.js";

function node(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined && text !== null) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function row(list, term, value) {
  if (value === null || value === undefined || value === "") return;
  list.append(node("dt", term), node("dd", value));
}

const actor = (name, country, kind) => name && [name, [country, kind].filter(Boolean).join(" ")].filter(Boolean).join(" · ");
const dates = (a, b) => (a === b || !b ? a : `${a} to ${b}`);

function facts(e) {
  const list = node("dl");
  row(list, "status", e.status);
  row(list, "ACLED", [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" / "));
  row(list, "actor 1", actor(e.actor1, e.actor1_country, e.actor1_kind));
  row(list, "actor 2", actor(e.actor2, e.actor2_country, e.actor2_kind));
  row(list, "place", e.location && `${[e.location, e.admin1, e.country].filter(Boolean).join(", ")} (precision ${e.geo_precision})`);
  row(list, "date", e.date_start && `${dates(e.date_start, e.date_end)} (${e.date_precision})`);
  row(list, "killed", e.fatalities !== null ? dates(String(e.fatalities), String(e.fatalities_max)) + (e.counts_disagree ? " (sources disagree)" : "") : null);
  row(list, "reported", `${dates(e.first_reported, e.last_reported)} by ${e.n_sources} source${e.n_sources === 1 ? "" : "s"}`);
  return list;
}

function source(s) {
  const item = node("li", null, "source");
  const link = node("a", s.title || s.doc_id);
  link.href = `document.html?id=${encodeURIComponent(s.doc_id)}&mention=${encodeURIComponent(s.mention_id)}`;
  const meta = [s.source, s.published, s.status].filter(Boolean).join(" · ");
  item.append(link, node("span", ` ${meta}`, "meta"));
  const sentence = node("blockquote", null, "sentence");
  sentence.append(marked(s.sentence, s.spans, s.start));
  item.append(sentence);
  const elsewhere = outside(s.sentence, s.spans, s.start);
  if (elsewhere.length) {
    item.append(node("p", `from elsewhere in the document: ${elsewhere.map((x) => `${FIELD_NAMES[x.field]} “${x.text}”`).join(", ")}`, "meta"));
  }
  return item;
}

export function createPanel(element, { onSelect }) {
  let request = 0;

  async function load(fetcher, render) {
    const mine = ++request;
    element.replaceChildren(node("p", "loading…", "hint"));
    try {
      const data = await fetcher();
      if (mine === request) element.replaceChildren(...render(data));
    } catch (err) {
      if (mine === request) element.replaceChildren(node("p", String(err.message), "error"));
    }
  }

  return {
    showEvent(id) {
      return load(() => getJSON(`/events/${encodeURIComponent(id)}`), (e) => {
        const title = node("h2", null, "event-title");
        title.innerHTML = eventSymbol(e.type, e.status, 16);  // a fixed SVG from symbols.js
        title.append(` ${e.type}${e.mode ? ` (${e.mode})` : ""}`);
        const sources = node("ol", null, "sources");
        sources.append(...e.sources.map(source));
        return [title, facts(e), node("h3", "Sources"), legend(), sources];
      });
    },

    // The events in one map cluster, as a list to choose from.
    showCell(cell) {
      const params = apiParams();
      params.set("bbox", cell.bbox.join(","));
      params.set("limit", "100");
      return load(() => getJSON("/events", params), (data) => {
        const list = node("ul", null, "event-list");
        for (const e of data.events) {
          const item = node("li");
          const button = node("button", `${e.date_start ?? e.first_reported ?? ""} ${e.type} · ${e.location ?? ""}`);
          button.type = "button";
          button.addEventListener("click", () => onSelect(e.id));
          item.append(button);
          list.append(item);
        }
        return [node("h2", `${data.total} events here`), list];
      });
    },

    clear() {
      request++;
      element.replaceChildren(node("p", "Click a marker to see the event and the sentences it comes from.", "hint"));
    },
  };
}
