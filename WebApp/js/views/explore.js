// Explore: two periods and a filter down directorate → cost centre → GL account → supplier; the bridge by the
// next level, ranked root causes, a click on a bar drills one level down; the lines under the filter.
import { h, replace, loading, failure, empty } from '../dom.js';
import { formatCount } from '../money.js';
import { renderBridge, LEVEL_NAMES } from './bridge.js';
import { linesTable } from './finding.js';

const LEVELS = ['directorate', 'cost_center', 'gl_account', 'supplier'];

/** The filter of a query, in level order, stopping at the first missing level. */
export function filterOf(query) {
  const filter = {};
  for (const level of LEVELS) {
    if (query[level] === undefined || query[level] === '') break;
    filter[level] = query[level];
  }
  return filter;
}

export async function renderExplore(main, { api, route, navigate, isCurrent }) {
  const series = await api.get('/eda/timeseries', { group_by: 'month_year' });
  if (!isCurrent()) return;
  const periods = series.points.map((point) => point.label);
  if (!periods.length) { replace(main, h('h1', {}, 'Explore'), empty('No periods loaded yet.')); return; }
  const to = periods.includes(route.query.to) ? route.query.to : periods[periods.length - 1];
  const from = periods.includes(route.query.from) ? route.query.from : periods[Math.max(0, periods.indexOf(to) - 1)];
  const filter = filterOf(route.query);
  const go = (changes) => navigate('explore', {}, { from, to, ...filter, ...changes });

  const picker = (name, value) => h('label', {}, name === 'from' ? 'From period' : 'To period',
    h('select', { name, onchange: (event) => go({ [name]: event.target.value }) },
      periods.map((period) => h('option', { value: period, selected: period === value }, period))));
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Filter' },
    h('button', { type: 'button', class: 'secondary', onclick: () => navigate('explore', {}, { from, to }) }, 'All'),
    Object.entries(filter).map(([level, value], index) => [' › ',
      h('button', {
        type: 'button', class: 'secondary', 'aria-current': index === Object.keys(filter).length - 1 ? 'true' : undefined,
        onclick: () => navigate('explore', {}, { from, to, ...Object.fromEntries(Object.entries(filter).slice(0, index + 1)) }),
      }, `${LEVEL_NAMES[level]}: ${value}`)]));
  const bridgePanel = h('section', { class: 'panel', 'aria-labelledby': 'bridge-title' }, h('h2', { id: 'bridge-title' }, `Bridge ${from} → ${to}`), loading());
  const linesPanel = h('section', { class: 'panel', 'aria-labelledby': 'lines-title' }, h('h2', { id: 'lines-title' }, 'Lines'));
  replace(main, h('h1', {}, 'Explore'), h('div', { class: 'filters' }, picker('from', from), picker('to', to)), crumbs, bridgePanel, linesPanel);

  const query = { from, to, ...filter };
  let bridge;
  try {
    bridge = await api.get('/explore/bridge', query);
  } catch (error) {
    if (isCurrent()) replace(bridgePanel, failure(error));
    throw error;
  }
  if (!isCurrent()) return;
  replace(bridgePanel, h('h2', { id: 'bridge-title' }, `Bridge ${from} → ${to}`));
  renderBridge(bridgePanel, bridge, { onStep: bridge.level ? (member) => go({ [bridge.level]: member }) : undefined });

  const showLines = async (offset) => {
    const reply = await api.get('/explore/lines', { ...query, limit: 100, offset });
    if (!isCurrent()) return;
    const more = reply.next_offset !== null
      ? h('button', { type: 'button', class: 'secondary', onclick: () => showLines(reply.next_offset).catch((error) => linesPanel.append(failure(error))) }, 'Next 100')
      : null;
    replace(linesPanel, h('h2', { id: 'lines-title' }, `Lines (${formatCount(reply.total_lines)}, largest first)`),
      reply.lines.length ? linesTable(reply.lines, bridge.currency) : empty('No lines under this filter in these periods.'),
      h('p', { class: 'muted' }, `${formatCount(reply.offset + 1)}–${formatCount(reply.offset + reply.lines.length)} of ${formatCount(reply.total_lines)}`), more);
  };
  if (!bridge.level || Object.keys(filter).length) {
    linesPanel.append(loading());
    await showLines(0);
  } else {
    linesPanel.append(h('p', { class: 'muted' }, 'Pick a member above to see its lines, or '),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'show-lines', onclick: () => showLines(0).catch((error) => linesPanel.append(failure(error))) }, 'show the largest lines of all'));
  }
}
