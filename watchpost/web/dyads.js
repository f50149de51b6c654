// Who acts on whom: the actor1 → actor2 pairs of the filtered events, and actor names for the
// actor field's suggestions. Choosing a pair filters on its first actor.
import { getJSON } from "./api.js";
import { apiParams } from "./state.js";

const ROWS = 25;

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

export function createDyads(table, datalist, { onActor }) {
  let request = 0;
  return {
    async refresh() {
      const mine = ++request;
      const params = apiParams();
      params.set("limit", ROWS);
      const { actors, dyads } = await getJSON("/actors", params);
      if (mine !== request) return;
      table.tBodies[0].replaceChildren(...dyads.map((d) => {
        const tr = document.createElement("tr");
        tr.append(cell(d.actor1), cell("→", "arrow"), cell(d.actor2), cell(d.events, "count"));
        tr.title = `${d.actor1} → ${d.actor2}: ${d.events} events, ${d.fatalities} reported killed; click to filter on ${d.actor1}`;
        tr.addEventListener("click", () => onActor(d.actor1));
        return tr;
      }));
      datalist.replaceChildren(...actors.map((a) => {
        const option = document.createElement("option");
        option.value = a.name;
        return option;
      }));
    },
  };
}
