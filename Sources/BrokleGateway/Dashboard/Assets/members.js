// The Brokle dashboard: an organization's members; owners add them, change roles, remove them.
// Everything from the API goes on the page as text (textContent, attributes), never as markup.
import { h, show, when } from "./dom.js";
import { state, api, orgPath } from "./api.js";

const roles = ["owner", "admin", "developer", "viewer"];

export async function membersView(org, role) {
  const data = await api("GET", orgPath(org, "/members"));
  const owner = role === "owner";
  const note = h("p", { class: "error", "data-test": "members-error" });
  async function change(method, path, body) {
    note.textContent = "";
    try { await api(method, orgPath(org, path), body); await state.render(); } catch (error) { note.textContent = error.message; }
  }
  const rows = data.members.map((m) => {
    const path = "/members/" + encodeURIComponent(m.email);
    const roleCell = owner
      ? h("select", { "aria-label": "role of " + m.email, onchange: (event) => change("PUT", path, { role: event.target.value }) },
        roles.map((r) => h("option", { value: r, selected: r === m.role }, r)))
      : m.role;
    return h("tr", {},
      h("td", {}, m.email), h("td", {}, m.name || ""), h("td", {}, roleCell), h("td", {}, when(m.created_at)),
      h("td", {}, owner && m.email !== state.session.user.email
        ? h("button", { type: "button", onclick: () => { if (confirm("Remove " + m.email + " from " + org + "?")) change("DELETE", path); } }, "Remove")
        : ""));
  });
  let form = null;
  if (owner) {
    const email = h("input", { name: "email", type: "email", placeholder: "e-mail", required: true, size: 24 });
    const name = h("input", { name: "name", placeholder: "name (optional)", size: 18 });
    const pick = h("select", { name: "role", "aria-label": "role" }, roles.map((r) => h("option", { value: r, selected: r === "viewer" }, r)));
    form = h("form", {
      class: "filters", "data-test": "add-member",
      onsubmit: (event) => {
        event.preventDefault();
        const body = { email: email.value.trim(), role: pick.value };
        if (name.value.trim()) body.name = name.value.trim();
        change("POST", "/members", body);
      },
    }, email, name, pick, h("button", { type: "submit", class: "primary" }, "Add member"));
  }
  show(
    h("h1", {}, "Members"),
    form || h("p", { class: "muted" }, "Owners add and remove members and change their roles."),
    note,
    h("p", { class: "muted" }, "A new member signs in with a link from brokle ui link --email … or a password set with brokle users passwd."),
    h("div", { class: "panel" }, h("table", {},
      h("thead", {}, h("tr", {}, ["E-mail", "Name", "Role", "Member since", ""].map((c) => h("th", {}, c)))),
      h("tbody", { "data-test": "member-rows" }, rows))));
}
