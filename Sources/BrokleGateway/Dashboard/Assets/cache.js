// The Brokle dashboard: the response cache (hit rate, savings, entries). Everything from the API
// goes on the page as text (textContent, attributes), never parsed as markup.
import { h, show, count, usd } from "./dom.js";
import { api, orgPath, link } from "./api.js";

function percent(rate) {
  return rate === null || rate === undefined ? "—" : (100 * rate).toFixed(1) + " %";
}

export async function cacheView(org, query) {
  const range = query.get("range") || "24h";
  const data = await api("GET", orgPath(org, "/cache?range=" + encodeURIComponent(range)));
  const t = data.total || { lookups: 0, exact_hits: 0, semantic_hits: 0, misses: 0, hit_rate: null, saved_usd: 0, tokens_saved_in: 0, tokens_saved_out: 0, entries: 0 };
  const card = (label, value, test) => h("div", { class: "card" },
    h("div", { class: "label" }, label), h("div", { class: "value", "data-test": test }, value));
  const picker = h("select", {
    "aria-label": "range", onchange: (event) => { location.hash = link(org, "cache", null, { range: event.target.value }); },
  }, ["24h", "7d", "30d"].map((o) => h("option", { value: o, selected: o === range }, o)));
  const rows = data.models.map((m) => h("tr", {},
    h("td", {}, m.key || "—"), h("td", { class: "num" }, count(m.lookups)), h("td", { class: "num" }, count(m.exact_hits)),
    h("td", { class: "num" }, count(m.semantic_hits)), h("td", { class: "num" }, percent(m.hit_rate)),
    h("td", { class: "num" }, count(m.tokens_saved_in + m.tokens_saved_out)), h("td", { class: "num" }, usd(m.saved_usd)),
    h("td", { class: "num" }, m.entries === undefined ? "—" : count(m.entries))));
  show(
    h("h1", {}, "Cache"),
    h("div", { class: "controls" }, "Last", picker),
    h("div", { class: "cards" },
      card("Hit rate", percent(t.hit_rate), "cache-hit-rate"),
      card("Hits", count(t.exact_hits + t.semantic_hits), "cache-hits"),
      card("Misses", count(t.misses), "cache-misses"),
      card("Saved", usd(t.saved_usd), "cache-saved"),
      card("Entries now", count(t.entries || 0), "cache-entries")),
    h("div", { class: "panel" }, rows.length
      ? h("table", {},
        h("thead", {}, h("tr", {}, ["Model", "Lookups", "Exact hits", "Semantic hits", "Hit rate", "Tokens saved", "Saved", "Entries"].map((c) => h("th", {}, c)))),
        h("tbody", { "data-test": "cache-rows" }, rows))
      : h("p", { class: "muted" }, "No cached model was asked in this range (brokle.yaml: a model's cache: section turns caching on).")));
}
