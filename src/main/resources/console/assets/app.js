// The console's shell: session, language, navigation and client-side routes.
import { api, loadSession, request } from './api.js';
import { connect, disconnect } from './events.js';
import { currentLanguage, languages, preferredLanguage, t, useLanguage } from './i18n.js';
import { button, h, replace, showError } from './ui.js';

const PAGES = [
  { path: /^\/console\/sign-in\/?$/, module: './pages/sign-in.js', public: true },
  { path: /^\/console\/password\/?$/, module: './pages/password.js', public: true },
  { path: /^\/console\/confirm-email\/?$/, module: './pages/confirm-email.js', public: true },
  { path: /^\/console\/forgot-password\/?$/, module: './pages/forgot-password.js', public: true },
  { path: /^\/console\/reset-password\/?$/, module: './pages/reset-password.js', public: true },
  { path: /^\/console\/inbox(?:\/([0-9a-fA-F-]{36}))?\/?$/, module: './pages/inbox.js', nav: 'inbox' },
  { path: /^\/console\/knowledge\/?$/, module: './pages/knowledge.js', nav: 'knowledge' },
  { path: /^\/console\/agent\/?$/, module: './pages/agent.js', nav: 'agent' },
  { path: /^\/console\/usage\/?$/, module: './pages/usage.js', nav: 'usage' },
  { path: /^\/console\/settings\/?$/, module: './pages/settings.js', nav: 'settings', owner: true },
];

const NAV = ['inbox', 'knowledge', 'agent', 'usage', 'settings'];

const state = { session: null, cleanup: null };

export function navigate(path, { replace: replacing = false } = {}) {
  if (replacing) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

export function user() {
  return state.session && state.session.user;
}

export async function refreshSession() {
  state.session = await loadSession();
  return state.session;
}

function header() {
  const top = document.getElementById('top');
  const person = user();
  if (!person || person.must_change_password) {
    replace(top, h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), 'Agent Hub'), languagePicker());
    return;
  }
  const links = NAV.filter((name) => name !== 'settings' || person.role === 'owner').map((name) =>
    h('a', { href: `/console/${name}`, class: 'nav-link', dataset: { nav: name }, 'data-link': '' }, t(`nav.${name}`)));
  replace(top,
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }),
      h('span', { class: 'org', text: person.organization_name || 'Agent Hub' })),
    h('nav', { class: 'nav', 'aria-label': t('nav.label') }, links),
    h('div', { class: 'who' },
      h('span', { class: 'who-name', text: person.full_name || person.email, title: `${person.email} · ${t(`role.${person.role}`)}` }),
      languagePicker(),
      button(t('nav.sign_out'), signOut, { class: 'link-button', id: 'sign-out' })));
}

function languagePicker() {
  const select = h('select', { id: 'language', 'aria-label': t('nav.language'), class: 'compact' },
    languages().map((code) => h('option', { value: code, selected: code === currentLanguage(), text: code.toUpperCase() })));
  select.addEventListener('change', async () => {
    await useLanguage(select.value, true);
    render();
  });
  return select;
}

async function signOut() {
  try {
    await request('POST', '/console/sign-out', undefined, { allowUnauthorized: true });
  } catch (error) {
    showError(error);
  }
  disconnect();
  location.assign('/console/sign-in');
}

function markNavigation(page) {
  document.querySelectorAll('.nav-link').forEach((link) => {
    if (link.dataset.nav === page.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}

async function render() {
  const main = document.getElementById('main');
  if (state.cleanup) {
    state.cleanup();
    state.cleanup = null;
  }
  const path = location.pathname;
  if (path === '/console' || path === '/console/') return navigate('/console/inbox', { replace: true });
  const person = user();
  const page = PAGES.find((candidate) => candidate.path.test(path));
  if (!page) {
    header();
    replace(main, h('h1', { text: t('notfound.title') }), h('p', {}, h('a', { href: '/console/inbox', 'data-link': '' }, t('nav.inbox'))));
    return;
  }
  if (!page.public && !person) return navigate('/console/sign-in', { replace: true });
  if (!page.public && person.must_change_password) return navigate('/console/password', { replace: true });
  header();
  markNavigation(page);
  if (page.owner && person.role !== 'owner') {
    replace(main, h('section', { class: 'panel forbidden', id: 'forbidden' },
      h('h1', { text: t('forbidden.title') }), h('p', { text: t('forbidden.owner_only') })));
    return;
  }
  if (!page.public) connect();
  const match = path.match(page.path);
  const module = await import(page.module);
  document.title = `${t(`title.${page.nav || page.module.replace(/.*\/|\.js$/g, '')}`)} · Agent Hub`;
  try {
    state.cleanup = (await module.render(main, { params: match.slice(1), user: person, navigate, refreshSession, api })) || null;
  } catch (error) {
    showError(error);
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});

window.addEventListener('popstate', render);

(async function start() {
  await useLanguage(preferredLanguage());
  document.querySelector('.skip-link').textContent = t('nav.skip');
  try {
    await refreshSession();
  } catch (error) {
    state.session = {};
  }
  render();
})();
