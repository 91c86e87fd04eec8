import { request } from '../api.js';
import { t } from '../i18n.js';
import { errorText, h, replace } from '../ui.js';

// The page a confirmation link opens: the secret stays after the '#', so it reaches no server log, and the address is
// confirmed only by a click, not by a mail scanner that opens links.
export async function render(main) {
  const token = location.hash.slice(1);
  const message = h('p', { role: 'status', id: 'confirm-email-result', class: token ? '' : 'form-error',
    text: token ? '' : t('error.link_not_valid') });
  const submit = h('button', { type: 'button', class: 'primary', id: 'confirm-email-submit', disabled: !token }, t('confirm_email.submit'));
  submit.addEventListener('click', async () => {
    submit.disabled = true;
    try {
      const confirmed = await request('POST', '/console/email-confirmation', { token }, { allowUnauthorized: true });
      history.replaceState(null, '', location.pathname);
      message.textContent = t('confirm_email.done', { email: confirmed.email, organization: confirmed.organization });
      submit.remove();
    } catch (error) {
      message.textContent = errorText(error);
      message.className = 'form-error';
    }
  });
  replace(main, h('div', { class: 'center' }, h('div', { class: 'card narrow' },
    h('h1', { text: t('confirm_email.title') }), h('p', { class: 'muted', text: t('confirm_email.intro') }), message, submit)));
}
