// The Brokle dashboard: DOM and number helpers. Everything from the API goes on the page as text (textContent,
// attributes), never parsed as markup.

export const SVG = "http://www.w3.org/2000/svg";

/** An element with attributes (strings) and children (nodes or text). */
export function h(tag, attributes, ...children) {
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

export function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

export function show(...nodes) {
  const main = document.getElementById("main");
  main.replaceChildren(...nodes);
}

const integer = new Intl.NumberFormat("en-US");
export function count(value) { return integer.format(value || 0); }
export function usd(value) {
  if (value === null || value === undefined) return "—";
  const digits = Math.abs(value) < 1 ? 6 : 2;
  return "$" + Number(value).toFixed(digits);
}
export function ms(value) {
  if (value === null || value === undefined) return "—";
  return (value < 10 ? value.toFixed(1) : Math.round(value)) + " ms";
}
export function when(text) { return new Date(text).toLocaleString(); }
