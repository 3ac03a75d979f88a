// Feature flags: type, default, kill switch and each rule in order with its condition and what it
// serves (a forced value, a rollout share, or an experiment's variation values).
import { listAll } from '../api.js';
import { enumName, h, pct, table, valueText } from '../dom.js';

export async function render(view) {
  const flags = await listAll('definition', 'ListFeatureFlags', 'flags');
  view.append(h('h1', {}, 'Feature flags'));
  if (flags.length === 0) view.append(h('p', { class: 'muted' }, 'No feature flags.'));
  for (const flag of flags) {
    view.append(h('section', { class: 'panel', 'data-flag': flag.key, 'aria-labelledby': `flag-${flag.key}` },
      h('h2', { id: `flag-${flag.key}` }, flag.key, ' ', flag.killed ? h('span', { class: 'badge stopped' }, 'killed') : h('span', { class: 'badge active' }, 'live')),
      flag.description ? h('p', {}, flag.description) : null,
      h('p', { class: 'muted' }, `${enumName(flag.valueType, 'FLAG_VALUE_TYPE_')} · default ${valueText(flag.defaultValue)} · version ${flag.version}`),
      flag.rules.length === 0 ? h('p', { class: 'muted' }, 'No rules: everyone gets the default.') :
        table(['#', 'Rule', 'When', 'Serves', 'Rollout'], flag.rules.map((rule, i) => ({ attributes: { 'data-rule': rule.id || String(i) }, cells: [String(i + 1), rule.id || '–', condition(rule.condition), serves(rule), rollout(rule)] })))));
  }
}

const condition = (c) => (c && Object.keys(c).length ? h('code', {}, JSON.stringify(c)) : 'everyone');

function serves(rule) {
  if (rule.force) return `force ${valueText(rule.force.value)}`;
  if (rule.rollout) return `${valueText(rule.rollout.value)}`;
  if (rule.experiment) return h('span', {}, 'experiment ', h('a', { href: `#/experiments/${encodeURIComponent(rule.experiment.experimentKey)}` }, rule.experiment.experimentKey), `: ${rule.experiment.variationValues.map(valueText).join(' / ')}`);
  return '–';
}

function rollout(rule) {
  if (!rule.rollout) return '–';
  const coverage = rule.rollout.coverage;
  return h('span', { 'data-coverage': coverage }, h('progress', { max: '1', value: String(coverage), 'aria-label': 'rollout share', style: 'width:100px' }), ` ${pct(coverage, 0)} of units by ${rule.rollout.hashAttribute || 'unit id'}`);
}
