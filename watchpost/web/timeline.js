// The timeline: events per day, week or month stacked by type (from /stats/timeline, without the
// date filter), the interval chosen so that bars stay readable at the width there is, with a date
// axis and a count axis. Dragging across it chooses whole bars' dates; double-clicking clears them.
import { getJSON } from "./api.js";
import { apiParams } from "./state.js";
import { typeColour } from "./symbols.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;
const HEIGHT = 130;
const AXIS = 20;  // pixels under the bars for the date axis
const LEFT = 30;  // pixels left of the bars for the count axis
const MIN_BAR_PX = 6;  // the narrowest bar worth drawing: below it, a longer interval
const MIN_LABEL_PX = 46;  // date labels at least this far apart
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

const ms = (iso) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t) => new Date(t).toISOString().slice(0, 10);

// The first day of the next day, week or month after the bucket starting at t (UTC midnight).
function next(t, interval) {
  if (interval === "day") return t + DAY_MS;
  if (interval === "week") return t + 7 * DAY_MS;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

// The interval whose bars are at least MIN_BAR_PX wide over `days` days in `width` pixels.
export function intervalFor(days, width) {
  const span = Math.max(days, 1);
  if (width / span >= MIN_BAR_PX) return "day";
  if ((width * 7) / span >= MIN_BAR_PX) return "week";
  return "month";
}

// Bucket edges from the first bucket to the end of the last, empty buckets included.
export function edgesOf(buckets, interval) {
  const edges = [ms(buckets[0].date)];
  const last = ms(buckets.at(-1).date);
  while (edges.at(-1) <= last) edges.push(next(edges.at(-1), interval));
  return edges;
}

// The dates a brush from time a to time b covers, snapped outwards to whole bars: from the start of
// the bar where it begins to the last day of the bar where it ends.
export function snap(edges, a, b) {
  const bar = (t) => Math.max(0, Math.min(edges.length - 2, edges.findLastIndex((e) => e <= t)));
  const [i, j] = [bar(Math.min(a, b)), bar(Math.max(a, b))];
  return [iso(edges[i]), iso(edges[j + 1] - DAY_MS)];
}

// Date ticks: days, Mondays, months, quarters or years, whichever keeps labels apart.
function ticks(start, end, width) {
  const perPx = (end - start) / width;
  const choices = [
    [1, (t) => t + DAY_MS, (d) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`],
    [7, (t) => t + 7 * DAY_MS, (d) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`],
    [30, (t) => next(t, "month"), (d) => (d.getUTCMonth() ? MONTHS[d.getUTCMonth()] : String(d.getUTCFullYear()))],
    [91, (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1); },
      (d) => (d.getUTCMonth() ? MONTHS[d.getUTCMonth()] : String(d.getUTCFullYear()))],
    [365, (t) => Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1), (d) => String(d.getUTCFullYear())],
  ];
  const [days, step, label] = choices.find(([d]) => (d * DAY_MS) / perPx >= MIN_LABEL_PX) ?? choices.at(-1);
  const d = new Date(start);
  let t = days === 1 ? start
    : days === 7 ? start + ((8 - d.getUTCDay()) % 7) * DAY_MS  // the next Monday
      : days === 365 ? Date.UTC(d.getUTCFullYear() + (d.getUTCMonth() || d.getUTCDate() > 1 ? 1 : 0), 0, 1)
        : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (d.getUTCDate() > 1 ? 1 : 0), 1);
  if (days === 91) while (new Date(t).getUTCMonth() % 3) t = next(t, "month");
  const out = [];
  for (; t <= end; t = step(t)) out.push([t, label(new Date(t))]);
  return out;
}

export function createTimeline(element, { onBrush }) {
  let scale = null;

  async function load(width) {
    const params = apiParams(["since", "until"]);
    params.set("interval", "day");
    const days = await getJSON("/stats/timeline", params);
    const b = days.buckets;
    const span = b.length ? (ms(b.at(-1).date) - ms(b[0].date)) / DAY_MS + 1 : 0;
    const interval = intervalFor(span, width - LEFT);
    if (interval === "day") return days;
    params.set("interval", interval);
    return getJSON("/stats/timeline", params);
  }

  function draw({ buckets, interval }, since, until) {
    element.replaceChildren();
    const width = element.clientWidth || 600;
    const svg = el("svg", { width, height: HEIGHT, role: "img", "aria-label": `events per ${interval}` }, element);
    if (!buckets.length) {
      el("text", { x: 8, y: HEIGHT / 2, class: "empty" }, svg).textContent = "no dated events for these filters";
      scale = null;
      return;
    }
    const edges = edgesOf(buckets, interval);
    const [start, end] = [edges[0], edges.at(-1)];
    const x = (t) => LEFT + ((t - start) / (end - start)) * (width - LEFT - 2);
    scale = { start, end, width, x, edges };
    const top = Math.max(...buckets.map((b) => b.events));
    const plot = HEIGHT - AXIS;
    const y = (n) => plot - (n / top) * (plot - 14);
    el("line", { x1: LEFT, x2: width, y1: y(top), y2: y(top), class: "grid" }, svg);
    el("text", { x: LEFT - 4, y: y(top) + 4, class: "axis count" }, svg).textContent = String(top);
    el("text", { x: LEFT - 4, y: plot, class: "axis count" }, svg).textContent = "0";
    el("text", { x: LEFT + 2, y: 10, class: "axis" }, svg).textContent = `events per ${interval}`;
    for (const bucket of buckets) {
      const t = ms(bucket.date);
      const [a, b] = [x(t), x(next(t, interval))];
      let n0 = 0;
      for (const [type, n] of Object.entries(bucket.types).sort()) {
        el("rect", { x: a, y: y(n0 + n), width: Math.max(1, b - a - 1), height: y(n0) - y(n0 + n), fill: typeColour(type), class: "bar" }, svg)
          .appendChild(el("title", {})).textContent = `${bucket.date} (${interval}): ${n} ${type} of ${bucket.events}`;
        n0 += n;
      }
    }
    el("line", { x1: LEFT, x2: width, y1: plot, y2: plot, class: "axis-line" }, svg);
    for (const [t, label] of ticks(start, end, width - LEFT)) {
      el("line", { x1: x(t), x2: x(t), y1: plot, y2: plot + 4, class: "axis-line" }, svg);
      el("text", { x: x(t), y: plot + 15, class: "axis tick" }, svg).textContent = label;
    }
    if (since || until) {
      const a = x(Math.max(start, since ? ms(since) : start));
      const b = x(Math.min(end, until ? ms(until) + DAY_MS : end));
      el("rect", { x: a, y: 0, width: Math.max(2, b - a), height: plot, class: "selection" }, svg);
    }
    element.dataset.interval = interval;
    element.dataset.bars = String(edges.length - 1);
    brush(svg, plot);
  }

  // Drag to select whole bars; the filter changes when the pointer is released.
  function brush(svg, plot) {
    let from = null;
    let band = null;
    const at = (event) => Math.min(scale.width, Math.max(LEFT, event.clientX - svg.getBoundingClientRect().left));
    const time = (px) => scale.start + ((px - LEFT) / (scale.width - LEFT - 2)) * (scale.end - scale.start);
    const show = (a, b) => {
      const [since, until] = snap(scale.edges, time(a), time(b));
      const left = scale.x(ms(since));
      band.setAttribute("x", left);
      band.setAttribute("width", Math.max(1, scale.x(ms(until) + DAY_MS) - left));
      return [since, until];
    };
    svg.addEventListener("pointerdown", (event) => {
      from = at(event);
      band = el("rect", { x: from, y: 0, width: 0, height: plot, class: "brush" }, svg);
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (from !== null) show(from, at(event));
    });
    svg.addEventListener("pointerup", (event) => {
      if (from === null) return;
      const to = at(event);
      const moved = Math.abs(to - from) >= 3;
      const [since, until] = show(from, to);
      from = null;
      band.remove();
      if (moved) onBrush(since, until);
    });
    svg.addEventListener("dblclick", () => onBrush("", ""));
  }

  let last = null;
  let request = 0;
  return {
    async refresh(since, until) {
      const mine = ++request;
      const data = await load(element.clientWidth || 600);
      if (mine !== request) return;  // a newer filter answered first
      last = data;
      draw(last, since, until);
    },
    // Draw again at the current width: again from the server when the width calls for another interval.
    redraw(since, until) {
      if (!last) return Promise.resolve();
      const b = last.buckets;
      const span = b.length ? (next(ms(b.at(-1).date), last.interval) - ms(b[0].date)) / DAY_MS : 0;
      if (b.length && intervalFor(span, (element.clientWidth || 600) - LEFT) !== last.interval) return this.refresh(since, until);
      draw(last, since, until);
      return Promise.resolve();
    },
  };
}
