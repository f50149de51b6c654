// One stored document with the words behind every extracted field marked; the sentence of the
// mention named in the URL (?mention=) is outlined and scrolled to. A marked word opens its event.
// The background the document tells (a war's toll, its history: no event's) is listed apart.
import { getJSON } from "./api.js";
import { legend, marked } from "./highlight.js";
import { articleLink } from "./panel.js";

const url = new URLSearchParams(location.search);
const article = document.getElementById("document");

function render(doc) {
  document.title = `${doc.title || doc.id} · Watchpost`;
  const heading = document.createElement("h2");
  heading.textContent = doc.title || doc.id;
  const meta = document.getElementById("meta");
  meta.textContent = [doc.source, doc.published, `${doc.mentions.length} mentions`].filter(Boolean).join(" · ");
  const original = articleLink(doc.url, doc.url);
  if (original) meta.append(" · ", original);
  const focus = doc.mentions.find((m) => m.mention_id === url.get("mention"));
  const spans = doc.mentions.flatMap((m) => m.spans.map((s) => ({ ...s, event: m.event_id })));
  if (focus) spans.push({ field: "focus", start: focus.start, end: focus.end, label: `${focus.type} (${focus.status})` });
  const body = document.createElement("div");
  body.className = "text";
  body.append(marked(doc.text, spans));
  article.replaceChildren(heading, legend(), body, ...background(doc.background ?? []));
  body.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-event]");
    if (mark) location.href = `./?status=all&event=${encodeURIComponent(mark.dataset.event)}`;
  });
  body.querySelector("mark.hl-focus")?.scrollIntoView({ block: "center" });
}

function background(told) {
  if (!told.length) return [];
  const heading = document.createElement("h3");
  heading.textContent = "Background";
  const hint = Object.assign(document.createElement("p"), { className: "hint",
    textContent: "Statements of the war's toll or history: kept with the document, never an event nor counted in one." });
  const list = document.createElement("ul");
  list.className = "background";
  for (const b of told) {
    const item = document.createElement("li");
    const sentence = document.createElement("blockquote");
    sentence.className = "sentence";
    sentence.append(marked(b.sentence, b.spans, b.start));
    item.append(sentence);
    list.append(item);
  }
  return [heading, hint, list];
}

getJSON(`/documents/${encodeURIComponent(url.get("id") ?? "")}`)
  .then(render)
  .catch((err) => {
    article.replaceChildren(Object.assign(document.createElement("p"), { className: "error", textContent: err.message }));
  });
