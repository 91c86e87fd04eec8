import { request } from '../api.js';
import { t } from '../i18n.js';
import { field, h, onNewPassword, replace, toast } from '../ui.js';

// The page a password-reset link opens: the secret stays after the '#', so it reaches no server log.
export async function render(main, { navigate }) {
  const token = location.hash.slice(1);
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10, id: 'reset-password' });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, id: 'reset-repeat' });
  const message = h('p', { class: 'form-error', role: 'alert', id: 'reset-error', text: token ? '' : t('error.link_not_valid') });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'reset-submit', disabled: !token }, t('reset.submit'));
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: t('reset.title') }), field(t('password.new'), next, t('password.rules')), field(t('password.repeat'), again),
    message, submit, h('p', {}, h('a', { href: '/console/forgot-password', 'data-link': '' }, t('reset.new_link'))));
  onNewPassword(form, { next, again, message, submit }, async () => {
    await request('POST', '/console/password-reset/complete', { token, new_password: next.value }, { allowUnauthorized: true });
    toast(t('reset.done'));
    navigate('/console/sign-in', { replace: true });
  });
  replace(main, h('div', { class: 'center' }, form));
  next.focus();
}
