// Users (admins only): list, add with a role, change a role, disable.
import { h, replace, failure } from '../dom.js';

const ROLES = ['viewer', 'reviewer', 'admin'];

export async function renderUsers(main, { api, session, navigate, isCurrent }) {
  if (session.user.role !== 'admin') {
    replace(main, h('h1', {}, 'Users'), failure(new Error('Only admins manage users.')));
    return;
  }
  const { users } = await api.get('/users');
  if (!isCurrent()) return;
  const message = h('div', { 'aria-live': 'polite' });
  const act = async (work, done) => {
    try { await work(); navigate('users'); } catch (error) { replace(message, h('div', { class: 'notice error', role: 'alert' }, error.message)); }
    if (done) done();
  };
  const rows = users.map((user) => h('tr', {},
    h('td', {}, user.username), h('td', {}, h('select', {
      'aria-label': `Role of ${user.username}`, disabled: user.username === session.user.username,
      onchange: (event) => act(() => api.patch(`/users/${encodeURIComponent(user.username)}`, { role: event.target.value })),
    }, ROLES.map((role) => h('option', { value: role, selected: role === user.role }, role)))),
    h('td', {}, user.disabled ? 'disabled' : 'active'),
    h('td', {}, user.disabled || user.username === session.user.username ? '' : h('button', {
      type: 'button', class: 'secondary', onclick: () => act(() => api.patch(`/users/${encodeURIComponent(user.username)}`, { disabled: true })),
    }, 'Disable'))));
  const name = h('input', { id: 'new-user', required: true, autocomplete: 'off', pattern: '[A-Za-z0-9._@-]{1,64}' });
  const password = h('input', { id: 'new-password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const role = h('select', { id: 'new-role' }, ROLES.map((item) => h('option', { value: item }, item)));
  const form = h('form', {
    class: 'filters',
    onsubmit: (event) => {
      event.preventDefault();
      act(() => api.post('/users', { username: name.value.trim(), password: password.value, role: role.value }));
    },
  }, h('label', { for: 'new-user' }, 'User name', name), h('label', { for: 'new-password' }, 'Password (12+ characters)', password),
  h('label', { for: 'new-role' }, 'Role', role), h('button', { type: 'submit' }, 'Add user'));
  replace(main, h('h1', {}, 'Users'), message,
    h('section', { class: 'panel' }, h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Users' },
      h('thead', {}, h('tr', {}, h('th', {}, 'User'), h('th', {}, 'Role'), h('th', {}, 'State'), h('th', {}, ''))), h('tbody', {}, rows)))),
    h('section', { class: 'panel' }, h('h2', {}, 'Add a user'), form));
}
