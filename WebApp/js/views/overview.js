// Overview: the latest run, key figures, spend trend with flagged months, cost centre × month heatmap and the
// spend by directorate (click a bar to explore it).
import { h, replace, empty } from '../dom.js';
import { formatMoney, formatSignedMoney, formatCount } from '../money.js';
import { spendFigures, SEVERITIES } from '../kpi.js';
import { trendChart, heatmapTable, barChart } from '../charts.js';

export async function renderOverview(main, { api, navigate, isCurrent }) {
  const [dashboard, series, counts] = await Promise.all([
    api.get('/dashboard'), api.get('/eda/timeseries', { group_by: 'month_year' }), api.get('/findings/counts'),
  ]);
  const top = await api.get('/findings', { sort: 'rank', status: 'open', run: counts.run_id, limit: 5 });
  if (!isCurrent()) return;
  const summary = dashboard.summary;
  const currency = summary.currency;
  const latest = summary.latest_period;
  const figures = spendFigures(series.points, latest);
  const finished = new Date(dashboard.finished_at);

  const runline = h('div', { class: 'runline', 'data-testid': 'run' },
    h('span', {}, 'Latest run ', h('strong', {}, `#${dashboard.run_id}`), ' finished ',
      h('time', { datetime: dashboard.finished_at }, finished.toLocaleString())),
    h('span', {}, h('strong', { 'data-kpi': 'lines' }, formatCount(summary.lines)), ' journal lines'),
    h('span', {}, 'latest period ', h('strong', {}, latest || '—')),
    summary.provisional ? h('span', { class: 'provisional' }, 'Provisional: the latest period looks incomplete') : h('span', {}, 'complete'));

  const change = (label, value, percent, period, key) => h('div', { class: 'card' },
    h('div', { class: 'label' }, label, period ? ` (${period})` : ''),
    value === null ? h('div', { class: 'value muted' }, 'no data')
      : h('div', { class: `value ${value > 0n ? 'up' : value < 0n ? 'down' : ''}`, 'data-kpi': key }, formatSignedMoney(value, currency)),
    h('div', { class: 'sub' }, percent || ''));

  const open = counts.open_by_severity || {};
  const openTotal = SEVERITIES.reduce((sum, severity) => sum + (open[severity] || 0), 0);
  const cards = h('div', { class: 'cards' },
    h('div', { class: 'card' },
      h('div', { class: 'label' }, `Spend ${latest || ''}`),
      h('div', { class: 'value', 'data-kpi': 'spend' }, formatMoney(figures.current, currency)),
      h('div', { class: 'sub' }, `${formatCount(figures.lines)} lines`)),
    change('vs previous period', figures.vsPrevious, figures.vsPreviousPercent, figures.previousPeriod, 'vs-previous'),
    change('vs last year', figures.vsLastYear, figures.vsLastYearPercent, figures.lastYearPeriod, 'vs-last-year'),
    h('a', { class: 'card', href: '#/findings?status=open', 'aria-label': `${openTotal} open findings` },
      h('div', { class: 'label' }, 'Open findings'),
      h('div', { class: 'value', 'data-kpi': 'open' }, formatCount(openTotal)),
      h('div', { class: 'severities' }, SEVERITIES.map((severity) =>
        h('span', { class: `badge sev-${severity}`, 'data-kpi': `open-${severity}` }, `${open[severity] || 0} ${severity}`)))));

  const trend = h('section', { class: 'panel', 'aria-labelledby': 'trend-title' }, h('h2', { id: 'trend-title' }, 'Monthly spend'),
    h('p', { class: 'muted' }, 'Marked months hold a high or critical change finding.'));
  const heat = h('section', { class: 'panel', 'aria-labelledby': 'heat-title' }, h('h2', { id: 'heat-title' }, 'Cost centre × month'));
  const categories = h('section', { class: 'panel', 'aria-labelledby': 'cat-title' }, h('h2', { id: 'cat-title' }, 'Spend by directorate'),
    h('p', { class: 'muted' }, 'Select a bar to explore it.'));
  const topList = h('section', { class: 'panel', 'aria-labelledby': 'top-title' }, h('h2', { id: 'top-title' }, 'Highest-ranked open findings'),
    top.findings.length ? h('ol', {}, top.findings.map((finding) => h('li', {},
      h('span', { class: `badge sev-${finding.severity}` }, finding.severity), ' ',
      h('a', { href: `#/findings/${finding.id}` }, finding.explanation)))) : empty('No open findings.'));

  replace(main, h('h1', {}, 'Overview'), runline, cards, h('div', { class: 'grid' }, trend, categories), heat, topList);

  if (series.points.length) {
    trendChart(trend, {
      labels: series.points.map((point) => point.label), values: series.points.map((point) => point.amount),
      flagged: new Set(counts.flagged_periods || []), currency,
    });
  } else trend.append(empty('No periods yet.'));
  const heatTrace = dashboard.charts.heatmap.figure.data[0];
  if (heatTrace && heatTrace.y.length) heat.append(heatmapTable({ x: heatTrace.x, y: heatTrace.y, z: heatTrace.z, currency, caption: 'the 30 largest cost centres, latest 12 periods' }));
  else heat.append(empty('No cost centres yet.'));
  const pie = dashboard.charts.category_breakdown.figure.data[0];
  if (pie && pie.labels.length) {
    const labels = pie.labels.slice(0, 12);
    barChart(categories, {
      labels, values: pie.values.slice(0, 12), currency, label: 'Spend by directorate',
      onClick: (index) => navigate('explore', {}, { from: figures.previousPeriod, to: latest, directorate: labels[index] }),
    });
    categories.append(h('ul', { class: 'muted hide-narrow' }, labels.slice(0, 5).map((label) =>
      h('li', {}, h('a', { href: `#/explore?${new URLSearchParams({ from: figures.previousPeriod || latest, to: latest, directorate: label })}` }, label)))));
  } else categories.append(empty('No directorates yet.'));
  performance.mark('finrca:overview-usable');
}
