// The Brokle dashboard: keys (the secret shown once). Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h, show, when } from "./dom.js";
import { state, api, orgPath } from "./api.js";

/** What a role may do with keys (the server decides; this only hides what it would refuse). */
function mayManageKeys(role, env) {
  const production = env === "production" || env === "prod";
  return role === "owner" || role === "admin" || (role === "developer" && !production);
}

export async function keysView(org, role) {
  const data = await api("GET", orgPath(org, "/keys"));
  const secretBox = h("div", { "data-test": "new-key", hidden: true, class: "panel" });
  const note = h("p", { class: "error", "data-test": "key-error" });

  function reveal(title, key) {
    const value = h("code", { "data-test": "secret" }, key.key);
    secretBox.replaceChildren(
      h("h2", {}, title),
      h("p", {}, "Copy it now: it is shown this once and never again (only its hash is stored)."),
      h("p", {}, value, " ", h("button", { type: "button", onclick: () => navigator.clipboard && navigator.clipboard.writeText(key.key) }, "Copy")),
      h("button", { type: "button", onclick: () => { secretBox.hidden = true; secretBox.replaceChildren(); state.render(); } }, "Done"));
    secretBox.hidden = false;
  }

  async function change(method, path, body, title) {
    note.textContent = "";
    try {
      const key = await api(method, orgPath(org, path), body);
      if (key && key.key) reveal(title, key); else await state.render();
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
