// The Brokle dashboard: limits and budgets with their use. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h, svg, show, usd, when } from "./dom.js";
import { state, api, orgPath } from "./api.js";

function bar(fraction) {
  const width = 160;
  const used = Math.max(0, Math.min(1, fraction));
  return svg("svg", { class: "usage", viewBox: `0 0 ${width} 10`, width, height: 10, role: "img", "aria-label": Math.round(used * 100) + " % used" },
    svg("rect", { class: "track", x: 0, y: 0, width, height: 10 }),
    svg("rect", { class: used >= 1 ? "full" : used >= 0.8 ? "high" : "used", x: 0, y: 0, width: width * used, height: 10 }));
}

export async function limitsView(org, role) {
  const data = await api("GET", orgPath(org, "/limits"));
  const admin = role === "owner" || role === "admin";
  const note = h("p", { class: "error", "data-test": "limits-error" });
  async function change(method, path, body) {
    note.textContent = "";
    try { await api(method, orgPath(org, path), body); await state.render(); } catch (error) { note.textContent = error.message; }
  }
  const scopeLabel = (scope, kind) => kind === "end_user" ? scope + " (each end user)" : scope;
  const removal = (path, scope, kind, extra) => admin
    ? h("button", { type: "button", onclick: () => change("DELETE", path + "?" + new URLSearchParams(Object.assign({ scope: scope, per_user: String(kind === "end_user") }, extra)).toString()) }, "Remove")
    : "";
  const budgets = data.budgets.map((b) => {
    const fraction = b.spent_usd === undefined ? null : (Number(b.spent_usd) + Number(b.reserved_usd || 0)) / Math.max(Number(b.limit_usd), 1e-9);
    return h("tr", {},
      h("td", {}, scopeLabel(b.scope, b.kind)), h("td", {}, b.period), h("td", { class: "num" }, usd(b.limit_usd)),
      h("td", { class: "num" }, b.spent_usd === undefined ? "per user" : usd(b.spent_usd)),
      h("td", {}, fraction === null ? "" : [bar(fraction), " ", Math.round(fraction * 100) + " %"]),
      h("td", {}, b.period_end ? when(b.period_end) : ""), h("td", {}, removal("/budgets", b.scope, b.kind, { period: b.period })));
  });
  const limits = data.limits.map((l) => h("tr", {},
    h("td", {}, scopeLabel(l.scope, l.kind)), h("td", { class: "num" }, l.rpm ?? "—"), h("td", { class: "num" }, l.tpm ?? "—"),
    h("td", { class: "num" }, l.concurrency ?? "—"), h("td", {}, removal("/limits", l.scope, l.kind, {}))));
  const forms = [];
  if (admin) {
    const scope = () => h("input", { name: "scope", placeholder: org + "[/project[/env]]", value: org, size: 22 });
    const perUser = () => h("label", {}, h("input", { type: "checkbox", name: "per_user" }), " each end user");
    const budgetScope = scope(), budgetUser = perUser();
    const period = h("select", { name: "period", "aria-label": "period" }, ["day", "week", "month"].map((p) => h("option", { value: p, selected: p === "month" }, p)));
    const amount = h("input", { name: "usd", placeholder: "USD", size: 8 });
    forms.push(h("form", {
      class: "filters", "data-test": "set-budget",
      onsubmit: (event) => {
        event.preventDefault();
        change("PUT", "/budgets", { scope: budgetScope.value.trim(), per_user: budgetUser.querySelector("input").checked, period: period.value, usd: amount.value.trim() });
      },
    }, "Budget:", budgetScope, budgetUser, period, amount, h("button", { type: "submit" }, "Set budget")));
    const limitScope = scope(), limitUser = perUser();
    const numbers = ["rpm", "tpm", "concurrency"].map((name) => h("input", { name, placeholder: name, type: "number", min: 1 }));
    forms.push(h("form", {
      class: "filters", "data-test": "set-limit",
      onsubmit: (event) => {
        event.preventDefault();
        const body = { scope: limitScope.value.trim(), per_user: limitUser.querySelector("input").checked };
        for (const input of numbers) if (input.value) body[input.name] = Number(input.value);
        change("PUT", "/limits", body);
      },
    }, "Limit:", limitScope, limitUser, ...numbers, h("button", { type: "submit" }, "Set limit")));
  }
  show(
    h("h1", {}, "Limits and budgets"),
    ...forms, note,
    h("div", { class: "panel" }, h("h2", {}, "Budgets (this period)"), budgets.length
      ? h("table", {}, h("thead", {}, h("tr", {}, ["Scope", "Period", "Budget", "Spent", "Used", "Period ends", ""].map((c) => h("th", {}, c)))),
        h("tbody", { "data-test": "budget-rows" }, budgets))
      : h("p", { class: "muted" }, "No budget is set.")),
    h("div", { class: "panel" }, h("h2", {}, "Rate limits"), limits.length
      ? h("table", {}, h("thead", {}, h("tr", {}, ["Scope", "Requests/min", "Tokens/min", "Concurrent", ""].map((c) => h("th", {}, c)))),
        h("tbody", { "data-test": "limit-rows" }, limits))
      : h("p", { class: "muted" }, "No rate limit is set.")));
}
