// The Brokle dashboard: one page, no framework, no build step — ES modules served by the gateway
// itself. Everything the API returns is put on the page as text (textContent, createTextNode,
// attributes), never parsed as markup, so a prompt or an answer holding HTML shows as what it is;
// the Content-Security-Policy refuses inline script and style besides.
import { h, show } from "./dom.js";
import { state, api, route, link, stopLive, currentRole } from "./api.js";
import { overviewView } from "./overview.js";
import { tracesView, traceView } from "./traces.js";
import { peopleView, providersView } from "./people.js";
import { keysView } from "./keys.js";
import { limitsView } from "./limits.js";
import { auditView } from "./audit.js";
import { cacheView } from "./cache.js";
import { membersView } from "./members.js";
import { policiesView } from "./policies.js";

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
    else if (where.page === "cache") await cacheView(org.slug, where.query);
    else if (where.page === "members") await membersView(org.slug, org.role);
    else if (where.page === "policies") await policiesView(org.slug, org.role);
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
    ...[["traces", "Traces"], ["sessions", "Sessions"], ["users", "End users"], ["providers", "Providers"], ["cache", "Cache"], ["keys", "Keys"], ["limits", "Limits"], ["policies", "Policies"], ["members", "Members"]]
      .concat(["owner", "admin"].includes(currentRole()) ? [["audit", "Audit"]] : [])
      .map(([page, title]) => h("a", { href: link(state.org, page), class: where.page === page ? "active" : null }, title)),
  );
  const who = document.getElementById("who");
  who.replaceChildren(
    h("span", { "data-test": "who" }, state.session.user.email),
    h("button", { type: "button", onclick: signOut }, "Sign out"),
  );
}

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

state.render = render;
