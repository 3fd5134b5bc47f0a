// The Brokle dashboard: the audit log. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h, show, when } from "./dom.js";
import { api, orgPath, filters } from "./api.js";

function compact(value) {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

export async function auditView(org, query) {
  const { form, params } = filters(org, "audit", ["action", "actor", "target"], query,
    { size: 18, placeholders: { action: "action (prefix: key.)" } });
  const body = h("tbody", { "data-test": "audit-rows" });
  const more = h("button", { type: "button", hidden: true }, "More");
  let before = null;
  async function page() {
    const search = new URLSearchParams(params);
    if (before) search.set("before", before);
    const data = await api("GET", orgPath(org, "/audit?" + search.toString()));
    for (const r of data.rows) {
      body.append(h("tr", {},
        h("td", {}, when(r.occurred_at)), h("td", {}, r.actor), h("td", {}, r.origin), h("td", {}, h("code", {}, r.action)),
        h("td", {}, r.target), h("td", {}, h("pre", { class: "raw" }, compact(r.before))), h("td", {}, h("pre", { class: "raw" }, compact(r.after)))));
    }
    before = data.next_before;
    more.hidden = !before;
  }
  more.addEventListener("click", () => page().catch((error) => more.replaceWith(h("p", { class: "error" }, error.message))));
  show(h("h1", {}, "Audit log"), form,
    h("div", { class: "panel" }, h("table", {},
      h("thead", {}, h("tr", {}, ["When", "Who", "From", "Action", "Target", "Before", "After"].map((c) => h("th", {}, c)))), body)), more);
  await page();
}
