// The event panel: one event with every source sentence, the words behind each field marked, a link
// to the document and to the original article, by whose account it is told ("X says … / Y denies …")
// and, apart, the background its reports tell (a war's toll, its history: no event's); the list of
// events in a map cell that cannot split further or in a province or country; or an agreement's details.
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
const PRECISION = { 1: "the town or village", 2: "the district or nearby", 3: "only the province or country" };

// When it happened, as a reader would say it: a span whose precision is unknown is the window the
// report's wording allows, not a stated date.
function when(e) {
  if (!e.date_start) return null;
  if (e.date_precision === "unknown") return `not stated: between ${e.date_start} and ${e.date_end ?? e.date_start}`;
  const span = dates(e.date_start, e.date_end);
  return e.date_precision && e.date_precision !== "day" ? `${span} (some day that ${e.date_precision})` : span;
}

// The original article, when its address is a web address (never a javascript: or data: one).
export function articleLink(url, text = "original article ↗") {
  if (!/^https?:\/\//i.test(url ?? "")) return null;
  const link = node("a", text, "external");
  link.href = url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return link;
}

const whenListed = (e) => `${e.date_start ?? e.first_reported ?? ""} ${e.type} · ${e.status} · ${e.location ?? ""}`;

function facts(e) {
  const list = node("dl");
  row(list, "status", e.status);
  row(list, "ACLED", [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" / "));
  row(list, "actor 1", actor(e.actor1, e.actor1_country, e.actor1_kind));
  row(list, "actor 2", actor(e.actor2, e.actor2_country, e.actor2_kind));
  row(list, "place", e.location && `${[e.location, e.admin1, e.country].filter(Boolean).join(", ")} (${PRECISION[e.geo_precision] ?? `precision ${e.geo_precision}`})`);
  row(list, "date", when(e));
  row(list, "killed", e.fatalities !== null ? dates(String(e.fatalities), String(e.fatalities_max)) + (e.counts_disagree ? " (sources disagree)" : "") : null);
  row(list, "reported", `${dates(e.first_reported, e.last_reported)} by ${e.n_sources} source${e.n_sources === 1 ? "" : "s"}`);
  return list;
}

// By whose account: who says it happened (the source of each report that affirms it; the outlet when
// the report says it in its own voice) and who denies it (disputed_by), each with the sentence that
// says so. Nothing when every report speaks in its own voice and nobody disputes it.
function accounts(e) {
  const disputes = e.disputed_by ?? [];
  if (!disputes.length && !e.sources.some((s) => s.according_to)) return [];
  const says = new Map();
  for (const s of e.sources.filter((s) => s.status !== "denied")) {
    const who = s.according_to?.name ?? s.source ?? s.title ?? s.doc_id;
    if (!says.has(who)) says.set(who, s.sentence);
  }
  const denies = new Map(disputes.filter((d) => !says.has(d.name)).map((d) => [d.name, d.sentence]));
  const list = node("ul", null, "accounts");
  for (const [verb, told] of [["says", says], ["denies", denies]]) {
    for (const [who, sentence] of told) {
      const item = node("li", null, `account ${verb}`);
      item.append(node("strong", who), ` ${verb} `, node("q", sentence));
      list.append(item);
    }
  }
  return [node("h3", "By whose account"), list];
}

// The background the event's reports tell: marked like the sources, apart from them.
function background(e) {
  if (!e.background?.length) return [];
  const list = node("ul", null, "background");
  for (const b of e.background) {
    const item = node("li");
    const sentence = node("blockquote", null, "sentence");
    sentence.append(marked(b.sentence, b.spans, b.start));
    item.append(sentence);
    list.append(item);
  }
  return [node("h3", "Background"), node("p", "Told in the same reports, but not this event: never counted in its toll.", "hint"), list];
}

function source(s) {
  const item = node("li", null, "source");
  const link = node("a", s.title || s.doc_id);
  link.href = `document.html?id=${encodeURIComponent(s.doc_id)}&mention=${encodeURIComponent(s.mention_id)}`;
  const said = s.according_to && `according to ${s.according_to.name}`;
  const meta = [s.source, s.published, s.status, said, s.lead && "the report's lead"].filter(Boolean).join(" · ");
  item.append(link, node("span", ` ${meta} `, "meta"));
  const original = articleLink(s.url);
  if (original) item.append(original);
  const sentence = node("blockquote", null, "sentence");
  sentence.append(marked(s.sentence, s.spans, s.start));
  item.append(sentence);
  const elsewhere = outside(s.sentence, s.spans, s.start);
  if (elsewhere.length) {
    item.append(node("p", `from elsewhere in the document: ${elsewhere.map((x) => `${FIELD_NAMES[x.field]} “${x.text}”`).join(", ")}`, "meta"));
  }
  return item;
}

function eventList(events, onSelect) {
  const list = node("ul", null, "event-list");
  for (const e of events) {
    const item = node("li");
    const button = node("button", whenListed(e));
    button.type = "button";
    button.addEventListener("click", () => onSelect(e.id));
    item.append(button);
    list.append(item);
  }
  return list;
}

export function createPanel(element, { onSelect, onEvent }) {
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
        onEvent(e);
        return [title, facts(e), ...accounts(e), node("h3", "Sources"), legend(), sources, ...background(e)];
      });
    },

    // The events in one map cluster, as a list to choose from.
    showCell(cell) {
      const params = apiParams();
      params.set("bbox", cell.bbox.join(","));
      params.set("limit", "100");
      return load(() => getJSON("/events", params), (data) => {
        const here = data.events.filter((e) => (e.geo_precision ?? 1) < 3);  // the others are drawn as areas
        const title = data.next_offset === null ? `${here.length} events here` : `The first ${here.length} events here`;
        return [node("h2", title), eventList(here, onSelect)];
      });
    },

    // The events placed only at one province or country (an area of /events/areas).
    showArea(area) {
      const params = apiParams();
      params.set("key", area.key);
      return load(() => getJSON("/events/areas/events", params), (data) => [
        node("h2", `${data.total} event${data.total === 1 ? "" : "s"} placed only at ${area.name}`),
        node("p", `The reports name the ${area.level} (${area.names.join(", ")}) and no town or village in it, so these events have no point on the map.`, "hint"),
        eventList(data.events, onSelect),
      ]);
    },

    // Nodes made elsewhere (an agreement's details).
    show(nodes) {
      request++;
      element.replaceChildren(...nodes);
      element.scrollTop = 0;
    },

    clear() {
      request++;
      element.replaceChildren(node("p", "Click a marker to see the event and the sentences it comes from.", "hint"));
    },
  };
}
