// Agent: the chatbot's settings, its tools (switch, test) and "Try your agent".
import { api } from '../api.js';
import { chatbotPicker, chosenChatbot, noChatbot } from '../chatbots.js';
import { t } from '../i18n.js';
import { badge, button, errorText, field, h, json, replace, showError, toast } from '../ui.js';
import { passagesDetails } from './inbox.js';

const TEXTS = ['system_prompt', 'persona', 'fallback_message_error', 'fallback_message_limit', 'unsupported_message', 'please_write_message'];
// The limits /api/openapi.json gives for PATCH /api/chatbots/{id} (ConsoleAgentIT compares them), checked by the browser
// before anything is sent; only the persona may be empty.
const MAX_LENGTH = { system_prompt: 20000, persona: 5000 };

export async function render(main, context) {
  const { chatbots, chatbot } = await chosenChatbot();
  if (!chatbot) return replace(main, noChatbot());
  const base = `/api/chatbots/${chatbot.id}`;
  const tools = h('div', { class: 'tools-list', id: 'agent-tools' });
  replace(main, h('div', { class: 'page agent' },
    h('div', { class: 'page-head' }, h('h1', { text: t('agent.title') }),
      chatbotPicker(chatbots, chatbot, () => context.navigate('/console/agent', { replace: true }))),
    h('div', { class: 'grid two' },
      h('section', { class: 'panel' }, h('h2', { text: t('agent.settings') }), settingsForm(chatbot)),
      h('section', { class: 'panel try', id: 'try-agent' }, h('h2', { text: t('agent.try') }),
        h('p', { class: 'muted', text: t('agent.try_hint') }), tryPanel(base))),
    h('section', { class: 'panel' }, h('h2', { text: t('agent.tools') }), tools)));

  function settingsForm(bot) {
    const inputs = {};
    TEXTS.forEach((name) => {
      inputs[name] = h('textarea', { id: `agent-${name}`, rows: name === 'system_prompt' ? 8 : 2, value: bot[name] || '',
        maxlength: MAX_LENGTH[name] || 4096, required: name !== 'persona' });
    });
    inputs.model_name = h('input', { id: 'agent-model_name', value: bot.model_name || '', autocomplete: 'off', required: true, maxlength: 100 });
    inputs.temperature = h('input', { id: 'agent-temperature', type: 'number', min: 0, max: 2, step: 0.1, value: bot.temperature });
    inputs.rag_enabled = h('input', { id: 'agent-rag_enabled', type: 'checkbox', checked: bot.rag_enabled });
    const form = h('form', { class: 'settings-form' },
      field(t('agent.system_prompt'), inputs.system_prompt),
      field(t('agent.persona'), inputs.persona),
      h('div', { class: 'grid two tight' }, field(t('agent.model'), inputs.model_name),
        field(t('agent.temperature'), inputs.temperature, t('agent.temperature_hint'))),
      field(t('agent.rag'), inputs.rag_enabled),
      field(t('agent.fallback_error'), inputs.fallback_message_error),
      field(t('agent.fallback_limit'), inputs.fallback_message_limit),
      field(t('agent.unsupported'), inputs.unsupported_message),
      field(t('agent.please_write'), inputs.please_write_message),
      h('button', { type: 'submit', class: 'primary', id: 'agent-save' }, t('common.save')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const changes = {};
      TEXTS.forEach((name) => {
        if (inputs[name].value !== (bot[name] || '')) changes[name] = name === 'persona' && !inputs[name].value.trim() ? null : inputs[name].value;
      });
      if (inputs.model_name.value.trim() !== bot.model_name) changes.model_name = inputs.model_name.value.trim();
      if (Number(inputs.temperature.value) !== Number(bot.temperature)) changes.temperature = Number(inputs.temperature.value);
      if (inputs.rag_enabled.checked !== bot.rag_enabled) changes.rag_enabled = inputs.rag_enabled.checked;
      if (!Object.keys(changes).length) return toast(t('common.nothing_changed'));
      try {
        Object.assign(bot, await api.patch(base, changes));
        toast(t('common.saved'));
      } catch (error) {
        showError(error);
      }
    });
    return form;
  }

  function tryPanel(path) {
    const history = [];
    const log = h('ol', { class: 'chat', id: 'try-log', 'aria-live': 'polite' });
    const input = h('textarea', { id: 'try-message', rows: 2, 'aria-label': t('agent.try_message'), placeholder: t('agent.try_placeholder') });
    const send = h('button', { type: 'submit', class: 'primary', id: 'try-send' }, t('composer.send'));
    const form = h('form', { class: 'composer' }, h('div', { class: 'composer-row' }, input, send));
    const reset = button(t('agent.try_reset'), () => {
      history.length = 0;
      replace(log);
    }, { class: 'link-button' });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const message = input.value.trim();
      if (!message) return;
      log.append(h('li', { class: 'msg inbound' }, h('div', { class: 'bubble' }, h('p', { class: 'text', text: message }))));
      input.value = '';
      send.disabled = true;
      const waiting = h('li', { class: 'msg outbound waiting', text: t('agent.thinking') });
      log.append(waiting);
      try {
        const answer = await api.post(`${path}/try`, { message, history: history.slice(-20) });
        waiting.remove();
        history.push({ role: 'user', text: message }, { role: 'assistant', text: answer.answer });
        log.append(h('li', { class: 'msg outbound try-answer' },
          h('div', { class: 'bubble' }, h('p', { class: 'text', text: answer.answer }),
            answer.error ? h('p', { class: 'not-answered', text: answer.error }) : null,
            h('div', { class: 'meta' }, h('span', { class: 'sender', text: answer.model || t('message.agent') }),
              answer.tokens && answer.tokens.total != null ? h('span', { text: t('agent.tokens', { n: answer.tokens.total }) }) : null)),
          answer.tool_calls && answer.tool_calls.length ? h('details', { class: 'tools' },
            h('summary', { text: t('message.tools', { n: answer.tool_calls.length }) }),
            h('ul', {}, answer.tool_calls.map((call) => h('li', {}, h('strong', { text: call.name }),
              call.status ? ` · ${t(`tool.${call.status}`)}` : '', h('pre', { text: json(call.arguments || {}) }),
              call.result ? h('pre', { class: 'result', text: call.result }) : null)))) : null,
          passagesDetails(answer.passages)));
      } catch (error) {
        waiting.remove();
        showError(error);
      } finally {
        send.disabled = false;
        log.scrollTop = log.scrollHeight;
        input.focus();
      }
    });
    return h('div', {}, log, form, reset);
  }

  async function loadTools() {
    try {
      const list = await api.get(`${base}/tools`);
      replace(tools, list.items.length ? list.items.map(toolCard) : h('p', { class: 'muted', text: t('agent.no_tools') }));
    } catch (error) {
      showError(error);
    }
  }

  function toolCard(tool) {
    const toggle = h('input', { type: 'checkbox', id: `tool-${tool.integration_id}`, checked: tool.enabled, role: 'switch' });
    toggle.addEventListener('change', async () => {
      try {
        await api.patch(`${base}/tools/${tool.integration_id}`, { enabled: toggle.checked });
        toast(toggle.checked ? t('agent.tool_on', { name: tool.name }) : t('agent.tool_off', { name: tool.name }));
      } catch (error) {
        toggle.checked = !toggle.checked;
        showError(error);
      }
    });
    const names = (tool.tools && tool.tools.length ? tool.tools : [{ name: tool.name }]);
    return h('article', { class: 'tool card' },
      h('div', { class: 'tool-head' }, field(tool.name, toggle), badge(tool.provider, 'muted-badge'),
        tool.active ? null : badge(t('agent.tool_inactive'), 'status-failed')),
      h('ul', { class: 'tool-functions' }, names.map((definition) => h('li', {},
        h('strong', { text: definition.name }), definition.description ? h('span', { class: 'muted', text: ` · ${definition.description}` }) : null,
        testForm(definition)))));
  }

  function testForm(definition) {
    const properties = (definition.parameters && definition.parameters.properties) || {};
    const example = Object.fromEntries(Object.keys(properties).map((key) => [key, '']));
    const args = h('textarea', { rows: 3, class: 'code', value: json(example), 'aria-label': t('agent.tool_arguments', { name: definition.name }) });
    const output = h('pre', { class: 'result', hidden: true, 'aria-live': 'polite' });
    const run = button(t('agent.tool_test'), async () => {
      let body;
      try {
        body = JSON.parse(args.value || '{}');
      } catch {
        output.hidden = false;
        output.textContent = t('agent.invalid_json');
        return;
      }
      try {
        const result = await api.post(`${base}/tools/${encodeURIComponent(definition.name)}/test`, body);
        output.hidden = false;
        output.textContent = `${result.status} · ${result.duration_ms} ms\n${result.error || json(result.result)}`;
      } catch (error) {
        output.hidden = false;
        output.textContent = errorText(error);
      }
    }, { class: 'secondary small' });
    return h('details', { class: 'tool-test' }, h('summary', { text: t('agent.tool_test') }), args, run, output);
  }

  await loadTools();
}
