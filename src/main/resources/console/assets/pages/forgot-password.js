import { request } from '../api.js';
import { currentLanguage, t } from '../i18n.js';
import { errorText, field, h, replace } from '../ui.js';

// "I forgot my password": the hub answers the same whether or not someone signs in with the address.
export async function render(main) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'forgot-email' });
  const message = h('p', { role: 'status', id: 'forgot-result' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'forgot-submit' }, t('forgot.submit'));
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: t('forgot.title') }), h('p', { class: 'muted', text: t('forgot.intro') }),
    field(t('signin.email'), email), message, submit,
    h('p', {}, h('a', { href: '/console/sign-in', 'data-link': '' }, t('forgot.back'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.className = '';
    if (!email.checkValidity()) {
      message.className = 'form-error';
      message.textContent = t('forgot.invalid_email');
      return email.focus();
    }
    submit.disabled = true;
    try {
      await request('POST', '/console/password-reset', { email: email.value.trim(), language: currentLanguage() }, { allowUnauthorized: true });
      message.textContent = t('forgot.sent', { email: email.value.trim() });
    } catch (error) {
      message.className = 'form-error';
      message.textContent = errorText(error);
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, h('div', { class: 'center' }, form));
  email.focus();
}
