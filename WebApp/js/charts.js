// Charts with Chart.js (Debian's libjs-chart.js, loaded as a classic script before the app): line, bars,
// waterfall (floating bars), and the cost centre × month heatmap as a table (readable by screen readers
// and keyboard). Tooltips show exact amounts; axes use compact ones.
import { h } from './dom.js';
import { formatMoney, formatCompact, formatSignedMoney } from './money.js';

const live = new Set();

/** Destroys every chart drawn so far (called when the screen changes). */
export function destroyCharts() {
  for (const chart of live) chart.destroy();
  live.clear();
}

function palette() {
  const style = getComputedStyle(document.documentElement);
  const get = (name) => style.getPropertyValue(name).trim();
  return {
    text: get('--text'), muted: get('--muted'), line: get('--line'), accent: get('--accent'), up: get('--up'),
    down: get('--down'), flag: get('--flag'), heat0: get('--heat-0'), heat1: get('--heat-1'),
  };
}

function draw(container, config, label) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  container.append(h('div', { class: 'chart' }, canvas));
  if (typeof window.Chart !== 'function') {
    container.append(h('p', { class: 'muted' }, 'Charts are unavailable (Chart.js did not load).'));
    return null;
  }
  const colors = palette();
  const chart = new window.Chart(canvas, {
    ...config,
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: false, labels: { color: colors.text } }, ...(config.options && config.options.plugins) },
      scales: config.options && config.options.scales,
      onClick: config.options && config.options.onClick,
      onHover: config.options && config.options.onHover,
      indexAxis: config.options && config.options.indexAxis,
    },
  });
  live.add(chart);
  return chart;
}

function axes(colors, { horizontal = false } = {}) {
  const money = { ticks: { color: colors.muted, callback: (value) => formatCompact(value) }, grid: { color: colors.line } };
  const category = { ticks: { color: colors.muted, autoSkip: true, maxRotation: 60 }, grid: { display: false } };
  return horizontal ? { x: money, y: category } : { x: category, y: money };
}

/** Monthly spend as a line; `flagged` periods get large, coloured points. */
export function trendChart(container, { labels, values, flagged = new Set(), currency }) {
  const colors = palette();
  const isFlagged = labels.map((label) => flagged.has(label));
  return draw(container, {
    type: 'line',
    data: {
      labels,
      datasets: [{
        label: 'spend', data: values.map(Number), borderColor: colors.accent, backgroundColor: colors.accent, tension: 0.2,
        pointRadius: isFlagged.map((flag) => (flag ? 6 : 2)), pointBackgroundColor: isFlagged.map((flag) => (flag ? colors.flag : colors.accent)),
        pointStyle: isFlagged.map((flag) => (flag ? 'rectRot' : 'circle')),
      }],
    },
    options: {
      scales: axes(colors),
      plugins: { tooltip: { callbacks: { label: (item) => `${formatMoney(values[item.dataIndex], currency)}${isFlagged[item.dataIndex] ? ' — flagged' : ''}` } } },
    },
  }, `Monthly spend${flagged.size ? `, flagged: ${[...flagged].join(', ')}` : ''}`);
}

/** Bars (horizontal when `horizontal`), each clickable when `onClick` is given. */
export function barChart(container, { labels, values, currency, horizontal = true, onClick, label = 'bars' }) {
  const colors = palette();
  return draw(container, {
    type: 'bar',
    data: { labels, datasets: [{ data: values.map(Number), backgroundColor: colors.accent }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x', scales: axes(colors, { horizontal }),
      plugins: { tooltip: { callbacks: { label: (item) => formatMoney(values[item.dataIndex], currency) } } },
      onClick: onClick ? (event, elements) => { if (elements.length) onClick(elements[0].index); } : undefined,
    },
  }, label);
}

/**
 * A bridge: the first and last bars are totals, the others changes floating from the running total.
 * `steps` are [{ label, value, total? }] with exact values; `onClick(index)` is called for change bars.
 */
export function waterfallChart(container, { steps, currency, onClick, label = 'waterfall' }) {
  const colors = palette();
  let running = 0;
  const bars = steps.map((step) => {
    const value = Number(step.value);
    if (step.total) { running = value; return [0, value]; }
    const start = running;
    running += value;
    return [start, running];
  });
  const fill = steps.map((step) => (step.total ? colors.accent : Number(step.value) >= 0 ? colors.up : colors.down));
  const scales = axes(colors);
  // Changes are small beside the totals: start the axis near the lowest running total (as bridges are drawn).
  const ends = bars.flatMap(([start, end], index) => (steps[index].total ? [end] : [start, end]));
  const low = Math.min(...ends);
  const high = Math.max(...ends);
  if (low > 0 && high > low) scales.y.min = Math.max(0, low - (high - low) * 0.25);
  return draw(container, {
    type: 'bar',
    data: { labels: steps.map((step) => step.label), datasets: [{ data: bars, backgroundColor: fill, minBarLength: 2 }] },
    options: {
      scales,
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const step = steps[item.dataIndex];
              return step.total ? formatMoney(step.value, currency) : formatSignedMoney(step.value, currency);
            },
          },
        },
      },
      onClick: onClick ? (event, elements) => { if (elements.length && !steps[elements[0].index].total) onClick(elements[0].index); } : undefined,
      onHover: onClick ? (event, elements) => { event.native.target.style.cursor = elements.length ? 'pointer' : 'default'; } : undefined,
    },
  }, label);
}

/** A heatmap as a table: rows × columns with cell colour by value; exact amounts in each cell's title. */
export function heatmapTable({ x, y, z, currency, caption }) {
  const colors = palette();
  const numbers = z.flat().map(Number).filter(Number.isFinite);
  const max = Math.max(1, ...numbers.map(Math.abs));
  const table = h('table', { class: 'heatmap' },
    h('caption', { class: 'muted' }, caption || ''),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), x.map((label) => h('th', { scope: 'col', class: 'num' }, label)))),
    h('tbody', {}, y.map((row, rowIndex) => h('tr', {},
      h('th', { scope: 'row' }, row),
      x.map((column, columnIndex) => {
        const value = (z[rowIndex] || [])[columnIndex];
        const cell = h('td', { title: `${row}, ${column}: ${formatMoney(value, currency)}` }, formatCompact(value));
        const share = Math.min(1, Math.abs(Number(value)) / max);
        cell.style.backgroundColor = `color-mix(in srgb, ${colors.heat1} ${Math.round(share * 85)}%, ${colors.heat0})`;
        if (share > 0.55) cell.style.color = colors.heat0;
        return cell;
      })))));
  return h('div', { class: 'table-wrap' }, table);
}

/** A Plotly-style figure ({data, layout}) as the closest chart: lines, bars, pie (as bars), waterfall, heatmap. */
export function figureElement(figure, currency) {
  const container = h('div', { class: 'figure' });
  const trace = figure && figure.data && figure.data[0];
  const title = figure && figure.layout && figure.layout.title ? figure.layout.title.text || '' : '';
  if (title) container.append(h('h3', { class: 'muted' }, title));
  if (!trace) {
    container.append(h('p', { class: 'muted' }, 'No chart data.'));
    return container;
  }
  if (trace.type === 'heatmap') {
    container.append(heatmapTable({ x: trace.x, y: trace.y, z: trace.z, currency, caption: title }));
  } else if (trace.type === 'waterfall') {
    waterfallChart(container, {
      currency, label: title,
      steps: trace.x.map((label, index) => ({ label, value: trace.y[index], total: trace.measure[index] !== 'relative' })),
    });
  } else if (trace.type === 'pie') {
    barChart(container, { labels: trace.labels.slice(0, 15), values: trace.values.slice(0, 15), currency, label: title });
  } else if (trace.type === 'bar') {
    barChart(container, { labels: trace.x, values: trace.y, currency, horizontal: false, label: title });
  } else if (trace.type === 'scatter' && String(trace.mode || '').includes('lines')) {
    trendChart(container, { labels: trace.x, values: trace.y, currency });
  } else {
    scatterChart(container, figure.data, currency, title);
  }
  return container;
}

function scatterChart(container, traces, currency, title) {
  const colors = palette();
  const labels = [...new Set(traces.flatMap((trace) => trace.x || []))].sort();
  const index = new Map(labels.map((label, position) => [label, position]));
  const datasets = traces.map((trace, position) => ({
    label: trace.name || `series ${position + 1}`, showLine: false, pointRadius: position ? 3 : 1.5,
    backgroundColor: position ? colors.flag : colors.muted,
    data: (trace.x || []).map((x, at) => ({ x: index.get(x), y: Number(trace.y[at]), raw: trace.y[at] })),
  }));
  return draw(container, {
    type: 'scatter', data: { datasets },
    options: {
      scales: { x: { ticks: { color: colors.muted, callback: (value) => labels[value] || '' }, grid: { display: false } },
                y: { ticks: { color: colors.muted, callback: (value) => formatCompact(value) }, grid: { color: colors.line } } },
      plugins: { legend: { display: true }, tooltip: { callbacks: { label: (item) => `${labels[item.raw.x]}: ${formatMoney(item.raw.raw, currency)}` } } },
    },
  }, title);
}
