// The findings inbox: filters in the address (shareable), sorted by rank or newest, a page at a time, and the
// whole filtered list as CSV.
import { h, replace, empty, loading, failure, download } from '../dom.js';
import { formatSignedMoney, formatMoney, plainDecimal } from '../money.js';
import { SEVERITIES } from '../kpi.js';
import { objectsToCSV, FINDING_COLUMNS } from '../csv.js';

const STATUSES = [['open', 'open'], ['confirmed', 'confirmed'], ['expected', 'expected'], ['false_alarm', 'false alarm']];
const DIMENSIONS = [['directorate', 'directorate'], ['cost_center', 'cost centre'], ['gl_account', 'GL account'], ['supplier', 'supplier'], ['functional_area', 'functional area']];
const FILTERS = ['severity', 'kind', 'period', 'dimension', 'status', 'q', 'sort', 'scope'];

/** The API query for the inbox's filters (`scope=all` drops the latest-run restriction). */
export function findingsQuery(filters, runID) {
  const query = { sort: filters.sort || 'rank' };
  for (const key of ['severity', 'kind', 'period', 'dimension', 'status', 'q']) if (filters[key]) query[key] = filters[key];
  if (filters.scope !== 'all' && runID) query.run = runID;
  return query;
}

export async function renderFindings(main, { api, route, navigate, isCurrent }) {
  const counts = await api.get('/findings/counts');
  if (!isCurrent()) return;
  const filters = Object.fromEntries(FILTERS.map((key) => [key, route.query[key] || '']));
  const query = findingsQuery(filters, counts.run_id);

  const select = (name, label, options) => h('label', {}, label, h('select', {
    name, onchange: (event) => navigate('findings', {}, { ...filters, [name]: event.target.value }),
  }, options.map(([value, text]) => h('option', { value, selected: filters[name] === value }, text))));
  const search = h('input', { name: 'q', type: 'search', value: filters.q, placeholder: 'e.g. 33160', 'aria-label': 'Dimension contains' });
  const form = h('form', {
    class: 'filters', role: 'search',
    onsubmit: (event) => { event.preventDefault(); navigate('findings', {}, { ...filters, q: search.value.trim() }); },
  },
  select('severity', 'Severity', [['', 'any'], ...SEVERITIES.map((s) => [s, s])]),
  select('kind', 'Kind', [['', 'any'], ...Object.keys(counts.by_kind || {}).sort().map((k) => [k, k.replace(/_/g, ' ')])]),
  select('period', 'Period', [['', 'any'], ...(counts.periods || []).map((p) => [p, p])]),
  select('dimension', 'Dimension', [['', 'any'], ...DIMENSIONS]),
  select('status', 'Review status', [['', 'any'], ...STATUSES]),
  h('label', {}, 'Dimension contains', search),
  select('sort', 'Sort', [['rank', 'by rank'], ['id', 'newest first']]),
  select('scope', 'Runs', [['', 'latest run'], ['all', 'all runs']]),
  h('button', { type: 'submit', class: 'secondary' }, 'Apply'));

  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const body = h('tbody', {});
  const table = h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Findings' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, 'Severity'), h('th', {}, 'Finding'),
      h('th', { class: 'hide-narrow' }, 'Period'), h('th', { class: 'num' }, 'Change'), h('th', { class: 'hide-narrow' }, 'Review'))),
    body));
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const exportButton = h('button', { type: 'button', class: 'secondary', 'data-action': 'export-findings' }, 'Export CSV');
  const results = h('div', {}, loading());
  replace(main, h('h1', {}, 'Findings'), form, h('div', { class: 'toolbar' }, exportButton, status), results);

  let cursor = null;
  let shown = 0;
  async function page() {
    more.disabled = true;
    const reply = await api.get('/findings', { ...query, limit: 50, cursor });
    if (!isCurrent()) return;
    for (const finding of reply.findings) {
      shown += 1;
      body.append(row(finding, shown, navigate));
    }
    cursor = reply.next_cursor;
    more.hidden = !cursor;
    more.disabled = false;
    status.textContent = `${shown}${cursor ? '+' : ''} finding${shown === 1 ? '' : 's'}`;
    if (!shown) replace(results, empty('No findings match these filters.'));
    else if (results.firstChild !== table) replace(results, table, more);
  }
  more.addEventListener('click', () => page().catch((error) => results.append(failure(error))));
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const all = await fetchAll(api, query);
      const rows = all.map((finding) => ({
        ...finding, actual: plainDecimal(finding.actual), expected: plainDecimal(finding.expected), delta: plainDecimal(finding.delta),
        evidence_lines: finding.evidence.length,
      }));
      download(`finrca-findings-${new Date().toISOString().slice(0, 10)}.csv`, objectsToCSV(FINDING_COLUMNS, rows));
    } catch (error) {
      status.textContent = error.message;
    } finally {
      exportButton.disabled = false;
    }
  });
  await page();
}

function row(finding, rank, navigate) {
  const open = () => navigate('finding', { id: finding.id });
  const link = h('a', { href: `#/findings/${finding.id}` }, finding.explanation);
  return h('tr', { class: 'clickable', 'data-finding': finding.id, onclick: (event) => { if (event.target !== link) open(); } },
    h('td', { class: 'num' }, String(rank)),
    h('td', {}, h('span', { class: `badge sev-${finding.severity}` }, finding.severity)),
    h('td', {}, h('div', { class: 'muted' }, `${finding.kind.replace(/_/g, ' ')} · ${finding.dimension_path || 'organisation'}`), link),
    h('td', { class: 'hide-narrow' }, finding.period || '—'),
    h('td', { class: 'num' }, finding.delta !== null ? formatSignedMoney(finding.delta, finding.currency) : formatMoney(finding.actual, finding.currency)),
    h('td', { class: 'hide-narrow' }, finding.review_status.replace('_', ' ')));
}

/** Every finding matching `query` (at most 5,000), following the cursor. */
async function fetchAll(api, query) {
  const all = [];
  let cursor = null;
  do {
    const reply = await api.get('/findings', { ...query, limit: 500, cursor });
    all.push(...reply.findings);
    cursor = reply.next_cursor;
  } while (cursor && all.length < 5000);
  return all;
}
