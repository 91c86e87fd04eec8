// Inbox: the organisation's conversations, one open with its messages, composer and contact panel. Live through /api/events.
import { api } from '../api.js';
import { on } from '../events.js';
import { t } from '../i18n.js';
import { badge, button, dateTime, debounce, duration, field, h, json, phone, replace, showError, time, toast } from '../ui.js';

const DAY = 24 * 60 * 60 * 1000;
const FILTERS = ['all', 'needs_person', 'manual', 'unread'];

export async function render(main, { params, user, navigate }) {
  const openId = params[0] ? params[0].toLowerCase() : null;
  const view = { filter: sessionStorage.getItem('hub.inbox.filter') || 'all', query: '', nextBefore: null, contact: null, messages: [] };
  const list = h('ul', { class: 'conv-list', id: 'conversations', 'aria-live': 'polite' });
  const more = button(t('inbox.more'), () => loadList(true), { class: 'secondary more', hidden: true });
  const search = h('input', { type: 'search', id: 'inbox-search', placeholder: t('inbox.search_placeholder'), autocomplete: 'off' });
  const filter = h('select', { id: 'inbox-filter' },
    FILTERS.map((name) => h('option', { value: name, selected: name === view.filter, text: t(`inbox.filter.${name}`) })));
  const pane = h('section', { class: 'conversation-pane', id: 'conversation', 'aria-label': t('inbox.conversation') });
  const panel = h('aside', { class: 'contact-pane', id: 'contact-panel', 'aria-label': t('contact.title') });
  const root = h('div', { class: `inbox${openId ? ' has-open' : ''}` },
    h('section', { class: 'conv-list-pane', 'aria-label': t('inbox.title') },
      h('div', { class: 'list-tools' }, h('h1', { class: 'visually-hidden', text: t('inbox.title') }),
        field(t('inbox.search'), search), field(t('inbox.filter'), filter)),
      list, more),
    pane, panel);
  replace(main, root);

  async function loadList(append = false) {
    const query = new URLSearchParams({ filter: view.filter, limit: '50' });
    if (view.query) query.set('q', view.query);
    if (append && view.nextBefore) query.set('before', view.nextBefore);
    try {
      const page = await api.get(`/api/conversations?${query}`);
      view.nextBefore = page.next_before || null;
      more.hidden = !view.nextBefore;
      const items = page.conversations.map((conversation) => listItem(conversation, openId));
      if (append) list.append(...items);
      else replace(list, items.length ? items : h('li', { class: 'empty', text: t('inbox.empty') }));
    } catch (error) {
      showError(error);
    }
  }

  search.addEventListener('input', debounce(() => {
    view.query = search.value.trim();
    loadList();
  }, 250));
  filter.addEventListener('change', () => {
    view.filter = filter.value;
    sessionStorage.setItem('hub.inbox.filter', view.filter);
    loadList();
  });

  const refreshList = debounce(() => loadList(), 150);
  const refreshOpen = debounce(() => openId && loadConversation(), 100);
  const unsubscribe = [
    on('message', (event) => {
      refreshList();
      if (event.contact_id === openId) refreshOpen();
    }),
    on('status', (event) => event.contact_id === openId && refreshOpen()),
    on('contact', (event) => {
      refreshList();
      if (event.contact_id === openId) refreshOpen();
    }),
  ];

  async function loadConversation() {
    try {
      const [contact, page] = await Promise.all([api.get(`/api/contacts/${openId}`), api.get(`/api/contacts/${openId}/messages?limit=100`)]);
      view.contact = contact;
      view.messages = page.items.slice().reverse();
      renderConversation();
      markRead();
    } catch (error) {
      if (error.status === 404) {
        replace(pane, h('div', { class: 'panel', id: 'conversation-not-found' },
          h('h2', { text: t('inbox.not_found') }), h('a', { href: '/console/inbox', 'data-link': '' }, t('inbox.back'))));
        replace(panel);
      } else {
        showError(error);
      }
    }
  }

  async function markRead() {
    if (document.visibilityState !== 'visible') return;
    try {
      await api.post(`/api/conversations/${openId}/read`);
    } catch {
      // reading is a courtesy: the conversation is shown anyway
    }
  }

  let windowTimer = null;
  let draft = '';

  function renderConversation() {
    const contact = view.contact;
    const composerText = pane.querySelector('#composer-text');
    if (composerText) draft = composerText.value;
    const scroller = pane.querySelector('.messages');
    const atBottom = !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const manual = contact.conversation_mode === 'manual';
    const modeButton = manual
      ? button(t('inbox.hand_back'), () => setMode('auto'), { id: 'hand-back', class: 'secondary' })
      : button(t('inbox.take_over'), () => setMode('manual'), { id: 'take-over', class: 'primary' });
    const messages = h('ol', { class: 'messages', id: 'messages', 'aria-label': t('inbox.messages') },
      view.messages.filter((message) => ['user', 'assistant', 'agent'].includes(message.role)).map(messageItem));
    replace(pane,
      h('header', { class: 'conv-header' },
        h('a', { href: '/console/inbox', 'data-link': '', class: 'back', 'aria-label': t('inbox.back') }, '←'),
        h('div', { class: 'conv-title' }, h('h2', { id: 'conversation-name', text: contact.name || contact.phone_number }),
          h('span', { class: 'muted', text: phone(contact.phone_number) })),
        h('div', { class: 'conv-badges' }, modeBadge(contact.conversation_mode),
          contact.needs_person ? badge(t('badge.needs_person'), 'needs-person') : null),
        modeButton),
      messages,
      composer(contact));
    if (atBottom) messages.scrollTop = messages.scrollHeight;
    renderPanel(contact);
  }

  function composer(contact) {
    const text = h('textarea', { id: 'composer-text', rows: 2, placeholder: t('composer.placeholder'), 'aria-label': t('composer.label') });
    text.value = draft;
    const send = h('button', { type: 'submit', class: 'primary', id: 'send' }, t('composer.send'));
    const info = h('p', { class: 'window-info', id: 'window-info', 'aria-live': 'polite' });
    const form = h('form', { class: 'composer' }, info, h('div', { class: 'composer-row' }, text, send));
    const expires = contact.window_expires_at ? new Date(contact.window_expires_at)
      : contact.last_inbound_at ? new Date(new Date(contact.last_inbound_at).getTime() + DAY) : null;
    function update() {
      const left = expires ? expires.getTime() - Date.now() : -1;
      const open = left > 0;
      text.disabled = !open;
      send.disabled = !open;
      info.className = `window-info${open ? '' : ' closed'}`;
      info.textContent = open ? t('composer.window_left', { time: duration(left) }) : t('composer.window_closed');
      if (open && contact.conversation_mode === 'auto') info.textContent += ` ${t('composer.agent_answering')}`;
    }
    update();
    clearInterval(windowTimer);
    windowTimer = setInterval(update, 30000);
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = text.value.trim();
      if (!body) return;
      send.disabled = true;
      try {
        await api.post(`/api/contacts/${contact.id}/messages`, { text: body });
        draft = '';
        text.value = '';
        await loadConversation();
        pane.querySelector('#composer-text')?.focus();
      } catch (error) {
        if (error.code === 'outside_service_window') {
          info.className = 'window-info closed';
          info.textContent = t('composer.window_closed');
        } else {
          showError(error);
        }
        send.disabled = false;
      }
    });
    return form;
  }

  async function setMode(mode) {
    try {
      view.contact = { ...view.contact, ...(await api.patch(`/api/contacts/${openId}`, { conversation_mode: mode })) };
      toast(mode === 'manual' ? t('inbox.taken_over') : t('inbox.handed_back'));
      await loadConversation();
      refreshList();
      pane.querySelector(mode === 'manual' ? '#hand-back' : '#take-over')?.focus();
    } catch (error) {
      showError(error);
    }
  }

  function renderPanel(contact) {
    const name = h('input', { id: 'contact-name', value: contact.name || '', autocomplete: 'off' });
    const tags = h('input', { id: 'contact-tags', value: (contact.tags || []).join(', '), autocomplete: 'off' });
    const variables = Object.entries(contact.variables || {});
    const removed = new Set();
    const valueInputs = new Map();
    const rows = variables.map(([key, value]) => {
      const input = h('input', { value: typeof value === 'string' ? value : JSON.stringify(value), 'aria-label': key });
      valueInputs.set(key, input);
      const row = h('li', { class: 'variable' }, h('span', { class: 'variable-key', text: key }), input,
        button('×', () => {
          removed.add(key);
          row.remove();
        }, { class: 'icon-button', 'aria-label': t('contact.remove_variable', { name: key }) }));
      return row;
    });
    const newKey = h('input', { id: 'variable-key', placeholder: t('contact.variable_name'), 'aria-label': t('contact.variable_name') });
    const newValue = h('input', { id: 'variable-value', placeholder: t('contact.variable_value'), 'aria-label': t('contact.variable_value') });
    const form = h('form', { class: 'contact-form' },
      field(t('contact.name'), name), field(t('contact.tags'), tags, t('contact.tags_hint')),
      h('fieldset', {}, h('legend', { text: t('contact.variables') }), h('ul', { class: 'variables' }, rows),
        h('div', { class: 'variable new' }, newKey, newValue)),
      h('button', { type: 'submit', class: 'secondary', id: 'contact-save' }, t('common.save')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const changes = {};
      if (name.value.trim() && name.value.trim() !== (contact.name || '')) changes.name = name.value.trim();
      const tagList = tags.value.split(',').map((tag) => tag.trim()).filter(Boolean);
      if (tagList.join(',') !== (contact.tags || []).join(',')) changes.tags = tagList;
      const vars = {};
      removed.forEach((key) => { vars[key] = null; });
      valueInputs.forEach((input, key) => {
        if (!removed.has(key) && input.value !== String(typeof contact.variables[key] === 'string' ? contact.variables[key] : JSON.stringify(contact.variables[key]))) vars[key] = input.value;
      });
      if (newKey.value.trim()) vars[newKey.value.trim()] = newValue.value;
      if (Object.keys(vars).length) changes.variables = vars;
      if (!Object.keys(changes).length) return;
      try {
        view.contact = { ...contact, ...(await api.patch(`/api/contacts/${contact.id}`, changes)) };
        toast(t('common.saved'));
        renderConversation();
        refreshList();
      } catch (error) {
        showError(error);
      }
    });
    const lead = h('div', { class: 'lead', id: 'contact-lead' });
    replace(panel, h('h2', { text: t('contact.title') }),
      h('dl', { class: 'facts' }, h('dt', { text: t('contact.phone') }), h('dd', { text: phone(contact.phone_number) }),
        h('dt', { text: t('contact.since') }), h('dd', { text: dateTime(contact.created_at) })),
      form, lead);
    if (user.role === 'owner') loadLead(contact, lead);
  }

  async function loadLead(contact, box) {
    try {
      const page = await api.get('/api/leads?limit=200');
      const found = (page.leads || []).find((lead) => lead.contact_id === contact.id
        || String(lead.phone || '').replace(/\D/g, '') === contact.phone_number);
      if (!found) return;
      replace(box, h('h3', { text: t('contact.lead') }), h('dl', { class: 'facts' },
        Object.entries(found).filter(([key, value]) => value !== null && value !== '' && !key.endsWith('id') && typeof value !== 'object')
          .flatMap(([key, value]) => [h('dt', { text: t(`lead.${key}`) }), h('dd', { text: key.endsWith('_at') ? dateTime(value) : String(value) })])));
    } catch {
      // leads are optional in the panel
    }
  }

  function messageItem(message) {
    const inbound = message.direction === 'inbound' || message.role === 'user';
    const person = message.role === 'agent';
    const sender = inbound ? t('message.customer') : person
      ? (message.sent_by && message.sent_by.name) || t('message.person') : t('message.agent');
    const status = message.status || message.delivery_status;
    const meta = h('div', { class: 'meta' }, h('span', { class: 'sender', text: sender }),
      h('time', { datetime: message.created_at, title: dateTime(message.created_at), text: time(message.created_at) }),
      !inbound && status ? tick(status, message) : null);
    const toolRuns = (message.tool_executions || []).length ? message.tool_executions : (message.tool_calls || []);
    return h('li', {
      class: `msg ${inbound ? 'inbound' : 'outbound'}${person ? ' person' : ''}`, dataset: { messageId: message.id, role: message.role },
    },
      h('div', { class: 'bubble' },
        message.content || !message.transcript ? h('p', { class: 'text', text: message.content || `[${message.message_type}]` }) : null,
        message.transcript ? h('p', { class: 'text transcript', title: t('message.transcript'), text: `🎤 ${message.transcript}` }) : null,
        meta),
      message.not_answered_reason ? h('p', { class: 'not-answered', text: t(`reason.${message.not_answered_reason}`) }) : null,
      toolRuns.length ? h('details', { class: 'tools' }, h('summary', { text: t('message.tools', { n: toolRuns.length }) }),
        h('ul', {}, toolRuns.map((run) => h('li', {},
          h('strong', { text: run.tool_name || run.name }), run.status ? ` · ${t(`tool.${run.status}`)}` : '',
          run.error_message ? h('span', { class: 'error-text', text: ` · ${run.error_message}` }) : null,
          h('pre', { text: json(run.arguments || {}) }))))) : null,
      passagesDetails(message.passages));
  }

  const unsubscribeAll = () => unsubscribe.forEach((stop) => stop());
  await loadList();
  performance.mark('console:inbox-listed');
  if (openId) {
    await loadConversation();
  } else {
    replace(pane, h('div', { class: 'placeholder' }, h('p', { text: t('inbox.pick') })));
  }
  return () => {
    unsubscribeAll();
    clearInterval(windowTimer);
  };
}

export function passagesDetails(passages) {
  if (!passages || !passages.length) return null;
  return h('details', { class: 'passages' }, h('summary', { text: t('message.passages', { n: passages.length }) }),
    h('ul', {}, passages.map((passage) => h('li', {}, h('strong', { text: passage.source_name }),
      passage.page ? ` · ${t('knowledge.page', { n: passage.page })}` : '',
      passage.url ? [' · ', h('span', { class: 'url', text: passage.url })] : '',
      ` · ${t('knowledge.score')} ${Number(passage.score).toFixed(3)}`,
      passage.content ? h('p', { class: 'excerpt', text: passage.content }) : null))));
}

function listItem(conversation, openId) {
  const last = conversation.last_message || {};
  const prefix = last.direction === 'outbound'
    ? `${last.sent_by && last.sent_by.name ? last.sent_by.name : t('message.agent')}: ` : '';
  return h('li', {},
    h('a', {
      href: `/console/inbox/${conversation.contact_id}`, 'data-link': '', class: `conv${conversation.contact_id === openId ? ' active' : ''}`,
      dataset: { contactId: conversation.contact_id }, 'aria-current': conversation.contact_id === openId ? 'true' : null,
    },
      h('div', { class: 'conv-top' }, h('strong', { class: 'conv-name', text: conversation.name || phone(conversation.phone) }),
        h('time', { class: 'conv-time', datetime: last.at, text: time(last.at) })),
      h('div', { class: 'conv-bottom' }, h('span', { class: 'conv-last', text: prefix + (last.text || '') }),
        h('span', { class: 'conv-badges' }, modeBadge(conversation.conversation_mode),
          conversation.needs_person ? badge(t('badge.needs_person'), 'needs-person') : null,
          conversation.unread_count > 0 ? h('span', {
            class: 'unread', text: String(conversation.unread_count), 'aria-label': t('inbox.unread', { n: conversation.unread_count }),
          }) : null)),
      conversation.name ? h('span', { class: 'conv-phone muted', text: phone(conversation.phone) }) : null));
}

function modeBadge(mode) {
  return badge(t(`badge.${mode}`), `mode-${mode}`);
}

function tick(status, message) {
  const marks = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };
  const label = t(`status.${status}`) + (status === 'failed' && message.delivery_error ? `: ${message.delivery_error}` : '');
  return h('span', { class: `tick ${status}`, title: label, 'aria-label': label, dataset: { status } }, marks[status] || '');
}
