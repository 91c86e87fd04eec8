// One EventSource per page load for the organisation's live events (GET /api/events); pages subscribe.
const listeners = new Map();
let source = null;

function dispatch(type, event) {
  let data = {};
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  (listeners.get(type) || []).forEach((listener) => listener(data));
}

export function connect() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/events', { withCredentials: true });
  ['message', 'status', 'contact', 'source'].forEach((type) => source.addEventListener(type, (event) => dispatch(type, event)));
  source.addEventListener('open', () => document.body.classList.remove('offline'));
  source.addEventListener('error', () => document.body.classList.add('offline'));
}

export function disconnect() {
  if (source) source.close();
  source = null;
}

/** Subscribes to an event type; returns the function that unsubscribes. */
export function on(type, listener) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(listener);
  return () => listeners.get(type).delete(listener);
}
