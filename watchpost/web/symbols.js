// How events look: a colour per PLOVER type (families share a hue) and a shape per status.
export const TYPE_COLOURS = {
  ASSAULT: "#b03a2e", COERCE: "#e2703a", MOBILIZE: "#7d3c98", RETREAT: "#a569bd",
  PROTEST: "#d4ac0d", THREATEN: "#ca6f1e", ACCUSE: "#7f8c8d", REJECT: "#5d6d7e", REQUEST: "#45b39d",
  AGREE: "#1e8449", CONSULT: "#52be80", SUPPORT: "#117a65", COOPERATE: "#2471a3", CONCEDE: "#5dade2",
  AID: "#17a5b8", SANCTION: "#283747",
};
export const STATUSES = ["occurred", "ongoing", "planned", "threatened", "denied", "hypothetical"];
const OTHER = "#999999";

// SVG bodies on a 16×16 grid, filled with the type colour.
const SHAPES = {
  occurred: (c) => `<circle cx="8" cy="8" r="6.5" fill="${c}" stroke="#fff" stroke-width="1.5"/>`,
  ongoing: (c) => `<circle cx="8" cy="8" r="6.5" fill="${c}" stroke="#fff" stroke-width="1.5"/><circle cx="8" cy="8" r="2.5" fill="#fff"/>`,
  planned: (c) => `<path d="M8 1 15 8 8 15 1 8Z" fill="${c}" stroke="#fff" stroke-width="1.2"/>`,
  threatened: (c) => `<path d="M8 1 15.5 14.5H.5Z" fill="${c}" stroke="#fff" stroke-width="1.2"/>`,
  denied: (c) => `<path d="M2.5 2.5 13.5 13.5M13.5 2.5 2.5 13.5" stroke="${c}" stroke-width="3.5" stroke-linecap="round"/>`,
  hypothetical: (c) => `<rect x="2" y="2" width="12" height="12" fill="#fff" stroke="${c}" stroke-width="2.5"/>`,
};

export function typeColour(type) {
  return TYPE_COLOURS[type] ?? OTHER;
}

export function knownStatus(status) {
  return STATUSES.includes(status) ? status : "occurred";
}

// An inline SVG string for one event: colour by type, shape by status (both from fixed lists).
export function eventSymbol(type, status, size = 18) {
  return `<svg viewBox="0 0 16 16" width="${size}" height="${size}" aria-hidden="true">${SHAPES[knownStatus(status)](typeColour(type))}</svg>`;
}

// The type with the most events in a {type: count} map.
export function dominant(counts) {
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0];
}
