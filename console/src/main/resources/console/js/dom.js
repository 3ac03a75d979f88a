// Building DOM nodes without a framework, and formatting figures the same way on every page.

/** h('a', { href: '#/x' }, 'text', child): an element with attributes and children (text is escaped). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const num = (x, digits = 0) =>
  x === undefined || x === null || Number.isNaN(Number(x))
    ? '–'
    : Number(x).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const pct = (x, digits = 1) => (x === undefined || x === null ? '–' : `${(100 * x).toFixed(digits)}%`);
export const pValue = (p) => (p === undefined || p === null ? '–' : p < 0.0001 ? '<0.0001' : p.toFixed(4));
/** Short enum name: EXPERIMENT_STATUS_RUNNING → running. */
export const enumName = (value, prefix) => String(value ?? '').replace(prefix, '').toLowerCase().replaceAll('_', ' ');
export const interval = (i, format) => (i ? `[${format(i.lower)}, ${format(i.upper)}]` : '–');

/** A google.protobuf.Value in JSON form, shown as JSON text. */
export const valueText = (value) => (value === undefined ? '–' : JSON.stringify(value));

/** A small figure card. */
export const card = (label, value, attributes = {}) =>
  h('div', { class: 'card', ...attributes }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));

/** A table from column headers and rows of cells; numeric columns right-aligned. */
export function table(headers, rows, attributes = {}) {
  const numeric = new Set(headers.map((x, i) => (String(x).startsWith('#') ? i : -1)));
  return h(
    'table',
    attributes,
    h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : null }, String(x).replace(/^#/, ''))))),
    h('tbody', {}, rows.map((row) => h('tr', row.attributes ?? {}, (row.cells ?? row).map((c, i) => h('td', { class: numeric.has(i) ? 'num' : null }, c))))),
  );
}

/** Calls fn at most once per `millis` of quiet (answering as you type without a call per key). */
export function debounce(fn, millis) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}
