import { request } from '../api.js';
import { t } from '../i18n.js';
import { field, h, onNewPassword, replace, toast } from '../ui.js';

export async function render(main, { user, navigate, refreshSession }) {
  if (!user) return navigate('/console/sign-in', { replace: true });
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true, id: 'current-password' });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10, id: 'new-password' });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, id: 'repeat-password' });
  const message = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'password-submit' }, t('password.submit'));
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: t('password.title') }),
    h('p', { class: 'muted', text: user.must_change_password ? t('password.must_change') : t('password.intro') }),
    field(t('password.current'), current), field(t('password.new'), next, t('password.rules')), field(t('password.repeat'), again),
    message, submit);
  onNewPassword(form, { next, again, message, submit }, async () => {
    await request('POST', '/console/password', { current_password: current.value, new_password: next.value });
    await refreshSession();
    toast(t('password.changed'));
    navigate('/console/inbox', { replace: true });
  });
  replace(main, h('div', { class: 'center' }, form));
  current.focus();
}
