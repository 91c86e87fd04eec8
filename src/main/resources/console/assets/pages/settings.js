// Settings (owners): people, API keys, the owner's notifications and the leads the agent captured.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { badge, button, confirmAction, dateTime, errorText, field, h, replace, showError, toast } from '../ui.js';

const ROLES = ['owner', 'agent'];
const METHODS = ['disabled', 'slack', 'email', 'whatsapp'];

export async function render(main, { user }) {
  const people = h('div', { id: 'people' });
  const keys = h('div', { id: 'api-keys' });
  const notifications = h('div', { id: 'notifications' });
  const leads = h('div', { id: 'leads' });
  replace(main, h('div', { class: 'page settings' },
    h('div', { class: 'page-head' }, h('h1', { text: t('settings.title') })),
    h('section', { class: 'panel' }, h('h2', { text: t('settings.people') }), people),
    h('section', { class: 'panel' }, h('h2', { text: t('settings.api_keys') }), keys),
    h('section', { class: 'panel' }, h('h2', { text: t('settings.notifications') }), notifications),
    h('section', { class: 'panel' }, h('div', { class: 'section-head' }, h('h2', { text: t('settings.leads') }),
      h('a', { href: '/api/leads/export', class: 'button secondary', download: 'leads.csv', id: 'leads-export' }, t('settings.export_csv'))),
    leads)));

  function secret(title, value, id) {
    return h('div', { class: 'secret', role: 'alert', id },
      h('p', { text: title }), h('code', { text: value }),
      button(t('common.copy'), () => navigator.clipboard && navigator.clipboard.writeText(value).then(() => toast(t('common.copied'))),
        { class: 'secondary small' }));
  }

  async function loadPeople(shown) {
    try {
      const list = await api.get('/api/people');
      const items = list.people || list.items || [];
      const email = h('input', { type: 'email', id: 'invite-email', required: true, autocomplete: 'off' });
      const fullName = h('input', { id: 'invite-name', required: true, autocomplete: 'off' });
      const role = h('select', { id: 'invite-role' }, ROLES.map((name) => h('option', { value: name, selected: name === 'agent', text: t(`role.${name}`) })));
      const invite = h('form', { class: 'inline-form' }, field(t('settings.email'), email), field(t('settings.full_name'), fullName),
        field(t('settings.role'), role), h('button', { type: 'submit', class: 'primary', id: 'invite' }, t('settings.invite')));
      invite.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const created = await api.post('/api/people', { email: email.value.trim(), full_name: fullName.value.trim(), role: role.value });
          await loadPeople(secret(t(created.invitation_sent ? 'settings.initial_password_invited' : 'settings.initial_password',
            { email: created.email || email.value }), created.initial_password, 'initial-password'));
        } catch (error) {
          showError(error);
        }
      });
      replace(people, shown || null, h('div', { class: 'table-wrap' }, h('table', { class: 'table people-table' },
        h('thead', {}, h('tr', {}, ['name', 'email', 'role', 'status', 'actions'].map((column) => h('th', { scope: 'col', text: t(`settings.col.${column}`) })))),
        h('tbody', {}, items.map((person) => personRow(person))))), invite);
    } catch (error) {
      replace(people, h('p', { class: 'error-text', text: errorText(error) }));
    }
  }

  function personRow(person) {
    const id = person.id || person.user_id;
    const self = id === user.id;
    const role = h('select', { 'aria-label': t('settings.role_of', { name: person.full_name }), disabled: self },
      ROLES.map((name) => h('option', { value: name, selected: name === person.role, text: t(`role.${name}`) })));
    role.addEventListener('change', () => update(id, { role: role.value }));
    return h('tr', { dataset: { userId: id } },
      h('th', { scope: 'row' }, h('div', { text: person.full_name || person.email }), h('div', { class: 'muted phone-only', text: person.email })),
      h('td', { text: person.email }), h('td', {}, role),
      h('td', {}, person.is_active ? badge(t('settings.active'), 'status-synced') : badge(t('settings.inactive'), 'status-failed')),
      h('td', { class: 'actions' },
        self ? null : button(person.is_active ? t('settings.deactivate') : t('settings.activate'),
          () => update(id, { is_active: !person.is_active }), { class: 'secondary small' }),
        self ? null : button(t('settings.reset_password'), async () => {
          if (!confirmAction(t('settings.confirm_reset', { name: person.full_name }))) return;
          try {
            const reset = await api.post(`/api/people/${id}/password-reset`);
            await loadPeople(secret(t(reset.link_sent ? 'settings.initial_password_link_sent' : 'settings.initial_password',
              { email: person.email }), reset.initial_password, 'initial-password'));
          } catch (error) {
            showError(error);
          }
        }, { class: 'secondary small' })));
  }

  async function update(id, changes) {
    try {
      await api.patch(`/api/people/${id}`, changes);
      toast(t('common.saved'));
    } catch (error) {
      showError(error);
    }
    await loadPeople();
  }

  async function loadKeys(shown) {
    try {
      const list = await api.get('/api/api-keys');
      const items = list.items || list.api_keys || list.keys || [];
      const name = h('input', { id: 'api-key-name', required: true, autocomplete: 'off' });
      const create = h('form', { class: 'inline-form' }, field(t('settings.key_name'), name),
        h('button', { type: 'submit', class: 'primary', id: 'api-key-create' }, t('settings.create_key')));
      create.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const created = await api.post('/api/api-keys', { name: name.value.trim() });
          await loadKeys(secret(t('settings.key_shown_once'), created.key, 'new-api-key'));
        } catch (error) {
          showError(error);
        }
      });
      replace(keys, shown || null, h('div', { class: 'table-wrap' }, h('table', { class: 'table keys-table' },
        h('thead', {}, h('tr', {}, ['key_name', 'prefix', 'created', 'last_used', 'actions'].map((column) =>
          h('th', { scope: 'col', text: t(`settings.col.${column}`) })))),
        h('tbody', {}, items.map((key) => h('tr', { dataset: { keyId: key.id } },
          h('th', { scope: 'row', text: key.name }), h('td', {}, h('code', { text: `${key.key_prefix}…` })),
          h('td', { text: dateTime(key.created_at) }), h('td', { text: key.last_used_at ? dateTime(key.last_used_at) : '—' }),
          h('td', { class: 'actions' }, key.active ? button(t('settings.revoke'), async () => {
            if (!confirmAction(t('settings.confirm_revoke', { name: key.name }))) return;
            try {
              await api.del(`/api/api-keys/${key.id}`);
              await loadKeys();
            } catch (error) {
              showError(error);
            }
          }, { class: 'danger small' }) : badge(t('settings.revoked'), 'status-failed'))))))), create);
    } catch (error) {
      replace(keys, h('p', { class: 'error-text', text: errorText(error) }));
    }
  }

  async function sendConfirmation() {
    try {
      const sent = await api.post('/api/organization/notifications/email-confirmation');
      toast(t('settings.email_confirmation_sent', { email: sent.sent_to }));
    } catch (error) {
      showError(error);
    }
  }

  // whether the address e-mail goes to is confirmed, and a new link while it is not
  function emailConfirmation(current) {
    if (!current.email_recipient || !current.email_available) return h('p', { hidden: true });
    if (current.email_confirmed) {
      return h('p', { class: 'muted', id: 'notify-email-status', text: t('settings.email_confirmed', { email: current.email_recipient }) });
    }
    return h('div', { class: 'notice', id: 'notify-email-status' },
      h('p', { text: t('settings.email_unconfirmed', { email: current.email_recipient }) }),
      button(t('settings.email_send_confirmation'), sendConfirmation,
        { class: 'secondary small', id: 'notify-email-confirm' }));
  }

  async function loadNotifications() {
    try {
      const current = await api.get('/api/organization/notifications');
      const noEmail = !current.email_available;
      const method = h('select', { id: 'notify-method' }, METHODS.map((name) => h('option', {
        value: name, selected: name === current.method, disabled: name === 'email' && noEmail && current.method !== 'email',
        text: t(name === 'email' && noEmail ? 'notify.email_unavailable' : `notify.${name}`),
      })));
      const webhook = h('input', { type: 'url', id: 'notify-slack', autocomplete: 'off',
        placeholder: current.has_slack_webhook ? t('settings.webhook_set') : 'https://hooks.slack.com/services/…' });
      const emailTo = h('input', { type: 'email', id: 'notify-email', autocomplete: 'off', value: current.email_to || '' });
      const whatsappTo = h('input', { type: 'tel', id: 'notify-whatsapp', autocomplete: 'off', placeholder: '+5215512345678',
        value: current.whatsapp_to ? `+${current.whatsapp_to}` : '' });
      const template = h('input', { type: 'text', id: 'notify-template', autocomplete: 'off', placeholder: 'owner_alert',
        value: current.whatsapp_template || '' });
      const templateLanguage = h('input', { type: 'text', id: 'notify-template-language', autocomplete: 'off',
        placeholder: 'es_MX', value: current.whatsapp_template_language || '' });
      const alerts = h('input', { type: 'checkbox', id: 'notify-alerts', checked: current.alerts });
      const problem = h('p', { class: 'form-error', role: 'alert', id: 'notify-error' });
      // each method's own settings, shown while it is chosen
      const settingsOf = {
        slack: [field(t('settings.slack_webhook'), webhook, t('settings.write_only'))],
        email: [field(t('settings.email_to'), emailTo, t('settings.email_to_hint')), emailConfirmation(current)],
        whatsapp: [field(t('settings.whatsapp_to'), whatsappTo, t('settings.whatsapp_to_hint')),
          field(t('settings.whatsapp_template'), template, t('settings.whatsapp_template_hint')),
          field(t('settings.whatsapp_template_language'), templateLanguage)],
      };
      const showSettingsOf = () => Object.entries(settingsOf).forEach(([name, fields]) =>
        fields.forEach((element) => { element.hidden = name !== method.value; }));
      method.addEventListener('change', showSettingsOf);
      showSettingsOf();
      const form = h('form', { class: 'settings-form', novalidate: true },
        field(t('settings.notify_method'), method, t('settings.notify_hint')), Object.values(settingsOf).flat(),
        field(t('settings.notify_alerts'), alerts, t('settings.notify_alerts_hint')), problem,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'notify-save' }, t('common.save')),
          current.method === 'slack' && current.has_slack_webhook || current.method === 'email' && !noEmail && current.email_confirmed
            || current.method === 'whatsapp' && current.whatsapp_to
            ? button(t('settings.notify_test'), async () => {
              try {
                await api.post('/api/organization/notifications/test');
                toast(t(`settings.notify_test_sent_${current.method}`));
              } catch (error) {
                showError(error);
              }
            }, { class: 'secondary', id: 'notify-test' })
            : null));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const url = webhook.value.trim();
        const number = whatsappTo.value.replace(/[\s()-]/g, '');
        problem.textContent = url && !/^https:\/\/\S+$/i.test(url) ? t('settings.slack_https')
          : method.value === 'slack' && !url && !current.has_slack_webhook ? t('settings.slack_needed')
            : method.value === 'whatsapp' && !number ? t('settings.whatsapp_needed') : '';
        if (problem.textContent) return (method.value === 'whatsapp' ? whatsappTo : webhook).focus();
        const body = { method: method.value, alerts: alerts.checked, email_to: emailTo.value.trim() || null,
          whatsapp_to: number || null,
          whatsapp_template: template.value.trim() || null, whatsapp_template_language: templateLanguage.value.trim() || null };
        if (url) body.slack_webhook_url = url;
        try {
          const saved = await api.put('/api/organization/notifications', body);
          toast(t('common.saved'));
          // a new address to e-mail gets its confirmation link at once
          if (saved.method === 'email' && saved.email_recipient && !saved.email_confirmed
            && (current.method !== 'email' || saved.email_recipient !== current.email_recipient)) {
            await sendConfirmation();
          }
          await loadNotifications();
        } catch (error) {
          showError(error);
        }
      });
      replace(notifications, form);
    } catch (error) {
      replace(notifications, h('p', { class: 'error-text', text: errorText(error) }));
    }
  }

  async function loadLeads() {
    try {
      const page = await api.get('/api/leads?limit=100');
      const items = page.leads || [];
      const columns = ['name', 'phone', 'email', 'company', 'estimated_messages', 'notes', 'created_at'];
      replace(leads, items.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'leads-table' },
        h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', text: t(`lead.${column}`) })))),
        h('tbody', {}, items.map((lead) => h('tr', {}, columns.map((column) =>
          h('td', { text: column.endsWith('_at') ? dateTime(lead[column]) : lead[column] ?? '' }))))))) :
        h('p', { class: 'muted', text: t('settings.no_leads') }));
    } catch (error) {
      replace(leads, h('p', { class: 'error-text', text: errorText(error) }));
    }
  }

  await Promise.all([loadPeople(), loadKeys(), loadNotifications(), loadLeads()]);
}
