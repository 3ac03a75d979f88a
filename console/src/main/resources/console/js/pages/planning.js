// Sample size, power or minimum detectable effect, answered as you type (PowerService, debounced):
// leave one of sample size / power / effect empty and the service solves for it.
import { rpc } from '../api.js';
import { debounce, h, num, pct } from '../dom.js';

export async function render(view, params, context) {
  const field = (id, label, value, attributes = {}) => {
    const input = h('input', { id, name: id, type: 'number', step: 'any', value, ...attributes });
    return [input, h('div', {}, h('label', { for: id }, label), input)];
  };
  const kind = h('select', { id: 'kind' }, h('option', { value: 'proportion' }, 'conversion rate'), h('option', { value: 'mean' }, 'mean'));
  const [baseline, baselineField] = field('baseline', 'Baseline rate (or standard deviation)', '0.1');
  const [effect, effectField] = field('mde', 'Minimum detectable effect (absolute)', '0.01');
  const [power, powerField] = field('power', 'Power', '0.8');
  const [size, sizeField] = field('control-size', 'Control units (empty: solve)', '');
  const [alpha, alphaField] = field('alpha', 'Alpha', '0.05');
  const [daily, dailyField] = field('daily', 'Eligible units per day', '5000');
  const answer = h('div', { id: 'answer', 'aria-live': 'polite', class: 'panel' }, 'Fill in the design.');
  const solve = debounce(async () => {
    const optional = (input) => (input.value.trim() === '' ? undefined : Number(input.value));
    const design = { controlSampleSize: optional(size), power: optional(power), alpha: optional(alpha), dailyEligibleUnits: optional(daily) };
    try {
      const { solution } = kind.value === 'proportion'
        ? await rpc('power', 'SolveProportionPower', { baselineRate: Number(baseline.value), minimumDetectableEffect: optional(effect), design })
        : await rpc('power', 'SolveMeanPower', { standardDeviation: Number(baseline.value), minimumDetectableEffect: optional(effect), design });
      context.showError(null);
      answer.replaceChildren(
        h('p', {}, h('strong', { 'data-total-units': solution.totalUnits }, `${num(solution.totalUnits)} units`), ` in total (${num(solution.controlUnits)} control + ${num(solution.treatmentUnits)} treatment)`),
        h('p', {}, `Power ${pct(solution.power)} to detect an absolute effect of ${num(solution.minimumDetectableEffect, 4)} (standardized ${num(solution.standardizedEffect, 3)}).`),
        Number(solution.durationDays) > 0 ? h('p', {}, `About ${num(solution.durationDays)} days at ${num(daily.value)} eligible units a day.`) : null);
    } catch (error) {
      answer.replaceChildren(h('p', { class: 'error' }, 'No answer for this design.'));
      context.showError(error);
    }
  }, 250);
  for (const input of [kind, baseline, effect, power, size, alpha, daily]) input.addEventListener('input', solve);
  view.append(
    h('h1', {}, 'Planning'),
    h('p', { class: 'muted' }, 'Leave exactly one of effect, power or control units empty to solve for it.'),
    h('form', { class: 'toolbar', onsubmit: (e) => e.preventDefault() }, h('div', {}, h('label', { for: 'kind' }, 'Metric'), kind), baselineField, effectField, powerField, sizeField, alphaField, dailyField),
    answer);
  solve();
}
