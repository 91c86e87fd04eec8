// The organisation's chatbots and the one the Knowledge and Agent pages show (remembered in localStorage).
import { api } from './api.js';
import { t } from './i18n.js';
import { field, h } from './ui.js';

const STORAGE_KEY = 'hub.console.chatbot';

export async function chosenChatbot() {
  const { items } = await api.get('/api/chatbots');
  const saved = localStorage.getItem(STORAGE_KEY);
  const chosen = items.find((bot) => bot.id === saved) || items.find((bot) => bot.is_active) || items[0] || null;
  return { chatbots: items, chatbot: chosen };
}

/** A chatbot picker, shown only when the organisation has more than one. */
export function chatbotPicker(chatbots, chatbot, onChange) {
  if (chatbots.length < 2) return null;
  const select = h('select', { id: 'chatbot-picker' },
    chatbots.map((bot) => h('option', { value: bot.id, selected: bot.id === chatbot.id, text: bot.name })));
  select.addEventListener('change', () => {
    localStorage.setItem(STORAGE_KEY, select.value);
    onChange();
  });
  return field(t('common.chatbot'), select);
}

export function noChatbot() {
  return h('section', { class: 'panel' }, h('h1', { text: t('common.no_chatbot') }), h('p', { text: t('common.no_chatbot_hint') }));
}
