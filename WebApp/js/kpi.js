// The overview's key figures, computed exactly from the run's documents.
import { toCents, percentChange } from './money.js';

/** Splits `2024-05` into [2024, 5]. */
export function splitPeriod(period) {
  const match = /^(\d{4})-(\d{2})$/.exec(period || '');
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/**
 * Spend of the latest period, of the period before it and of the same period a year earlier, with the changes.
 * `points` is `timeseries_month_year`'s points ({label, amount, lines}); `latest` the run's latest period.
 */
export function spendFigures(points, latest) {
  const byLabel = new Map(points.map((point) => [point.label, point]));
  const index = points.findIndex((point) => point.label === latest);
  const current = byLabel.get(latest) || null;
  const previous = index > 0 ? points[index - 1] : null;
  const parts = splitPeriod(latest);
  const lastYear = parts ? byLabel.get(`${parts[0] - 1}-${String(parts[1]).padStart(2, '0')}`) || null : null;
  const amount = (point) => (point ? toCents(point.amount) : null);
  const change = (other) => (current && other ? amount(current) - amount(other) : null);
  return {
    period: latest,
    current: amount(current),
    lines: current ? current.lines : null,
    previousPeriod: previous ? previous.label : null,
    previous: amount(previous),
    vsPrevious: change(previous),
    vsPreviousPercent: current && previous ? percentChange(amount(current), amount(previous)) : null,
    lastYearPeriod: lastYear ? lastYear.label : null,
    lastYear: amount(lastYear),
    vsLastYear: change(lastYear),
    vsLastYearPercent: current && lastYear ? percentChange(amount(current), amount(lastYear)) : null,
  };
}

/** Severity order, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** Periods that have at least one finding of a change kind or a flagged change, for marking the trend. */
export function flaggedPeriods(changes) {
  return [...new Set((changes || []).filter((change) => !change.dimension).map((change) => change.period))].sort();
}
