import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spendFigures, splitPeriod } from '../js/kpi.js';

const points = [
  { label: '2023-05', amount: 1000.5, lines: 10 },
  { label: '2024-04', amount: '2000.00', lines: 20 },
  { label: '2024-05', amount: 2500.25, lines: 25 },
];

test('this period, the period before and the same period last year, exactly', () => {
  const figures = spendFigures(points, '2024-05');
  assert.equal(figures.current, 250025n);
  assert.equal(figures.lines, 25);
  assert.equal(figures.previousPeriod, '2024-04');
  assert.equal(figures.vsPrevious, 50025n);
  assert.equal(figures.vsPreviousPercent, '+25.0 %');
  assert.equal(figures.lastYearPeriod, '2023-05');
  assert.equal(figures.vsLastYear, 149975n);
  assert.equal(figures.vsLastYearPercent, '+149.9 %');
});

test('missing comparison periods are null, not zero', () => {
  const figures = spendFigures(points.slice(0, 1), '2023-05');
  assert.equal(figures.previous, null);
  assert.equal(figures.vsPrevious, null);
  assert.equal(figures.lastYear, null);
  assert.deepEqual(splitPeriod('2024-13'), [2024, 13]);
  assert.equal(splitPeriod('May 2024'), null);
});
