// A bridge (from /explore/bridge): the waterfall from one period's total to the other's by the next level's
// members, a table of the same steps (each a drill-down button), and the ranked root causes.
import { h, empty } from '../dom.js';
import { formatMoney, formatSignedMoney, formatCount } from '../money.js';
import { waterfallChart } from '../charts.js';

export const LEVEL_NAMES = { directorate: 'directorate', cost_center: 'cost centre', gl_account: 'GL account', supplier: 'supplier' };

/** Waterfall steps of a bridge: start total, member changes, "other", end total. */
export function waterfallSteps(bridge) {
  const steps = [{ label: bridge.from, value: bridge.start, total: true }];
  for (const step of bridge.steps) steps.push({ label: step.member, value: step.contribution, member: step.member });
  if (bridge.other && bridge.other.members) steps.push({ label: `${bridge.other.members} other`, value: bridge.other.contribution });
  steps.push({ label: bridge.to, value: bridge.end, total: true });
  return steps;
}

export function renderBridge(container, bridge, { onStep }) {
  const currency = bridge.currency;
  container.append(h('p', { 'data-testid': 'bridge-change' },
    `${formatMoney(bridge.start, currency)} (${bridge.from}, ${formatCount(bridge.lines_from)} lines) → `,
    `${formatMoney(bridge.end, currency)} (${bridge.to}, ${formatCount(bridge.lines_to)} lines): `,
    h('strong', {}, formatSignedMoney(bridge.change, currency))));
  if (!bridge.level) {
    container.append(h('p', { class: 'muted' }, 'This is the lowest level: the lines are below.'));
    return;
  }
  const steps = waterfallSteps(bridge);
  if (bridge.steps.length) {
    waterfallChart(container, {
      steps, currency, label: `Change by ${LEVEL_NAMES[bridge.level]}`,
      onClick: onStep ? (index) => { if (steps[index].member !== undefined) onStep(steps[index].member); } : undefined,
    });
  }
  container.append(h('h3', {}, `By ${LEVEL_NAMES[bridge.level]}`),
    bridge.steps.length ? h('div', { class: 'table-wrap' }, h('table', { 'aria-label': `Change by ${LEVEL_NAMES[bridge.level]}`, 'data-testid': 'steps' },
      h('thead', {}, h('tr', {}, h('th', {}, LEVEL_NAMES[bridge.level]), h('th', { class: 'num' }, bridge.from),
        h('th', { class: 'num' }, bridge.to), h('th', { class: 'num' }, 'Change'))),
      h('tbody', {}, bridge.steps.map((step) => h('tr', {},
        h('td', {}, onStep ? h('button', { type: 'button', class: 'link', 'data-member': step.member, onclick: () => onStep(step.member) }, step.member) : step.member),
        h('td', { class: 'num' }, formatMoney(step.from, currency)), h('td', { class: 'num' }, formatMoney(step.to, currency)),
        h('td', { class: 'num' }, formatSignedMoney(step.contribution, currency))))))) : empty('No spend in either period under this filter.'));
  if (bridge.root_causes.length) {
    container.append(h('h3', {}, 'Ranked root causes'),
      h('p', { class: 'muted' }, 'Members of any lower level that moved with the total, by the share of the change they explain.'),
      h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Ranked root causes', 'data-testid': 'root-causes' },
        h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Where'), h('th', { class: 'num' }, 'Change'), h('th', { class: 'num' }, 'Share'))),
        h('tbody', {}, bridge.root_causes.map((cause, index) => h('tr', {},
          h('td', {}, String(index + 1)), h('td', {}, `${LEVEL_NAMES[cause.dimension]} ${cause.member}`),
          h('td', { class: 'num' }, formatSignedMoney(cause.contribution, currency)),
          h('td', { class: 'num' }, `${(cause.explained_share * 100).toFixed(1)} %`)))))));
  }
}
