// The Brokle dashboard: end users, sessions and providers. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h, show, count, usd, ms } from "./dom.js";
import { state, api, orgPath, link, live } from "./api.js";

export async function peopleView(org, what, query) {
  const range = query.get("range") || "24h";
  const data = await api("GET", orgPath(org, "/" + what + "?range=" + encodeURIComponent(range)));
  const filter = what === "users" ? "user" : "session";
  const title = what === "users" ? "End users" : "Sessions";
  const picker = h("select", {
    "aria-label": "range", onchange: (event) => { location.hash = link(org, what, null, { range: event.target.value }); },
  }, ["24h", "7d", "30d"].map((o) => h("option", { value: o, selected: o === range }, o)));
  const rows = data.rows.map((r) => {
    const query = { [filter]: r.key };
    if (what === "sessions") query.order = "asc";
    return h("tr", {},
      h("td", {}, h("a", { href: link(org, "traces", null, query) }, r.key)),
      h("td", { class: "num" }, count(r.figures.requests)),
      h("td", { class: "num" }, count(r.figures.errors)),
      h("td", { class: "num" }, count(r.figures.tokens_in)),
      h("td", { class: "num" }, count(r.figures.tokens_out)),
      h("td", { class: "num" }, usd(r.figures.cost_usd)));
  });
  show(
    h("h1", {}, title),
    h("div", { class: "controls" }, "Last", picker, data.truncated ? h("span", { class: "muted" }, "(the busiest 500)") : null),
    h("div", { class: "panel" }, rows.length === 0
      ? h("p", { class: "muted" }, what === "users"
        ? "No request named an end user (the OpenAI user field, Anthropic's metadata.user_id or x-brokle-user)."
        : "No request named a session (x-brokle-session).")
      : h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, filter), ["Requests", "Errors", "Tokens in", "Tokens out", "Cost"].map((c) => h("th", { class: "num" }, c)))),
        h("tbody", { "data-test": what + "-rows" }, rows))));
}

export async function providersView(org) {
  const data = await api("GET", orgPath(org, "/providers"));
  const traffic = new Map(data.last_hour.map((t) => [t.provider, t]));
  const cells = new Map();
  const rows = data.deployments.map((d) => {
    const circuit = h("td", { class: d.circuit === "closed" ? "status-ok" : "status-error" }, d.circuit);
    cells.set(d.deployment, circuit);
    const t = traffic.get(d.provider);
    return h("tr", {},
      h("td", {}, d.deployment),
      circuit,
      h("td", { class: "num" }, ms(d.latency_ms)),
      h("td", { class: "num" }, t ? count(t.requests) : "0"),
      h("td", { class: "num" }, t ? (100 * t.error_rate).toFixed(1) + " %" : "—"));
  });
  state.live = live(org, {
    circuit: (c) => {
      const cell = cells.get(c.deployment);
      if (!cell) return;
      cell.textContent = c.state;
      cell.className = c.state === "closed" ? "status-ok" : "status-error";
    },
  });
  show(
    h("h1", {}, "Providers"),
    h("p", { class: "muted" }, "Circuits and latency as this gateway sees them now (they change live); requests and errors of this organization over the last hour, per provider."),
    h("div", { class: "panel" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Deployment", "Circuit", "Latency", "Requests (1 h)", "Errors (1 h)"].map((c) => h("th", {}, c)))),
      h("tbody", { "data-test": "provider-rows" }, rows))));
}
