// The live view: while an ingest runs, the page learns of new events by asking for the first
// event of the current selection every few seconds. The API gives every list an ETag and
// `Cache-Control: no-cache`, so the browser asks "changed since?" and, while nothing changed, gets
// a bodiless 304 (one indexed read on the server). When the ETag changes the page says at once
// how many events came in since it was opened or the filters last changed, and redraws, at most
// every REDRAW_MS while an ingest keeps changing the store.
import { apiParams, onChange } from "./state.js";

const POLL_MS = 5000;
const REDRAW_MS = 15000;

export function startLive({ onNews }) {
  const note = document.createElement("p");
  note.id = "live";
  note.setAttribute("aria-live", "polite");
  document.querySelector("header")?.append(note);
  let etag = null;
  let first = null;
  let active = false;  // a poll under way or due
  let drawn = Date.now();  // the page has just drawn everything
  let redraw = null;  // the redraw due, if any

  function news() {
    if (redraw !== null) return;
    redraw = setTimeout(() => {
      redraw = null;
      drawn = Date.now();
      onNews();
    }, Math.max(0, drawn + REDRAW_MS - Date.now()));
  }

  async function poll() {
    active = true;
    const params = apiParams();
    params.set("limit", "1");
    try {
      const response = await fetch(`/events?${params}`);
      if (response.ok) {
        const { total } = await response.json();
        const tag = response.headers.get("etag");
        if (first === null) first = total;
        else if (tag !== etag) {
          const added = total - first;
          note.textContent = added > 0 ? `live: ${added} new event${added === 1 ? "" : "s"} since you looked` : "live: updated";
          news();
        }
        etag = tag;
      }
    } catch {
      // the server is away for a moment: ask again next time
    }
    if (document.hidden) active = false;
    else setTimeout(poll, POLL_MS);
  }

  onChange((state, keys) => {
    if (keys.some((k) => k !== "event")) {  // another selection, drawn afresh: count from here
      first = null;
      drawn = Date.now();
      etag = null;
      note.textContent = "";
    }
  });
  document.addEventListener("visibilitychange", () => {  // no polling from a hidden tab
    if (!document.hidden && !active) poll();
  });
  poll();
}
