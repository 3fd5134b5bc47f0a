// The Brokle dashboard: logging (content capture, retention) and guardrail policies per scope;
// admins and owners set and remove them. Everything from the API goes on the page as text.
import { h, show } from "./dom.js";
import { state, api, orgPath } from "./api.js";

function days(seconds) {
  if (seconds === undefined || seconds === null) return "—";
  if (seconds === 0) return "forever";
  return seconds % 86400 === 0 ? seconds / 86400 + " d" : Math.round(seconds / 3600) + " h";
}

export async function policiesView(org, role) {
  const data = await api("GET", orgPath(org, "/policies"));
  const admin = role === "owner" || role === "admin";
  const note = h("p", { class: "error", "data-test": "policies-error" });
  async function change(method, path, body) {
    note.textContent = "";
    try { await api(method, orgPath(org, path), body); await state.render(); } catch (error) { note.textContent = error.message; }
  }
  const remove = (path, scope) => admin
    ? h("button", { type: "button", onclick: () => change("DELETE", path + "?scope=" + encodeURIComponent(scope)) }, "Remove") : "";
  const logging = data.logging.map((p) => h("tr", {},
    h("td", {}, p.scope), h("td", {}, p.content || "—"), h("td", {}, days(p.trace_retention_seconds)),
    h("td", {}, days(p.content_retention_seconds)), h("td", {}, remove("/logging", p.scope))));
  const guardrails = data.guardrails.map((p) => h("tr", {},
    h("td", {}, p.scope), h("td", {}, h("pre", { class: "raw" }, JSON.stringify(p.policy))), h("td", {}, remove("/guardrails", p.scope))));
  const forms = [];
  if (admin) {
    const scope = () => h("input", { name: "scope", value: org, size: 22, "aria-label": "scope" });
    const logScope = scope();
    const content = h("select", { name: "content", "aria-label": "content" }, ["", "off", "redacted", "full"].map((m) => h("option", { value: m }, m || "content: unchanged")));
    const traceRetention = h("input", { name: "trace_retention", placeholder: "traces kept (30d, forever)", size: 20 });
    const contentRetention = h("input", { name: "content_retention", placeholder: "content kept (7d)", size: 16 });
    forms.push(h("form", {
      class: "filters", "data-test": "set-logging",
      onsubmit: (event) => {
        event.preventDefault();
        const body = { scope: logScope.value.trim() };
        if (content.value) body.content = content.value;
        if (traceRetention.value.trim()) body.trace_retention = traceRetention.value.trim();
        if (contentRetention.value.trim()) body.content_retention = contentRetention.value.trim();
        change("PUT", "/logging", body);
      },
    }, "Logging:", logScope, content, traceRetention, contentRetention, h("button", { type: "submit" }, "Set")));
    const railScope = scope();
    const policy = h("textarea", { name: "policy", rows: 3, cols: 60, "aria-label": "policy", placeholder: '{"input": {"email": "mask"}, "restore": true}' });
    forms.push(h("form", {
      class: "filters", "data-test": "set-guardrails",
      onsubmit: (event) => {
        event.preventDefault();
        let parsed;
        try { parsed = JSON.parse(policy.value); } catch (error) { note.textContent = "The policy is not JSON: " + error.message; return; }
        change("PUT", "/guardrails", { scope: railScope.value.trim(), policy: parsed });
      },
    }, "Guardrails:", railScope, policy, h("button", { type: "submit" }, "Set (replaces the scope's policy)")));
  }
  show(
    h("h1", {}, "Policies"),
    ...forms, note,
    h("div", { class: "panel" }, h("h2", {}, "Logging"), logging.length
      ? h("table", {}, h("thead", {}, h("tr", {}, ["Scope", "Content", "Traces kept", "Content kept", ""].map((c) => h("th", {}, c)))),
        h("tbody", { "data-test": "logging-rows" }, logging))
      : h("p", { class: "muted" }, "No scope sets one: BROKLE_LOG_CONTENT and the retention defaults apply.")),
    h("div", { class: "panel" }, h("h2", {}, "Guardrails"), guardrails.length
      ? h("table", {}, h("thead", {}, h("tr", {}, ["Scope", "Policy", ""].map((c) => h("th", {}, c)))),
        h("tbody", { "data-test": "guardrail-rows" }, guardrails))
      : h("p", { class: "muted" }, "No scope sets one: brokle.yaml's guardrails apply.")));
}
