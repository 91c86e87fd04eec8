// The hub's API with the person's session cookie: unsafe requests carry the session's CSRF token,
// a signed-out answer (401) sends the browser to the sign-in page.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message || code || String(status));
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** The hub could not be reached at all (offline, connection refused or cut): the browser's fetch failed. */
export class NetworkError extends Error {
  constructor(cause) {
    super('The hub could not be reached', { cause });
  }
}

async function send(path, options) {
  try {
    return await fetch(path, { ...options, credentials: 'same-origin' });
  } catch (cause) {
    throw new NetworkError(cause);
  }
}

export async function loadSession() {
  const response = await send('/console/session', { headers: { Accept: 'application/json' } });
  const body = await response.json();
  csrfToken = body.csrf_token;
  return body;
}

const SAFE = new Set(['GET', 'HEAD']);

export async function request(method, path, body, { allowUnauthorized = false, retried = false } = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (!SAFE.has(method)) {
    if (!csrfToken) await loadSession();
    headers['X-CSRF-TOKEN'] = csrfToken;
  }
  const response = await send(path, { method, headers, body: payload });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (response.ok) return data;
  const error = data && data.error ? data.error : {};
  if (response.status === 401 && !allowUnauthorized) {
    signedOut();
  }
  if (response.status === 403 && error.code === 'csrf' && !retried) {
    await loadSession();
    return request(method, path, body, { allowUnauthorized, retried: true });
  }
  if (response.status === 403 && error.code === 'password_change_required') {
    location.assign('/console/password');
  }
  throw new ApiError(response.status, error.code, error.message, data);
}

export function signedOut() {
  const here = location.pathname + location.search;
  const next = here.startsWith('/console/') && !here.startsWith('/console/sign-in') ? '?next=' + encodeURIComponent(here) : '';
  location.assign('/console/sign-in' + next);
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path) => request('DELETE', path),
};

