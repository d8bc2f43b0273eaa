// The app shell: session, navigation and the screen for the current hash.
import { Api } from './api.js';
import { Session } from './session.js';
import { parseRoute, routeHash, sectionOf } from './router.js';
import { replace, failure, loading } from './dom.js';
import { destroyCharts } from './charts.js';
import { renderLogin } from './views/login.js';
import { renderOverview } from './views/overview.js';
import { renderFindings } from './views/findings.js';
import { renderFinding } from './views/finding.js';
import { renderExplore } from './views/explore.js';
import { renderChat } from './views/chat.js';
import { renderUsers } from './views/users.js';

const session = new Session();
const api = new Api(session);
const main = document.getElementById('main');
const header = document.getElementById('top');
const screens = {
  overview: renderOverview, findings: renderFindings, finding: renderFinding, explore: renderExplore, chat: renderChat,
  room: renderChat, users: renderUsers,
};
let generation = 0;
let notice = null;
let afterLogin = null;

/** Navigates to a route (adds a history entry). */
export function navigate(name, params = {}, query = {}) {
  const hash = routeHash(name, params, query);
  if (location.hash === hash) render();
  else location.hash = hash;
}

session.onExpired = () => {
  notice = 'Your session has expired. Please sign in again.';
  const route = parseRoute(location.hash);
  if (route.name !== 'login') afterLogin = location.hash;
  location.hash = '#/login';
};

async function render() {
  const current = ++generation;
  destroyCharts();
  const route = parseRoute(location.hash);
  if (!session.signedIn || route.name === 'login') {
    if (session.signedIn) { location.hash = afterLogin || '#/overview'; return; }
    if (route.name !== 'login') { afterLogin = location.hash; location.hash = '#/login'; return; }
    header.hidden = true;
    renderLogin(main, {
      api, notice, onSignedIn: () => {
        notice = null;
        const target = afterLogin && afterLogin !== '#/login' ? afterLogin : '#/overview';
        afterLogin = null;
        location.hash = target;
      },
    });
    notice = null;
    return;
  }
  showHeader(route);
  const screen = screens[route.name];
  if (!screen) { replace(main, failure(new Error('There is no such page.'))); return; }
  replace(main, loading());
  const context = { api, session, route, navigate, isCurrent: () => current === generation };
  try {
    await screen(main, context);
  } catch (error) {
    if (current !== generation) return;
    if (error && error.status === 401) return; // the session expired: the sign-in page is on its way
    replace(main, failure(error));
  }
  if (current === generation && document.activeElement === document.body) main.focus({ preventScroll: true });
}

function showHeader(route) {
  header.hidden = false;
  const section = sectionOf(route.name);
  for (const link of header.querySelectorAll('nav a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
    if (link.dataset.section === 'users') link.hidden = session.user.role !== 'admin';
  }
  document.getElementById('who').textContent = `${session.user.username} · ${session.user.role}`;
  document.title = `finrca · ${section}`;
}

document.getElementById('signout').addEventListener('click', async () => {
  await api.logout();
  notice = 'You have signed out.';
  afterLogin = null;
  location.hash = '#/login';
});

window.addEventListener('hashchange', render);
render();
