// The Brokle dashboard: a captured request and answer, as a conversation. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.
import { h } from "./dom.js";

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

export function conversation(content) {
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
