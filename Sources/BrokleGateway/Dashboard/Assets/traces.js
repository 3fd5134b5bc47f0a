// The Brokle dashboard: traces (a live tail) and one trace whole. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h, show, count, usd, ms, when } from "./dom.js";
import { state, api, orgPath, link, live, stopLive, filters } from "./api.js";
import { conversation } from "./conversation.js";

const traceFilters = ["model", "provider", "status", "user", "session", "project", "env", "since", "order"];

export async function tracesView(org, query) {
  const { form, params } = filters(org, "traces", traceFilters, query);
  const body = h("tbody", { "data-test": "trace-rows" });
  const more = h("button", { type: "button", hidden: true }, "More");
  const liveBox = h("input", { type: "checkbox", "data-test": "live" });
  const table = h("table", {},
    h("thead", {}, h("tr", {}, ["Started", "Model", "Provider", "Status", "Latency", "Tokens in", "Tokens out", "Cost", "User"].map((c) => h("th", {}, c)))),
    body);
  show(h("h1", {}, "Traces"), form,
    h("div", { class: "controls" }, h("label", { class: "live" }, liveBox, "Live (new traces as they are written)")),
    h("div", { class: "panel" }, table), more);

  const seen = new Set();
  const row = (t) => h("tr", { "data-trace": t.id },
    h("td", {}, h("a", { href: link(org, "traces", t.id) }, when(t.started_at))),
    h("td", {}, t.model),
    h("td", {}, t.provider || "—"),
    h("td", { class: "status-" + t.status }, t.status + (t.http_status ? " " + t.http_status : "")),
    h("td", { class: "num" }, ms(t.latency_ms)),
    h("td", { class: "num" }, count(t.tokens_in)),
    h("td", { class: "num" }, count(t.tokens_out)),
    h("td", { class: "num" }, usd(t.cost_usd)),
    h("td", {}, t.end_user || ""));
  let cursor = null;
  async function page() {
    const search = new URLSearchParams(params);
    search.set("limit", "50");
    if (cursor) search.set("after", cursor);
    const data = await api("GET", orgPath(org, "/traces?" + search.toString()));
    for (const t of data.traces) { seen.add(t.id); body.append(row(t)); }
    cursor = data.next_cursor;
    more.hidden = !cursor;
  }
  more.addEventListener("click", () => page().catch((error) => more.replaceWith(h("p", { class: "error" }, error.message))));
  await page();
  if (seen.size === 0) body.append(h("tr", { class: "empty" }, h("td", { colspan: 9, class: "muted" }, "No traces match.")));

  liveBox.addEventListener("change", () => {
    stopLive();
    if (!liveBox.checked) return;
    // New traces arrive as `traces` events (server-sent); each brings the newest page, filtered by the server.
    let pending = false;
    async function refresh() {
      pending = false;
      try {
        const search = new URLSearchParams(params);
        search.set("limit", "50");
        const data = await api("GET", orgPath(org, "/traces?" + search.toString()));
        const fresh = data.traces.filter((t) => !seen.has(t.id));
        const empty = body.querySelector("tr.empty");
        if (empty && fresh.length) empty.remove();
        for (const t of fresh.reverse()) { seen.add(t.id); body.prepend(row(t)); }
      } catch (error) { /* the next event tries again */ }
    }
    state.live = live(org, {
      traces: () => { if (!pending) { pending = true; setTimeout(refresh, 100); } },
    });
  });
}

export async function traceView(org, id) {
  const t = await api("GET", orgPath(org, "/traces/" + encodeURIComponent(id)));
  const fact = (name, value) => [h("dt", {}, name), h("dd", {}, value === null || value === undefined || value === "" ? "—" : String(value))];
  const facts = h("dl", { class: "facts" },
    fact("Id", t.id), fact("Started", when(t.started_at)), fact("Endpoint", t.endpoint), fact("Model asked", t.model),
    fact("Served by", (t.provider || "—") + " / " + (t.model_served || "—")), fact("Status", t.status + (t.http_status ? " " + t.http_status : "")),
    fact("Error", t.error_message), fact("Stream", t.stream ? "yes" : "no"), fact("Latency", ms(t.latency_ms)),
    fact("First token", ms(t.ttft_ms)), fact("Tokens", count(t.tokens_in) + " in, " + count(t.tokens_out) + " out"),
    fact("Cost", usd(t.cost_usd)), fact("Cache", t.cache_result), fact("Project", [t.project, t.env].filter(Boolean).join(" / ")),
    fact("Key", t.key), fact("End user", t.end_user), fact("Session", t.session_id), fact("Tags", (t.tags || []).join(", ")));
  const attempts = h("table", {},
    h("thead", {}, h("tr", {}, ["#", "Provider", "Model", "Status", "Error", "Latency"].map((c) => h("th", {}, c)))),
    h("tbody", {}, (t.attempts_detail || []).map((a) => h("tr", {},
      h("td", {}, a.attempt), h("td", {}, a.provider), h("td", {}, a.model),
      h("td", { class: "status-" + a.status }, a.status + (a.http_status ? " " + a.http_status : "")),
      h("td", {}, a.error_type || ""), h("td", { class: "num" }, ms(a.latency_ms))))));
  show(
    h("p", {}, h("a", { href: link(org, "traces") }, "← Traces")),
    h("h1", {}, "Trace"),
    h("div", { class: "panel" }, facts),
    h("div", { class: "panel", "data-test": "conversation" }, h("h2", {}, "Conversation"), conversation(t.content)),
    h("div", { class: "panel" }, h("h2", {}, "Attempts"), attempts),
  );
}
