// The dashboard's filters and selected event live in the page URL, so a view can be shared and
// the back button works. Listeners hear every change.
export const DEFAULT_STATUSES = ["occurred", "ongoing"];
const listeners = [];

function fromURL() {
  const url = new URLSearchParams(location.search);
  return {
    type: url.getAll("type"),
    status: url.has("status") ? url.getAll("status") : DEFAULT_STATUSES,
    actor: url.get("actor") || "",
    country: url.get("country") || "",
    since: url.get("since") || "",
    until: url.get("until") || "",
    event: url.get("event") || "",
  };
}

let state = fromURL();

export function current() {
  return state;
}

// Merge `changes` into the state, record it in the URL and tell the listeners what changed.
export function update(changes) {
  state = { ...state, ...changes };
  const url = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    for (const v of [].concat(value)) if (v) url.append(key, v);
  }
  history.pushState(null, "", `?${url}`);
  notify(Object.keys(changes));
}

function notify(keys) {
  for (const fn of listeners) fn(state, keys);
}

export function onChange(fn) {
  listeners.push(fn);
}

window.addEventListener("popstate", () => {
  state = fromURL();
  notify(Object.keys(state));
});

// The API query for the current filters, leaving out the keys in `omit`.
export function apiParams(omit = []) {
  const params = new URLSearchParams();
  for (const key of ["type", "status", "actor", "country", "since", "until"]) {
    if (omit.includes(key)) continue;
    for (const v of [].concat(state[key])) if (v) params.append(key, v);
  }
  return params;
}
