// Hash routes: `#/findings/42?tab=lines` ↔ { name: 'finding', params: { id: '42' }, query: { tab: 'lines' } }.
// The hash keeps every screen addressable (a link, a bookmark, the back button) without server-side routes.

const ROUTES = [
  ['overview', /^\/?$|^\/overview$/],
  ['findings', /^\/findings$/],
  ['finding', /^\/findings\/(?<id>\d+)$/],
  ['explore', /^\/explore$/],
  ['chat', /^\/chat$/],
  ['room', /^\/chat\/(?<id>\d+)$/],
  ['users', /^\/users$/],
  ['login', /^\/login$/],
];

/** Parses a location hash (`#/findings?severity=high`). Unknown paths give `{ name: 'notfound' }`. */
export function parseRoute(hash) {
  const text = (hash || '').replace(/^#/, '');
  const [path, search = ''] = text.split('?', 2);
  const query = Object.fromEntries(new URLSearchParams(search));
  for (const [name, pattern] of ROUTES) {
    const match = pattern.exec(path || '/');
    if (match) return { name, params: { ...(match.groups || {}) }, query };
  }
  return { name: 'notfound', params: {}, query, path };
}

/** The hash of a route: `routeHash('finding', { id: 42 })` → `#/findings/42`. Empty query values are left out. */
export function routeHash(name, params = {}, query = {}) {
  const paths = {
    overview: '/overview', findings: '/findings', finding: `/findings/${params.id}`, explore: '/explore', chat: '/chat',
    room: `/chat/${params.id}`, users: '/users', login: '/login',
  };
  const path = paths[name];
  if (!path) throw new Error(`unknown route ${name}`);
  const entries = Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '');
  const search = new URLSearchParams(entries).toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

/** The top-level section a route belongs to (for the navigation's current item). */
export function sectionOf(name) {
  return { finding: 'findings', room: 'chat' }[name] || name;
}
