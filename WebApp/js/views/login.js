// The sign-in page.
import { h, replace } from '../dom.js';

export function renderLogin(main, { api, notice, onSignedIn }) {
  const message = h('div', { role: 'alert', 'aria-live': 'assertive' });
  if (notice) replace(message, h('div', { class: 'notice' }, notice));
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true, id: 'username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, id: 'password' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      performance.mark('finrca:sign-in');
      submit.disabled = true;
      replace(message, h('div', { class: 'notice' }, 'Signing in…'));
      try {
        await api.login(username.value.trim(), password.value);
        password.value = '';
        onSignedIn();
      } catch (error) {
        replace(message, h('div', { class: 'notice error' },
          error.status === 401 ? 'Unknown user name or wrong password.' : error.message));
        submit.disabled = false;
        password.select();
      }
    },
  },
  h('label', { for: 'username' }, 'User name', username),
  h('label', { for: 'password' }, 'Password', password),
  submit);
  replace(main, h('section', { class: 'login panel', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in to finrca'),
    h('p', { class: 'muted' }, 'General-ledger findings, explained.'),
    message, form));
  username.focus();
}
