// One finding: its sentence and figures, evidence lines (exportable as CSV), the review, and for changes the
// bridge and ranked root causes of its period against its base period.
import { h, replace, empty, loading, failure, download } from '../dom.js';
import { formatMoney, formatSignedMoney, formatCount, plainDecimal } from '../money.js';
import { objectsToCSV, EVIDENCE_COLUMNS } from '../csv.js';
import { canReview } from '../session.js';
import { renderBridge } from './bridge.js';

const NAMES = { directorate: 'directorate', cost_center: 'cost centre', gl_account: 'GL account', supplier: 'supplier', functional_area: 'functional area' };
const CHANGE_KINDS = new Set(['mom_change', 'yoy_change', 'root_cause']);
const LEVELS = ['directorate', 'cost_center', 'gl_account', 'supplier'];
const CHOICES = [['confirmed', 'Confirmed'], ['expected', 'Expected'], ['false_alarm', 'False alarm'], ['open', 'Reopen']];

/** A finding's dimensions as { dimension: value } (stored as [{dimension, value}]). */
export function dimensionMap(dimensions) {
  if (Array.isArray(dimensions)) return Object.fromEntries(dimensions.map((item) => [item.dimension, item.value]));
  return { ...(dimensions || {}) };
}

/**
 * The slice whose change a root-cause finding explains: its dimensions list that slice first and the cause after,
 * and its sentence names the slice ("Root cause of directorate X's …", "Root cause of the organisation's …").
 */
export function rootCauseScope(finding) {
  const items = Array.isArray(finding.dimensions) ? finding.dimensions : Object.entries(finding.dimensions || {}).map(([dimension, value]) => ({ dimension, value }));
  for (let count = items.length - 1; count >= 0; count -= 1) {
    const scope = items.slice(0, count);
    const text = count ? `${scope.map((item) => `${NAMES[item.dimension] || item.dimension} ${item.value}`).join(', ')}'s` : "the organisation's";
    if ((finding.explanation || '').startsWith(`Root cause of ${text} `)) return Object.fromEntries(scope.map((item) => [item.dimension, item.value]));
  }
  return dimensionMap(finding.dimensions);
}

/** The Explore query that shows a change finding's bridge (for a root cause: of the slice it explains), or null. */
export function bridgeQuery(finding) {
  if (!CHANGE_KINDS.has(finding.kind) || !finding.period) return null;
  const details = finding.details || {};
  const from = details.base_period || details.from;
  if (!from) return null;
  const query = { from, to: finding.period };
  const dimensions = finding.kind === 'root_cause' ? rootCauseScope(finding) : dimensionMap(finding.dimensions);
  for (const level of LEVELS) if (dimensions[level] !== undefined) query[level] = dimensions[level];
  return query;
}

/** Evidence lines as rows of the CSV export (amounts as exact plain decimals). */
export function evidenceRows(finding, lines) {
  return lines.map((line) => ({ ...line, finding_id: finding.id, amount: plainDecimal(line.amount), currency: line.currency || finding.currency }));
}

export async function renderFinding(main, { api, session, route, navigate, isCurrent }) {
  const id = route.params.id;
  const [finding, evidence, history] = await Promise.all([
    api.get(`/findings/${id}`), api.get(`/findings/${id}/lines`, { limit: 1000 }), api.get(`/findings/${id}/reviews`),
  ]);
  if (!isCurrent()) return;
  const currency = finding.currency;
  const dimensions = dimensionMap(finding.dimensions);
  const figure = (label, value, key, wide) => h('div', { class: wide ? 'wide' : undefined }, h('dt', {}, label), h('dd', key ? { 'data-figure': key } : {}, value));
  const header = h('section', { class: 'panel', 'aria-labelledby': 'finding-title' },
    h('p', {}, h('a', { href: '#/findings' }, '← Findings')),
    h('h1', { id: 'finding-title' }, h('span', { class: `badge sev-${finding.severity}` }, finding.severity), ' ',
      `${finding.kind.replace(/_/g, ' ')} #${finding.id}`),
    h('p', { class: 'sentence', 'data-testid': 'sentence' }, finding.explanation),
    h('dl', { class: 'figures' },
      figure('Actual', formatMoney(finding.actual, currency), 'actual'),
      figure('Expected', formatMoney(finding.expected, currency), 'expected'),
      figure('Change', formatSignedMoney(finding.delta, currency), 'delta'),
      figure('Period', finding.period || '—'),
      figure('Where', Object.entries(dimensions).map(([key, value]) => `${NAMES[key] || key.replace(/_/g, ' ')} ${value}`).join(', ') || 'organisation', 'where', true),
      figure('Seen', `${formatCount(finding.times_seen)}× since ${new Date(finding.first_seen).toLocaleDateString()}`),
      finding.provisional ? figure('Provisional', 'the period looked incomplete') : null));

  const reviewPanel = h('section', { class: 'panel', 'aria-labelledby': 'review-title' }, h('h2', { id: 'review-title' }, 'Review'));
  renderReview(reviewPanel, { api, session, finding, history, onReviewed: () => navigate('finding', { id }) });

  const lines = evidence.lines;
  const exportButton = h('button', { type: 'button', class: 'secondary', 'data-action': 'export-evidence', disabled: !lines.length },
    'Export evidence CSV');
  exportButton.addEventListener('click', () =>
    download(`finrca-finding-${finding.id}-evidence.csv`, objectsToCSV(EVIDENCE_COLUMNS, evidenceRows(finding, lines))));
  const evidencePanel = h('section', { class: 'panel', 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, `Evidence lines (${formatCount(evidence.total_lines)})`),
    h('div', { class: 'toolbar' }, exportButton,
      evidence.total_lines > lines.length ? h('span', { class: 'muted' }, `showing the first ${formatCount(lines.length)}`) : null),
    lines.length ? linesTable(lines, currency) : empty('This finding has no evidence lines.'));

  const parts = [header, reviewPanel, evidencePanel];
  const query = bridgeQuery(finding);
  let bridgePanel = null;
  if (query) {
    bridgePanel = h('section', { class: 'panel', 'aria-labelledby': 'bridge-title' },
      h('h2', { id: 'bridge-title' }, `What changed ${query.from} → ${query.to}`),
      finding.details && finding.details.root_cause_set ? h('p', {}, 'Root-cause set: ', h('code', {}, finding.details.root_cause_set)) : null,
      h('p', {}, h('a', { href: `#/explore?${new URLSearchParams(query)}` }, 'Open in Explore to drill down')));
    parts.push(bridgePanel);
  }
  replace(main, ...parts);
  if (bridgePanel) {
    const slot = h('div', {}, loading());
    bridgePanel.append(slot);
    try {
      const bridge = await api.get('/explore/bridge', query);
      if (!isCurrent()) return;
      replace(slot);
      renderBridge(slot, bridge, { onStep: (member) => navigate('explore', {}, { ...query, [bridge.level]: member }) });
    } catch (error) {
      replace(slot, failure(error));
    }
  }
}

/** A table of journal lines. */
export function linesTable(lines, currency) {
  return h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Journal lines', 'data-testid': 'lines' },
    h('thead', {}, h('tr', {}, ['File', 'Line', 'Date', 'Supplier', 'GL account', 'Cost centre'].map((label) => h('th', {}, label)),
      h('th', { class: 'num' }, 'Amount'))),
    h('tbody', {}, lines.map((line) => h('tr', { 'data-line': `${line.batch_id}:${line.line}` },
      h('td', {}, line.file_name || `batch ${line.batch_id}`), h('td', { class: 'num' }, String(line.line)),
      h('td', {}, line.posting_date || line.period || '—'), h('td', {}, line.supplier || '—'),
      h('td', {}, [line.gl_account, line.gl_account_name].filter(Boolean).join(' ') || '—'),
      h('td', {}, [line.cost_center, line.cost_center_name].filter(Boolean).join(' ') || '—'),
      h('td', { class: 'num' }, formatMoney(line.amount, line.currency || currency)))))));
}

/** Suppression rules a review as expected may make, and what each needs of the finding. */
export const RULES = [
  ['', 'nothing else'],
  ['supplier_amount', 'this supplier and amount'],
  ['account', 'this kind on this GL account'],
  ['pattern', 'this kind at exactly this place'],
];

/** Whether the finding has what the rule's scope needs (a supplier and an amount, a GL account, a place). */
export function ruleApplies(scope, finding) {
  const dimensions = (finding.dimensions || []).map((item) => item.dimension);
  switch (scope) {
    case 'supplier_amount': return dimensions.includes('supplier') && finding.actual !== null && finding.actual !== undefined;
    case 'account': return dimensions.includes('gl_account');
    case 'pattern': return dimensions.length > 0;
    default: return true;
  }
}

function renderReview(panel, { api, session, finding, history, onReviewed }) {
  const current = h('p', { 'data-testid': 'review-status' }, 'Status: ', h('strong', {}, finding.review_status.replace('_', ' ')),
    finding.reviewed_by ? ` by ${finding.reviewed_by}, ${new Date(finding.reviewed_at).toLocaleString()}` : '',
    finding.review_note ? ` — “${finding.review_note}”` : '');
  panel.append(current);
  const message = h('div', { 'aria-live': 'polite' });
  if (!canReview(session.user.role)) {
    panel.append(h('p', { class: 'muted' }, 'Your role (viewer) may read findings; reviewers record reviews.'));
  }
  const note = h('textarea', { id: 'review-note', rows: 2, maxlength: 2000, placeholder: 'Why (optional)' });
  // With "expected", a reviewer may also keep later findings like this one out of the inbox (a rule, listed at
  // /rules and removable with `finrca rules remove`).
  const rule = h('select', { id: 'review-rule' },
    RULES.filter(([scope]) => ruleApplies(scope, finding)).map(([scope, label]) => h('option', { value: scope }, label)));
  const buttons = CHOICES.filter(([status]) => status !== finding.review_status).map(([status, label]) =>
    h('button', {
      type: 'button', class: status === 'open' ? 'secondary' : '', 'data-review': status,
      onclick: async (event) => {
        for (const button of buttons) button.disabled = true;
        try {
          const body = { status, note: note.value };
          if (status === 'expected' && rule.value) body.rule = rule.value;
          await api.post(`/findings/${finding.id}/review`, body);
          replace(message, h('div', { class: 'notice ok' }, `Recorded: ${label.toLowerCase()}.`));
          onReviewed();
        } catch (error) {
          replace(message, h('div', { class: 'notice error', role: 'alert' },
            error.status === 403 ? 'You may not review findings: your role is viewer. Ask an admin for the reviewer role.' : error.message));
          for (const button of buttons) button.disabled = false;
          event.target.focus();
        }
      },
    }, label));
  panel.append(h('div', { class: 'review' }, h('label', { for: 'review-note' }, 'Note', note),
    h('label', { for: 'review-rule' }, 'When expected, also suppress', rule), h('div', { class: 'choices' }, buttons)), message);
  if (history.reviews.length) {
    panel.append(h('details', {}, h('summary', {}, `History (${history.reviews.length})`),
      h('ul', {}, history.reviews.map((review) => h('li', {},
        `${new Date(review.reviewed_at).toLocaleString()}: ${review.status.replace('_', ' ')} by ${review.reviewed_by}${review.note ? ` — ${review.note}` : ''}`)))));
  }
}
