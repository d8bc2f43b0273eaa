import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bridgeQuery, dimensionMap, evidenceRows, rootCauseScope } from '../js/views/finding.js';
import { waterfallSteps } from '../js/views/bridge.js';
import { filterOf } from '../js/views/explore.js';
import { factText } from '../js/views/chat.js';
import { findingsQuery } from '../js/views/findings.js';

test('a change finding opens its bridge: base period → period under its dimensions', () => {
  const finding = {
    kind: 'mom_change', period: '2024-07', details: { base_period: '2024-06' },
    dimensions: [{ dimension: 'directorate', value: 'Finance' }, { dimension: 'functional_area', value: 'X' }],
  };
  assert.deepEqual(bridgeQuery(finding), { from: '2024-06', to: '2024-07', directorate: 'Finance' });
  assert.deepEqual(bridgeQuery({ ...finding, kind: 'root_cause', details: { from: '2024-05' } }).from, '2024-05');
  assert.equal(bridgeQuery({ ...finding, kind: 'statistical_outlier' }), null);
  assert.deepEqual(dimensionMap({ cost_center: '31090' }), { cost_center: '31090' });
});

test('a root cause opens the bridge of the slice it explains, named by its sentence', () => {
  const dimensions = [{ dimension: 'directorate', value: 'Directorate of Human Capital' }, { dimension: 'supplier', value: 'CV Global Dharma' }];
  const finding = {
    kind: 'root_cause', period: '2024-04', details: { from: '2024-03' }, dimensions,
    explanation: "Root cause of directorate Directorate of Human Capital's +IDR 5.4bn from 2024-03 to 2024-04: supplier CV Global Dharma, IDR 5.3bn (99 % of the change).",
  };
  assert.deepEqual(bridgeQuery(finding), { from: '2024-03', to: '2024-04', directorate: 'Directorate of Human Capital' });
  const organisation = { ...finding, dimensions: dimensions.slice(1), explanation: "Root cause of the organisation's +IDR 5bn from 2024-03 to 2024-04: supplier CV Global Dharma, …" };
  assert.deepEqual(bridgeQuery(organisation), { from: '2024-03', to: '2024-04' });
  assert.deepEqual(rootCauseScope({ ...finding, explanation: 'something else' }), { directorate: 'Directorate of Human Capital', supplier: 'CV Global Dharma' });
});

test('evidence rows carry the finding and exact amounts', () => {
  const rows = evidenceRows({ id: 7, currency: 'IDR' }, [{ batch_id: 1, line: 5, amount: 2900000 }]);
  assert.deepEqual(rows[0], { batch_id: 1, line: 5, amount: '2900000.00', finding_id: 7, currency: 'IDR' });
});

test('waterfall steps: totals at both ends, other in between', () => {
  const steps = waterfallSteps({
    from: '2024-06', to: '2024-07', start: 150.1, end: 285.25,
    steps: [{ member: 'Adults', contribution: 200.15 }, { member: 'IT', contribution: -70 }], other: { members: 1, contribution: 5 },
  });
  assert.deepEqual(steps.map((step) => step.label), ['2024-06', 'Adults', 'IT', '1 other', '2024-07']);
  assert.deepEqual(steps.map((step) => Boolean(step.total)), [true, false, false, false, true]);
});

test('explore filters stop at the first missing level', () => {
  assert.deepEqual(filterOf({ directorate: 'A', cost_center: 'B', supplier: 'S' }), { directorate: 'A', cost_center: 'B' });
  assert.deepEqual(filterOf({ cost_center: 'B' }), {});
});

test('facts and inbox queries', () => {
  assert.equal(factText({ kind: 'amount', value: '12345678.90', currency: 'IDR' }), 'IDR 12,345,678.90');
  assert.equal(factText({ kind: 'ratio', value: '0.603' }), '60.3 %');
  assert.equal(factText({ kind: 'count', value: '1234' }), '1,234');
  assert.deepEqual(findingsQuery({ severity: 'high', scope: '' }, 9), { sort: 'rank', severity: 'high', run: 9 });
  assert.deepEqual(findingsQuery({ scope: 'all', sort: 'id' }, 9), { sort: 'id' });
});

test('a review rule is offered only when the finding has what it needs', async () => {
  const { ruleApplies, RULES } = await import('../js/views/finding.js');
  const outlier = { actual: '12000.00', dimensions: [{ dimension: 'gl_account', value: '521010' }, { dimension: 'supplier', value: 'ACME' }] };
  const change = { actual: '5000.00', dimensions: [{ dimension: 'directorate', value: 'Finance' }] };
  const incomplete = { actual: '10.00', dimensions: [] };
  assert.deepEqual(RULES.map(([scope]) => scope).filter((scope) => ruleApplies(scope, outlier)), ['', 'supplier_amount', 'account', 'pattern']);
  assert.deepEqual(RULES.map(([scope]) => scope).filter((scope) => ruleApplies(scope, change)), ['', 'pattern']);
  assert.deepEqual(RULES.map(([scope]) => scope).filter((scope) => ruleApplies(scope, incomplete)), ['']);
});
