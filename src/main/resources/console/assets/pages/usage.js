// Usage: the billing period against the quotas (80 % marked), per day charts, per model, and the alerts.
import { api } from '../api.js';
import { locale, t } from '../i18n.js';
import { badge, button, dateTime, h, meter, money, number, replace, showError, svg } from '../ui.js';

export async function render(main, { user }) {
  const alerts = h('ul', { class: 'alerts', id: 'alerts' });
  const showAll = h('input', { type: 'checkbox', id: 'alerts-all' });
  const [current, daily, models] = await Promise.all([api.get('/api/usage'), api.get('/api/usage/daily'), api.get('/api/usage/models')]);
  const today = new Date().toISOString().slice(0, 10);
  const todays = daily.items.find((day) => day.day === today) || { messages: 0, tokens_total: 0, estimated_cost_usd: 0 };
  replace(main, h('div', { class: 'page usage' },
    h('div', { class: 'page-head' }, h('h1', { text: t('usage.title') }),
      h('p', { class: 'muted', text: t('usage.period', { from: longDay(current.period_start), to: longDay(dayBefore(current.period_end)), plan: current.plan_tier }) })),
    h('div', { class: 'stats' },
      stat(t('usage.today_messages'), number(todays.messages), 'today-messages'),
      stat(t('usage.period_messages'), number(current.messages_used), 'period-messages'),
      stat(t('usage.period_tokens'), number(current.tokens_used), 'period-tokens'),
      stat(t('usage.period_cost'), money(current.estimated_cost_usd), 'period-cost')),
    h('section', { class: 'panel', id: 'quota-gauges' }, h('h2', { text: t('usage.quotas') }),
      meter(t('usage.messages'), current.messages_used, current.message_limit, { mark: 80 }),
      meter(t('usage.tokens'), current.tokens_used, current.token_limit, { mark: 80 }),
      h('small', { class: 'hint', text: t('usage.mark_hint') })),
    h('div', { class: 'grid three' },
      chartPanel(t('usage.messages_per_day'), daily, (day) => day.messages, number),
      chartPanel(t('usage.tokens_per_day'), daily, (day) => day.tokens_total, number),
      chartPanel(t('usage.cost_per_day'), daily, (day) => Number(day.estimated_cost_usd), money)),
    h('section', { class: 'panel' }, h('h2', { text: t('usage.per_model') }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'usage-models' },
        h('thead', {}, h('tr', {}, ['provider', 'model', 'messages', 'tokens', 'cost'].map((column) =>
          h('th', { scope: 'col', text: t(`usage.col.${column}`) })))),
        h('tbody', {}, models.items.length ? models.items.map((model) => h('tr', {},
          h('td', { text: model.provider }), h('th', { scope: 'row', text: model.model_name }),
          h('td', { class: 'num', text: number(model.messages) }), h('td', { class: 'num', text: number(model.tokens_total) }),
          h('td', { class: 'num', text: money(model.estimated_cost_usd) }))) : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: t('usage.none') })))))),
    h('section', { class: 'panel' }, h('div', { class: 'section-head' }, h('h2', { text: t('usage.alerts') }),
      h('div', { class: 'field field-check' }, showAll, h('label', { for: 'alerts-all', text: t('usage.alerts_all') }))), alerts)));

  showAll.addEventListener('change', loadAlerts);

  async function loadAlerts() {
    try {
      const page = await api.get(`/api/alerts?limit=50${showAll.checked ? '' : '&acknowledged=false'}`);
      replace(alerts, page.items.length ? page.items.map(alertItem) : h('li', { class: 'empty', text: t('usage.no_alerts') }));
    } catch (error) {
      showError(error);
    }
  }

  /**
   * The alert in the person's language, from its reason and metadata, with a text that came from outside (a
   * provider's error) under it; the hub's English message when the console has no text for it.
   */
  function alertTexts(alert) {
    const metadata = alert.metadata || {};
    const values = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== null)
      .map(([name, value]) => [name, typeof value === 'number' ? number(value) : value]));
    const key = `alert_text.${alert.reason}`;
    const text = alert.reason ? t(key, values) : key;
    if (text === key || /\{[a-z_]+\}/.test(text)) return [h('p', { text: alert.message })];
    return [h('p', { text }), metadata.detail ? h('p', { class: 'muted alert-detail', text: metadata.detail }) : null];
  }

  function alertItem(alert) {
    return h('li', { class: `alert severity-${alert.severity}`, dataset: { alertId: alert.id } },
      h('div', { class: 'alert-head' }, badge(t(`severity.${alert.severity}`), `severity-${alert.severity}`),
        h('strong', { text: t(`alert.${alert.type}`) }),
        alert.occurrence_count > 1 ? h('span', { class: 'muted', text: `×${alert.occurrence_count}` }) : null,
        h('time', { class: 'muted', datetime: alert.last_seen_at, text: dateTime(alert.last_seen_at) })),
      ...alertTexts(alert),
      alert.acknowledged
        ? h('p', { class: 'muted', text: t('usage.acknowledged_by', { who: alert.acknowledged_by || '—', when: dateTime(alert.acknowledged_at) }) })
        : button(t('usage.acknowledge'), async () => {
          try {
            await api.post(`/api/alerts/${alert.id}/acknowledge`, { acknowledged_by: user.full_name || user.email });
            await loadAlerts();
          } catch (error) {
            showError(error);
          }
        }, { class: 'secondary small' }));
  }

  await loadAlerts();
}

function stat(label, value, id) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label', text: label }), h('strong', { class: 'stat-value', id, text: value }));
}

/** A bar chart of one value per day, in plain SVG, with the figures also in a table for screen readers. */
function chartPanel(title, daily, value, format) {
  const days = [];
  const from = new Date(`${daily.from}T00:00:00Z`);
  const to = new Date(`${daily.to}T00:00:00Z`);
  const byDay = new Map(daily.items.map((day) => [day.day, day]));
  for (let day = from; day <= to && days.length < 62; day = new Date(day.getTime() + 86400000)) {
    const key = day.toISOString().slice(0, 10);
    days.push({ key, value: byDay.has(key) ? value(byDay.get(key)) : 0 });
  }
  const width = 320;
  const height = 140;
  const max = Math.max(...days.map((day) => day.value), 0);
  const step = width / Math.max(days.length, 1);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 18}`, class: 'chart', role: 'img', 'aria-label': title },
    svg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'axis' }),
    days.map((day) => {
      const barHeight = max > 0 ? (day.value / max) * (height - 10) : 0;
      const x = days.indexOf(day) * step;
      return svg('rect', { x: x + step * 0.15, y: height - barHeight, width: Math.max(step * 0.7, 1), height: barHeight, class: 'bar' },
        svg('title', { text: `${longDay(day.key)}: ${format(day.value)}` }));
    }),
    days.length ? svg('text', { x: 0, y: height + 14, class: 'chart-label', text: shortDay(days[0].key) }) : null,
    days.length > 1 ? svg('text', { x: width, y: height + 14, class: 'chart-label end', text: shortDay(days[days.length - 1].key) }) : null,
    svg('text', { x: 2, y: 10, class: 'chart-label', text: format(max) }));
  return h('section', { class: 'panel chart-panel' }, h('h2', { text: title }), chart);
}

// a day of the API (yyyy-MM-dd) as that calendar day, whatever the browser's time zone
function shortDay(key) {
  return new Date(`${key}T12:00:00Z`).toLocaleDateString(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

// the period ends before period_end: its last day is the one before
function dayBefore(key) {
  return new Date(Date.parse(`${key}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
}

function longDay(key) {
  return new Date(`${key}T12:00:00Z`).toLocaleDateString(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
