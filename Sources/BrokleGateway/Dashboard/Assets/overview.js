// The Brokle dashboard: the overview (totals, a chart, groups). Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h, svg, show, count, usd, ms } from "./dom.js";
import { state, api, orgPath, link, live } from "./api.js";

export async function overviewView(org, query) {
  const range = query.get("range") || "24h";
  const by = query.get("by") || "model";
  const data = await api("GET", orgPath(org, "/overview?range=" + encodeURIComponent(range) + "&by=" + encodeURIComponent(by)));
  const t = data.totals;
  const select = (name, value, options) => h("select", {
    "aria-label": name,
    onchange: (event) => {
      const next = { range, by };
      next[name] = event.target.value;
      location.hash = link(org, "overview", null, next);
    },
  }, options.map((o) => h("option", { value: o, selected: o === value }, o)));
  const card = (label, value, test) => h("div", { class: "card" },
    h("div", { class: "label" }, label), h("div", { class: "value", "data-test": test }, value));
  const now = h("span", { class: "muted", "data-test": "live-stats" }, "Live: waiting for the first figures…");
  state.live = live(org, {
    stats: (s) => { now.textContent = `Live: ${count(s.requests)} requests, ${count(s.errors)} errors, ${usd(s.cost_usd)} in the last ${s.window_seconds} s`; },
  });
  show(
    h("h1", {}, "Overview"),
    h("div", { class: "controls" }, "Last", select("range", range, ["24h", "7d", "30d"]), "by", select("by", by, ["model", "project", "provider"]), now),
    h("div", { class: "cards" },
      card("Requests", count(t.requests), "total-requests"),
      card("Errors", count(t.errors), "total-errors"),
      card("Tokens in", count(t.tokens_in), "total-tokens-in"),
      card("Tokens out", count(t.tokens_out), "total-tokens-out"),
      card("Cost", usd(t.cost_usd), "total-cost"),
      card("Latency p50", ms(data.recent.p50_ms), "latency-p50"),
      card("Latency p95", ms(data.recent.p95_ms), "latency-p95"),
      card("Cache hit rate", data.recent.cache_hit_rate === undefined ? "—" : (100 * data.recent.cache_hit_rate).toFixed(1) + " %", "cache-hit-rate"),
      card("Cache savings", usd(data.recent.cache_saved_usd), "cache-saved")),
    h("p", { class: "muted" }, data.recent.sample < data.totals.requests
      ? `Latency, cache hit rate and savings over the newest ${count(data.recent.sample)} requests of the range (the Cache page has the whole range's).` : ""),
    h("div", { class: "panel" }, h("h2", {}, "Requests and errors"), chart(data.series)),
    h("div", { class: "panel" }, h("h2", {}, "By " + by), groupsTable(data.groups, by)),
  );
}

/** Bars of requests per step (errors in red at their foot), drawn as SVG. */
function chart(series) {
  const width = 960, height = 180, pad = 24;
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Requests over time" });
  if (series.length === 0) {
    root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "No requests in this range"));
    return root;
  }
  const max = Math.max(1, ...series.map((p) => p.figures.requests));
  const step = (width - pad) / series.length;
  root.append(svg("line", { x1: pad, y1: height - pad, x2: width, y2: height - pad }));
  root.append(svg("text", { x: 0, y: 12 }, count(max)));
  series.forEach((point, index) => {
    const x = pad + index * step + 1;
    const w = Math.max(1, step - 2);
    const barHeight = (point.figures.requests / max) * (height - 2 * pad);
    const errorHeight = (point.figures.errors / max) * (height - 2 * pad);
    const bar = svg("rect", { class: "bar", x, y: height - pad - barHeight, width: w, height: barHeight });
    bar.append(svg("title", {}, `${point.at}: ${point.figures.requests} requests, ${point.figures.errors} errors, ${usd(point.figures.cost_usd)}`));
    root.append(bar);
    if (errorHeight > 0) root.append(svg("rect", { class: "err", x, y: height - pad - errorHeight, width: w, height: errorHeight }));
  });
  root.append(svg("text", { x: pad, y: height - 6 }, series[0].at));
  root.append(svg("text", { x: width, y: height - 6, "text-anchor": "end" }, series[series.length - 1].at));
  return root;
}

function groupsTable(groups, by) {
  if (groups.length === 0) return h("p", { class: "muted" }, "No requests in this range.");
  return h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, by), ["Requests", "Errors", "Tokens in", "Tokens out", "Cost"].map((c) => h("th", { class: "num" }, c)))),
    h("tbody", {}, groups.map((g) => h("tr", {},
      h("td", {}, g.key || "—"),
      h("td", { class: "num" }, count(g.figures.requests)),
      h("td", { class: "num" }, count(g.figures.errors)),
      h("td", { class: "num" }, count(g.figures.tokens_in)),
      h("td", { class: "num" }, count(g.figures.tokens_out)),
      h("td", { class: "num" }, usd(g.figures.cost_usd))))));
}
