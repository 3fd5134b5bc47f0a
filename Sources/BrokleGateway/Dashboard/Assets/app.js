// The Brokle dashboard: one page, no framework, no build step. Everything the API returns is put on
// the page as text (textContent, createTextNode, attributes) — never parsed as markup — so a prompt
// or an answer holding HTML shows as what it is. The Content-Security-Policy refuses inline script.
"use strict";

const state = { session: null, org: null, live: null };
const SVG = "http://www.w3.org/2000/svg";

// --- small helpers ---------------------------------------------------------------------------

/** An element with attributes (strings) and children (nodes or text). */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

function show(...nodes) {
  const main = document.getElementById("main");
  main.replaceChildren(...nodes);
}

const integer = new Intl.NumberFormat("en-US");
function count(value) { return integer.format(value || 0); }
function usd(value) {
  if (value === null || value === undefined) return "—";
  const digits = Math.abs(value) < 1 ? 6 : 2;
  return "$" + Number(value).toFixed(digits);
}
function ms(value) {
  if (value === null || value === undefined) return "—";
  return (value < 10 ? value.toFixed(1) : Math.round(value)) + " ms";
}
function when(text) { return new Date(text).toLocaleString(); }

/** Calls the API; a change carries the session's CSRF token. Throws an Error with the API's message. */
async function api(method, path, body) {
  const headers = { "accept": "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && state.session) headers["x-csrf-token"] = state.session.csrf_token;
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin",
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error((data.error && data.error.message) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function orgPath(org, rest) { return "/api/v1/orgs/" + encodeURIComponent(org) + rest; }

// --- routing -----------------------------------------------------------------------------------

/** `#/o/ORG/PAGE[/ID][?query]` → { org, page, id, query }. */
function route() {
  const hash = location.hash.replace(/^#/, "");
  const [path, search] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search || "");
  if (parts[0] === "o" && parts[1]) return { org: parts[1], page: parts[2] || "overview", id: parts[3], query };
  return { org: null, page: "overview", query };
}

function link(org, page, id, query) {
  let hash = "#/o/" + encodeURIComponent(org) + "/" + page + (id ? "/" + encodeURIComponent(id) : "");
  const search = query ? new URLSearchParams(query).toString() : "";
  return search ? hash + "?" + search : hash;
}

async function render() {
  stopLive();
  if (!state.session) return;
  const where = route();
  const orgs = state.session.organizations;
  if (orgs.length === 0) {
    show(h("h1", {}, "No organization"), h("p", { class: "muted" }, "You are not a member of any organization yet."));
    return;
  }
  const org = orgs.find((o) => o.slug === where.org) || orgs[0];
  state.org = org.slug;
  if (where.org !== org.slug) { location.hash = link(org.slug, where.page); return; }
  renderNav(where);
  try {
    if (where.page === "traces" && where.id) await traceView(org.slug, where.id);
    else if (where.page === "traces") await tracesView(org.slug, where.query);
    else if (where.page === "users") await peopleView(org.slug, "users", where.query);
    else if (where.page === "sessions") await peopleView(org.slug, "sessions", where.query);
    else if (where.page === "providers") await providersView(org.slug);
    else if (where.page === "keys") await keysView(org.slug, org.role);
    else if (where.page === "audit") await auditView(org.slug, where.query);
    else if (where.page === "limits") await limitsView(org.slug, org.role);
    else await overviewView(org.slug, where.query);
  } catch (error) {
    if (error.status === 401) { state.session = null; signInView(); return; }
    show(h("p", { class: "error", "data-test": "error" }, error.message));
  }
}

function renderNav(where) {
  const nav = document.getElementById("nav");
  const orgs = state.session.organizations;
  const picker = h("select", {
    "aria-label": "Organization",
    onchange: (event) => { location.hash = link(event.target.value, where.page === "traces" && !where.id ? "traces" : "overview"); },
  }, orgs.map((o) => h("option", { value: o.slug, selected: o.slug === state.org }, o.name + " (" + o.role + ")")));
  nav.replaceChildren(
    picker,
    h("a", { href: link(state.org, "overview"), class: where.page === "overview" ? "active" : null }, "Overview"),
    ...[["traces", "Traces"], ["sessions", "Sessions"], ["users", "End users"], ["providers", "Providers"], ["keys", "Keys"], ["limits", "Limits"]]
      .concat(["owner", "admin"].includes(currentRole()) ? [["audit", "Audit"]] : [])
      .map(([page, title]) => h("a", { href: link(state.org, page), class: where.page === page ? "active" : null }, title)),
  );
  const who = document.getElementById("who");
  who.replaceChildren(
    h("span", { "data-test": "who" }, state.session.user.email),
    h("button", { type: "button", onclick: signOut }, "Sign out"),
  );
}

// --- sign-in -----------------------------------------------------------------------------------

function signInView(message) {
  document.getElementById("nav").replaceChildren();
  document.getElementById("who").replaceChildren();
  const note = h("p", { class: "error", "data-test": "signin-error" }, message || "");
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const form = h("form", {
    class: "signin",
    onsubmit: async (event) => {
      event.preventDefault();
      note.textContent = "";
      try {
        state.session = await api("POST", "/api/v1/session", { email: email.value, password: password.value });
        await render();
      } catch (error) {
        note.textContent = error.message;
      }
    },
  },
  h("h1", {}, "Sign in to Brokle"),
  h("label", {}, "E-mail", email),
  h("label", {}, "Password", password),
  h("button", { type: "submit", class: "primary" }, "Sign in"),
  note,
  h("p", { class: "muted" }, "Or ask for a one-time link: brokle ui link --email you@example.com"));
  show(form);
}

async function signOut() {
  try { await api("DELETE", "/api/v1/session"); } catch (error) { /* signed out either way */ }
  state.session = null;
  history.replaceState(null, "", "/ui/");
  signInView();
}

// --- overview ----------------------------------------------------------------------------------

async function overviewView(org, query) {
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
      card("Cost", usd(t.cost_usd), "total-cost")),
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

// --- end users and sessions --------------------------------------------------------------------

async function peopleView(org, what, query) {
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

// --- providers ---------------------------------------------------------------------------------

async function providersView(org) {
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

// --- keys --------------------------------------------------------------------------------------

/** What a role may do with keys (the server decides; this only hides what it would refuse). */
function mayManageKeys(role, env) {
  const production = env === "production" || env === "prod";
  return role === "owner" || role === "admin" || (role === "developer" && !production);
}

async function keysView(org, role) {
  const data = await api("GET", orgPath(org, "/keys"));
  const secretBox = h("div", { "data-test": "new-key", hidden: true, class: "panel" });
  const note = h("p", { class: "error", "data-test": "key-error" });

  function reveal(title, key) {
    const value = h("code", { "data-test": "secret" }, key.key);
    secretBox.replaceChildren(
      h("h2", {}, title),
      h("p", {}, "Copy it now: it is shown this once and never again (only its hash is stored)."),
      h("p", {}, value, " ", h("button", { type: "button", onclick: () => navigator.clipboard && navigator.clipboard.writeText(key.key) }, "Copy")),
      h("button", { type: "button", onclick: () => { secretBox.hidden = true; secretBox.replaceChildren(); render(); } }, "Done"));
    secretBox.hidden = false;
  }

  async function change(method, path, body, title) {
    note.textContent = "";
    try {
      const key = await api(method, orgPath(org, path), body);
      if (key && key.key) reveal(title, key); else await render();
    } catch (error) {
      note.textContent = error.message;
    }
  }

  const rows = data.keys.map((k) => {
    const actions = k.status === "active" && mayManageKeys(role, k.env)
      ? [h("button", { type: "button", onclick: () => change("POST", "/keys/" + encodeURIComponent(k.id) + "/rotate", { grace_seconds: 0 }, "Key rotated") }, "Rotate"),
        " ",
        h("button", { type: "button", onclick: () => { if (confirm("Revoke " + (k.name || k.public_id) + "? Gateways stop accepting it within their key cache time (BROKLE_AUTH_CACHE_TTL, 30 s by default).")) change("POST", "/keys/" + encodeURIComponent(k.id) + "/revoke", {}, ""); } }, "Revoke")]
      : [];
    return h("tr", { "data-key": k.public_id },
      h("td", {}, k.name || "—"), h("td", {}, k.project + "/" + k.env), h("td", {}, h("code", {}, k.public_id)),
      h("td", { class: k.status === "active" ? "status-ok" : "status-error" }, k.status),
      h("td", {}, when(k.created_at)), h("td", {}, k.last_used_at ? when(k.last_used_at) : "never"),
      h("td", {}, k.expires_at ? when(k.expires_at) : "never"), h("td", {}, actions));
  });

  const creatable = data.environments.filter((path) => mayManageKeys(role, path.split("/")[1]));
  let form = null;
  if (creatable.length) {
    const where = h("select", { name: "environment", "aria-label": "environment" }, creatable.map((p) => h("option", { value: p }, p)));
    const name = h("input", { name: "name", placeholder: "name", size: 18 });
    const days = h("input", { name: "expires", placeholder: "expires (days)", type: "number", min: 1, max: 3650 });
    form = h("form", {
      class: "filters", "data-test": "create-key",
      onsubmit: (event) => {
        event.preventDefault();
        const [project, env] = where.value.split("/");
        const body = { project, env };
        if (name.value.trim()) body.name = name.value.trim();
        if (days.value) body.expires_in_days = Number(days.value);
        change("POST", "/keys", body, "New key");
      },
    }, where, name, days, h("button", { type: "submit", class: "primary" }, "Create key"));
  }
  show(
    h("h1", {}, "Keys"),
    form || h("p", { class: "muted", "data-test": "keys-read-only" }, "Your role (" + role + ") can see keys but not create or revoke them here."),
    note, secretBox,
    h("div", { class: "panel" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Name", "Environment", "Public id", "Status", "Created", "Last used", "Expires", ""].map((c) => h("th", {}, c)))),
      h("tbody", { "data-test": "key-rows" }, rows))));
}

// --- limits and budgets ------------------------------------------------------------------------

function bar(fraction) {
  const width = 160;
  const used = Math.max(0, Math.min(1, fraction));
  return svg("svg", { class: "usage", viewBox: `0 0 ${width} 10`, width, height: 10, role: "img", "aria-label": Math.round(used * 100) + " % used" },
    svg("rect", { class: "track", x: 0, y: 0, width, height: 10 }),
    svg("rect", { class: used >= 1 ? "full" : used >= 0.8 ? "high" : "used", x: 0, y: 0, width: width * used, height: 10 }));
}

async function limitsView(org, role) {
  const data = await api("GET", orgPath(org, "/limits"));
  const admin = role === "owner" || role === "admin";
  const note = h("p", { class: "error", "data-test": "limits-error" });
  async function change(method, path, body) {
    note.textContent = "";
    try { await api(method, orgPath(org, path), body); await render(); } catch (error) { note.textContent = error.message; }
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

// --- audit log (owners and admins) --------------------------------------------------------------

function currentRole() {
  const org = state.session && state.session.organizations.find((o) => o.slug === state.org);
  return org ? org.role : "viewer";
}

function compact(value) {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

async function auditView(org, query) {
  const params = new URLSearchParams();
  for (const name of ["action", "actor", "target"]) if (query.get(name)) params.set(name, query.get(name));
  const inputs = ["action", "actor", "target"].map((name) => h("input", { name, placeholder: name === "action" ? "action (prefix: key.)" : name, value: query.get(name) || "", size: 18 }));
  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      const next = {};
      for (const input of inputs) if (input.value.trim()) next[input.name] = input.value.trim();
      location.hash = link(org, "audit", null, next);
    },
  }, inputs, h("button", { type: "submit" }, "Filter"));
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

// --- traces ------------------------------------------------------------------------------------

const traceFilters = ["model", "provider", "status", "user", "session", "project", "env", "since", "order"];

async function tracesView(org, query) {
  const params = new URLSearchParams();
  for (const name of traceFilters) if (query.get(name)) params.set(name, query.get(name));
  const inputs = traceFilters.map((name) => h("input", { name, placeholder: name, value: query.get(name) || "", size: 12 }));
  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      const next = {};
      for (const input of inputs) if (input.value.trim()) next[input.name] = input.value.trim();
      location.hash = link(org, "traces", null, next);
    },
  }, inputs, h("button", { type: "submit" }, "Filter"));
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

/** Opens the organization's event stream (/api/v1/events) with a handler per event name; the
 * browser reconnects by itself. Returns what stopLive() closes. */
function live(org, handlers) {
  const source = new EventSource("/api/v1/events?org=" + encodeURIComponent(org));
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => handler(JSON.parse(event.data)));
  }
  source.addEventListener("database", (event) => databaseBanner(JSON.parse(event.data).up));
  return source;
}

function databaseBanner(up) {
  let banner = document.getElementById("database-down");
  if (up) { if (banner) banner.remove(); return; }
  if (!banner) {
    banner = h("p", { id: "database-down", class: "error", "data-test": "database-down" },
      "The database cannot be reached: the gateway keeps serving and queues its traces; pages show what was stored before.");
    document.getElementById("main").prepend(banner);
  }
}

function stopLive() {
  if (state.live) { state.live.close(); state.live = null; }
}

async function traceView(org, id) {
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

// --- a captured request and answer, as a conversation ------------------------------------------

/** The text of a message's content: a string, or the text of its parts. */
function textOf(content) {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => {
      if (typeof part === "string") return part;
      if (part.text !== undefined) return String(part.text);
      if (part.type === "tool_use" || part.type === "function_call") return "[tool call " + (part.name || "") + "] " + JSON.stringify(part.input || part.arguments || {});
      if (part.type === "tool_result" || part.type === "function_call_output") return "[tool result] " + textOf(part.content || part.output);
      return "[" + (part.type || "part") + "]";
    }).join("\n");
  }
  return JSON.stringify(content);
}

function turns(request) {
  const out = [];
  if (request.system) out.push({ role: "system", text: textOf(request.system) });
  if (request.instructions) out.push({ role: "system", text: textOf(request.instructions) });
  if (Array.isArray(request.messages)) {
    for (const m of request.messages) {
      let text = textOf(m.content);
      if (Array.isArray(m.tool_calls)) text += m.tool_calls.map((c) => "\n[tool call " + ((c.function && c.function.name) || "") + "] " + ((c.function && c.function.arguments) || "")).join("");
      out.push({ role: m.role || "user", text });
    }
  }
  if (typeof request.input === "string") out.push({ role: "user", text: request.input });
  else if (Array.isArray(request.input)) for (const item of request.input) out.push({ role: item.role || item.type || "input", text: textOf(item.content !== undefined ? item.content : item.output !== undefined ? item.output : item) });
  if (typeof request.prompt === "string") out.push({ role: "user", text: request.prompt });
  return out;
}

function answerOf(response) {
  if (Array.isArray(response.choices)) {
    return response.choices.map((c) => {
      const m = c.message || {};
      let text = textOf(m.content);
      if (Array.isArray(m.tool_calls)) text += m.tool_calls.map((call) => "\n[tool call " + ((call.function && call.function.name) || "") + "] " + ((call.function && call.function.arguments) || "")).join("");
      return text || textOf(c.text);
    }).join("\n");
  }
  if (Array.isArray(response.content)) return textOf(response.content);
  if (Array.isArray(response.output)) return response.output.map((item) => textOf(item.content !== undefined ? item.content : item.arguments !== undefined ? "[tool call " + item.name + "] " + item.arguments : item)).join("\n");
  return JSON.stringify(response, null, 2);
}

function parsed(text) {
  try { return JSON.parse(text); } catch (error) { return null; }
}

function turn(role, text) {
  return h("div", { class: "turn " + role }, h("div", { class: "role" }, role), h("pre", {}, text));
}

function conversation(content) {
  if (!content) return h("p", { class: "muted" }, "Content was not captured for this trace (brokle logging set … --content redacted|full).");
  const nodes = [];
  const request = parsed(content.request);
  if (request && typeof request === "object") for (const t of turns(request)) nodes.push(turn(t.role, t.text));
  else nodes.push(h("pre", { class: "raw" }, content.request));
  if (content.request_truncated) nodes.push(h("p", { class: "muted" }, "(request cut at the capture limit)"));
  if (content.response !== null && content.response !== undefined) {
    const response = parsed(content.response);
    nodes.push(turn("assistant", response && typeof response === "object" ? answerOf(response) : content.response));
    if (content.response_truncated) nodes.push(h("p", { class: "muted" }, "(answer cut at the capture limit)"));
  }
  nodes.push(h("p", { class: "muted" }, "Stored " + content.mode + "."));
  return h("div", {}, nodes);
}

// --- start -------------------------------------------------------------------------------------

/** Signs in with a one-time link in the address (#link=TOKEN: in the fragment, so the token never
 * reaches a server log or a Referer), pasted into a new tab or one already open. */
async function signInWithLink(token) {
  history.replaceState(null, "", "/ui/");
  try {
    state.session = await api("POST", "/api/v1/session/link", { token });
  } catch (error) {
    state.session = null;
    signInView(error.message);
    return;
  }
  await render();
}

function linkToken() {
  const match = location.hash.match(/^#link=([a-z2-7]+)$/);
  return match ? match[1] : null;
}

async function start() {
  const token = linkToken();
  if (token) { await signInWithLink(token); return; }
  try {
    state.session = await api("GET", "/api/v1/session");
  } catch (error) {
    signInView(error.status === 401 ? "" : error.message);
    return;
  }
  await render();
}

window.addEventListener("hashchange", () => {
  const token = linkToken();
  if (token) signInWithLink(token); else render();
});
document.addEventListener("DOMContentLoaded", start);
