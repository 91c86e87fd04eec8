// Small DOM helpers: elements built without innerHTML (nothing a customer wrote is ever parsed as HTML).
import { ApiError, NetworkError } from './api.js';
import { locale, t } from './i18n.js';

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked' || name === 'disabled' || name === 'selected' || name === 'open') element[name] = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') element.textContent = value;
    else element.setAttribute(name, String(value));
  }
  children.flat().forEach((child) => child && element.append(child));
  return element;
}

let fieldIds = 0;

/** A labelled form field: the label names the control for screen readers and for the keyboard. */
export function field(label, control, hint) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  const hintElement = hint ? h('small', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  const checkbox = control.type === 'checkbox';
  return h('div', { class: checkbox ? 'field field-check' : 'field' },
    checkbox ? [control, h('label', { for: id, text: label })] : [h('label', { for: id, text: label }), control], hintElement);
}

/** A form's submit, once its new password was typed the same twice: {@code save} runs, and an error it throws is shown. */
export function onNewPassword(form, { next, again, message, submit }, save) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    if (next.value !== again.value) {
      message.textContent = t('password.mismatch');
      return;
    }
    submit.disabled = true;
    try {
      await save();
    } catch (error) {
      message.textContent = errorText(error);
    } finally {
      submit.disabled = false;
    }
  });
}

export function button(text, onclick, attributes = {}) {
  return h('button', { type: 'button', ...attributes, onclick }, text);
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  const item = h('div', { class: `toast-item ${kind}`, text: message });
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

// The person's language for a refusal the console knows by its code; the hub's own (English) text for the rest,
// which are the API's field-by-field checks. A request that got no answer at all is a connection problem.
export function errorText(error) {
  if (error instanceof NetworkError) return t('error.network');
  if (!(error instanceof ApiError)) {
    console.error(error); // the console's own mistake: reported in the browser's console, not blamed on the network
    return t('error.generic');
  }
  // an answer not from the hub's API (a proxy's error page) has no code
  return error.code ? codeText(error.code, error.message) : t('error.http_status', { status: error.status });
}

/** The text of an error code in the person's language, or the hub's own text when the console has none. */
export function codeText(code, hubText) {
  const key = `error.${code}`;
  const known = code ? t(key) : key;
  return known !== key ? known : hubText;
}

export function showError(error) {
  toast(errorText(error), 'error');
}

export function time(value) {
  if (!value) return '';
  const date = new Date(value);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay
    ? date.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(locale(), { day: 'numeric', month: 'short' });
}

export function dateTime(value) {
  return value ? new Date(value).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** A file size as the hub states its limits: "10 MB", "0,5 MB", "64 KB". */
export function fileSize(bytes) {
  const kb = bytes / 1024;
  const [value, unit] = kb < 100 ? [kb, 'KB'] : [kb / 1024, 'MB'];
  return `${number(value, Number.isInteger(value) ? 0 : 1)} ${unit}`;
}

export function number(value, digits = 0) {
  return Number(value || 0).toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function money(value) {
  return Number(value || 0).toLocaleString(locale(), { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
}

export function duration(milliseconds) {
  const minutes = Math.max(0, Math.floor(milliseconds / 60000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? t('time.hours_minutes', { h: hours, m: minutes % 60 }) : t('time.minutes', { m: minutes });
}

/** A bar of current/max with an optional warning mark (e.g. 80 %). */
export function meter(label, current, max, { format = number, mark } = {}) {
  const pct = max > 0 ? Math.min(100, (current / max) * 100) : 0;
  const fill = h('span', { class: 'meter-fill' });
  fill.style.width = `${pct}%`;
  const bar = h('div', {
    class: `meter${pct >= 100 ? ' full' : pct >= (mark || 80) ? ' warn' : ''}`, role: 'meter', 'aria-valuemin': 0,
    'aria-valuemax': max, 'aria-valuenow': current, 'aria-label': label,
  }, fill);
  if (mark) {
    const tick = h('span', { class: 'meter-mark', title: `${mark}%` });
    tick.style.left = `${mark}%`;
    bar.append(tick);
  }
  return h('div', { class: 'meter-row' },
    h('div', { class: 'meter-label' }, h('span', { text: label }),
      h('span', { class: 'meter-value', text: max > 0 ? `${format(current)} / ${format(max)}` : format(current) })),
    bar);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || ''}`, text });
}

export function json(value) {
  return JSON.stringify(value, null, 2);
}

export function confirmAction(message) {
  return window.confirm(message);
}

export function debounce(fn, wait) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

export function phone(value) {
  if (!value) return '';
  return String(value).startsWith('+') ? String(value) : `+${value}`;
}
