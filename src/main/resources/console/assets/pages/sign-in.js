import { request } from '../api.js';
import { t } from '../i18n.js';
import { errorText, field, h, replace } from '../ui.js';

function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '';
  return /^\/console\/[\w\-/]*$/.test(next) && !next.startsWith('/console/sign-in') ? next : '/console/inbox';
}

export async function render(main, { user, navigate, refreshSession }) {
  if (user) return navigate(user.must_change_password ? '/console/password' : nextPath(), { replace: true });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'password' });
  const message = h('p', { class: 'form-error', role: 'alert', id: 'sign-in-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'sign-in-submit' }, t('signin.submit'));
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { text: t('signin.title') }), h('p', { class: 'muted', text: t('signin.intro') }),
    field(t('signin.email'), email), field(t('signin.password'), password), message, submit,
    h('p', {}, h('a', { href: '/console/forgot-password', 'data-link': '', id: 'forgot-password' }, t('signin.forgot'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      await request('POST', '/console/sign-in', { email: email.value.trim(), password: password.value }, { allowUnauthorized: true });
      const session = await refreshSession();
      navigate(session.user && session.user.must_change_password ? '/console/password' : nextPath(), { replace: true });
    } catch (error) {
      if (error.status === 423) {
        message.textContent = t('signin.locked');
      } else if (error.status === 401) {
        message.textContent = t('signin.invalid');
      } else {
        message.textContent = errorText(error);
      }
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, h('div', { class: 'center' }, form));
  email.focus();
}
