// The filter form: status toggles, type checkboxes, actor, country and dates, kept in step with
// the URL state both ways.
import { STATUSES, TYPE_COLOURS, eventSymbol } from "./symbols.js";

function toggle(label, pressed, onClick, symbol) {
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.value = label;
  button.setAttribute("aria-pressed", String(pressed));
  button.innerHTML = symbol;  // a fixed SVG from symbols.js
  button.append(` ${label}`);
  button.addEventListener("click", onClick);
  return button;
}

export function createFilters(form, { current, update }) {
  const statusBox = form.querySelector("#statuses");
  const typeBox = form.querySelector("#types");
  const statuses = () => (current().status.includes("all") ? STATUSES : current().status);

  function render() {
    const state = current();
    statusBox.replaceChildren(...STATUSES.map((s) => toggle(s, statuses().includes(s), () => {
      const now = statuses();
      const next = now.includes(s) ? now.filter((x) => x !== s) : [...now, s];
      if (next.length) update({ status: next, event: "" });  // at least one status stays on
    }, eventSymbol("ASSAULT", s, 14))));
    typeBox.replaceChildren(...Object.keys(TYPE_COLOURS).map((t) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = t;
      box.checked = state.type.includes(t);
      box.addEventListener("change", () => update({ type: [...typeBox.querySelectorAll("input:checked")].map((b) => b.value) }));
      label.innerHTML = eventSymbol(t, "occurred", 12);
      label.prepend(box);
      label.append(` ${t.toLowerCase()}`);
      return label;
    }));
    for (const name of ["actor", "country", "since", "until"]) form.elements[name].value = state[name];
  }

  for (const name of ["actor", "country", "since", "until"]) {
    form.elements[name].addEventListener("change", (event) => {
      const value = event.target.value.trim();
      update({ [name]: name === "country" ? value.toUpperCase() : value });
    });
  }
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    update({ type: [], status: ["occurred", "ongoing"], actor: "", country: "", since: "", until: "", event: "" });
  });
  return { render };
}
