// The timeline: events per day, week or month stacked by type (from /stats/timeline, without the
// date filter); dragging across it chooses the dates, double-clicking clears them.
import { getJSON } from "./api.js";
import { apiParams } from "./state.js";
import { typeColour } from "./symbols.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;
const STEP_DAYS = { day: 1, week: 7, month: 31 };
const HEIGHT = 130;
const AXIS = 18;

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

const ms = (iso) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t) => new Date(t).toISOString().slice(0, 10);

// The interval that keeps the bars readable: days up to half a year, weeks up to four years.
function intervalFor(days) {
  return days <= 183 ? "day" : days <= 1461 ? "week" : "month";
}

export function createTimeline(element, { onBrush }) {
  let scale = null;

  async function load() {
    const params = apiParams(["since", "until"]);
    params.set("interval", "day");
    let data = await getJSON("/stats/timeline", params);
    const days = data.buckets.length ? (ms(data.buckets.at(-1).date) - ms(data.buckets[0].date)) / DAY_MS : 0;
    if (intervalFor(days) !== "day") {
      params.set("interval", intervalFor(days));
      data = await getJSON("/stats/timeline", params);
    }
    return data;
  }

  function draw({ buckets, interval }, since, until) {
    element.replaceChildren();
    const width = element.clientWidth || 600;
    const svg = el("svg", { width, height: HEIGHT, role: "img", "aria-label": "events over time" }, element);
    if (!buckets.length) {
      el("text", { x: 8, y: HEIGHT / 2, class: "empty" }, svg).textContent = "no dated events for these filters";
      scale = null;
      return;
    }
    const start = ms(buckets[0].date);
    const end = ms(buckets.at(-1).date) + STEP_DAYS[interval] * DAY_MS;
    const x = (t) => ((t - start) / (end - start)) * (width - 2) + 1;
    scale = { start, end, width, x };
    const top = Math.max(...buckets.map((b) => b.events));
    const barWidth = Math.max(1, x(start + STEP_DAYS[interval] * DAY_MS) - x(start) - 1);
    const plot = HEIGHT - AXIS;
    for (const bucket of buckets) {
      let y = plot;
      for (const [type, n] of Object.entries(bucket.types).sort()) {
        const h = (n / top) * (plot - 12);
        y -= h;
        el("rect", { x: x(ms(bucket.date)), y, width: barWidth, height: h, fill: typeColour(type), class: "bar" }, svg)
          .appendChild(el("title", {})).textContent = `${bucket.date}: ${n} ${type}`;
      }
    }
    el("text", { x: 2, y: 10, class: "axis" }, svg).textContent = `${top} events per ${interval}`;
    el("text", { x: 2, y: HEIGHT - 4, class: "axis" }, svg).textContent = buckets[0].date;
    el("text", { x: width - 2, y: HEIGHT - 4, class: "axis end" }, svg).textContent = iso(end - DAY_MS);
    if (since || until) {
      const a = x(Math.max(start, since ? ms(since) : start));
      const b = x(Math.min(end, until ? ms(until) + DAY_MS : end));
      el("rect", { x: a, y: 0, width: Math.max(2, b - a), height: plot, class: "selection" }, svg);
    }
    brush(svg, plot);
  }

  // Drag to select a range of days; the filter changes when the pointer is released.
  function brush(svg, plot) {
    let from = null;
    let band = null;
    const at = (event) => Math.min(scale.width, Math.max(0, event.clientX - svg.getBoundingClientRect().left));
    const day = (px) => iso(scale.start + (px / scale.width) * (scale.end - scale.start));
    svg.addEventListener("pointerdown", (event) => {
      from = at(event);
      band = el("rect", { x: from, y: 0, width: 0, height: plot, class: "brush" }, svg);
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (from === null) return;
      const to = at(event);
      band.setAttribute("x", Math.min(from, to));
      band.setAttribute("width", Math.abs(to - from));
    });
    svg.addEventListener("pointerup", (event) => {
      if (from === null) return;
      const to = at(event);
      const [a, b] = [Math.min(from, to), Math.max(from, to)];
      from = null;
      band.remove();
      if (b - a >= 3) onBrush(day(a), day(b));
    });
    svg.addEventListener("dblclick", () => onBrush("", ""));
  }

  let last = null;
  let request = 0;
  return {
    async refresh(since, until) {
      const mine = ++request;
      const data = await load();
      if (mine !== request) return;  // a newer filter answered first
      last = data;
      draw(last, since, until);
    },
    redraw(since, until) {
      if (last) draw(last, since, until);
    },
  };
}
