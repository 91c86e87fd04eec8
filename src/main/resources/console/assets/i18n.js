// Spanish and English: from the browser's language, switchable, remembered in localStorage.
const SUPPORTED = ['es', 'en'];
const STORAGE_KEY = 'hub.console.lang';
let dictionary = {};
let language = 'es';

export function preferredLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'es';
  return browser.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export async function useLanguage(wanted, remember = false) {
  language = SUPPORTED.includes(wanted) ? wanted : 'es';
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  const response = await fetch(`/console/assets/i18n/${language}.json`, { credentials: 'same-origin' });
  dictionary = await response.json();
  document.documentElement.lang = language;
}

export function currentLanguage() {
  return language;
}

export function languages() {
  return SUPPORTED;
}

export function t(key, values = {}) {
  let text = dictionary[key] ?? key;
  for (const [name, value] of Object.entries(values)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

export function locale() {
  return language === 'es' ? 'es-ES' : 'en-GB';
}
