// Marking the words behind each field: a text, the spans found in it (document offsets) and the
// offset of the text in its document in, a fragment with one <mark> per run of marked words out.
// Overlapping spans split into runs carrying every field that covers them; a span's `event`
// becomes the mark's data-event.
export const FIELD_NAMES = {
  trigger: "event word", actor1: "actor 1", actor2: "actor 2", location: "place", date: "date", quantity: "count",
};

export function marked(text, spans, offset = 0) {
  const inside = spans.filter((s) => s.start < offset + text.length && s.end > offset);
  const cuts = new Set([0, text.length]);
  for (const s of inside) {
    cuts.add(Math.max(0, s.start - offset));
    cuts.add(Math.min(text.length, s.end - offset));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = inside.filter((s) => s.start - offset <= a && s.end - offset >= b);
    if (!covering.length) {
      out.append(text.slice(a, b));
      continue;
    }
    const mark = document.createElement("mark");
    mark.className = covering.map((s) => `hl-${s.field}`).join(" ");
    mark.dataset.field = covering.map((s) => s.field).join(" ");
    mark.title = covering.map((s) => `${FIELD_NAMES[s.field] ?? s.field}: ${s.label}`).join("\n");
    const event = covering.find((s) => s.event)?.event;
    if (event) mark.dataset.event = event;
    mark.textContent = text.slice(a, b);
    out.append(mark);
  }
  return out;
}

// The spans that lie outside the text (an actor named in an earlier sentence, say).
export function outside(text, spans, offset = 0) {
  return spans.filter((s) => s.end <= offset || s.start >= offset + text.length);
}

// A legend of the highlight colours.
export function legend() {
  const box = document.createElement("p");
  box.className = "hl-legend";
  for (const [field, name] of Object.entries(FIELD_NAMES)) {
    const mark = document.createElement("mark");
    mark.className = `hl-${field}`;
    mark.textContent = name;
    box.append(mark, " ");
  }
  return box;
}
