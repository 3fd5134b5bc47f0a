// The Brokle dashboard: the API, the session state, addresses and live events. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h } from "./dom.js";

/** The signed-in session, the organization on screen, the open event stream, and `render` (set by app.js). */
export const state = { session: null, org: null, live: null, render: async () => {} };

/** Calls the API; a change carries the session's CSRF token. Throws an Error with the API's message. */
export async function api(method, path, body) {
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

export function orgPath(org, rest) { return "/api/v1/orgs/" + encodeURIComponent(org) + rest; }

/** `#/o/ORG/PAGE[/ID][?query]` → { org, page, id, query }. */
export function route() {
  const hash = location.hash.replace(/^#/, "");
  const [path, search] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map((part) => {
    try { return decodeURIComponent(part); } catch (error) { return part; }  // a stray % in a pasted address
  });
  const query = new URLSearchParams(search || "");
  if (parts[0] === "o" && parts[1]) return { org: parts[1], page: parts[2] || "overview", id: parts[3], query };
  return { org: null, page: "overview", query };
}

export function link(org, page, id, query) {
  let hash = "#/o/" + encodeURIComponent(org) + "/" + page + (id ? "/" + encodeURIComponent(id) : "");
  const search = query ? new URLSearchParams(query).toString() : "";
  return search ? hash + "?" + search : hash;
}

/** Opens the organization's event stream (/api/v1/events) with a handler per event name; the
 * browser reconnects by itself. Returns what stopLive() closes. */
export function live(org, handlers) {
  const source = new EventSource("/api/v1/events?org=" + encodeURIComponent(org));
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => handler(JSON.parse(event.data)));
  }
  source.addEventListener("database", (event) => databaseBanner(JSON.parse(event.data).up));
  source.addEventListener("budget", (event) => budgetNotice(JSON.parse(event.data)));
  return source;
}

export function databaseBanner(up) {
  let banner = document.getElementById("database-down");
  if (up) { if (banner) banner.remove(); return; }
  if (!banner) {
    banner = h("p", { id: "database-down", class: "error", "data-test": "database-down" },
      "The database cannot be reached: the gateway keeps serving and queues its traces; pages show what was stored before.");
    document.getElementById("main").prepend(banner);
  }
}

export function stopLive() {
  if (state.live) { state.live.close(); state.live = null; }
}

export function currentRole() {
  const org = state.session && state.session.organizations.find((o) => o.slug === state.org);
  return org ? org.role : "viewer";
}

/** A budget crossed 80 % or 100 % of its period: said at the top of the page until dismissed. */
function budgetNotice(b) {
  const text = `Budget ${b.scope} (${b.period}) has used ${b.percent} %: $${b.used_usd} of $${b.limit_usd}.`;
  const notice = h("p", { class: b.percent >= 100 ? "error notice" : "notice", "data-test": "budget-notice" }, text, " ",
    h("button", { type: "button", onclick: () => notice.remove() }, "Dismiss"));
  document.getElementById("main").prepend(notice);
}

/** A filter form for a listing: one input per name (filled from the address), submitting to the
 * page's address with the values given. Returns the form and the API parameters it implies. */
export function filters(org, page, names, query, { size = 12, placeholders = {} } = {}) {
  const params = new URLSearchParams();
  for (const name of names) if (query.get(name)) params.set(name, query.get(name));
  const inputs = names.map((name) => h("input", { name, placeholder: placeholders[name] || name, value: query.get(name) || "", size }));
  const form = h("form", {
    class: "filters",
    onsubmit: (event) => {
      event.preventDefault();
      const next = {};
      for (const input of inputs) if (input.value.trim()) next[input.name] = input.value.trim();
      location.hash = link(org, page, null, next);
    },
  }, inputs, h("button", { type: "submit" }, "Filter"));
  return { form, params };
}
