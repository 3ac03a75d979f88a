// "Why does this unit see this?": every experiment and flag for a unit with its reason, bucket and
// override. The console always evaluates with skip_exposures, so looking never records an exposure.
import { rpc } from '../api.js';
import { enumName, h, num, table, valueText } from '../dom.js';

export async function render(view, params, context) {
  const unit = h('input', { id: 'unit', required: true, placeholder: 'user-42' });
  const attributes = h('textarea', { id: 'attributes', rows: '3', cols: '50', placeholder: '{"country": "FR"}' });
  const out = h('div', { id: 'explanation', 'aria-live': 'polite' });
  const form = h('form', { class: 'toolbar', onsubmit: async (event) => {
    event.preventDefault();
    let parsed = {};
    try {
      parsed = attributes.value.trim() ? JSON.parse(attributes.value) : {};
      if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed === null) throw new Error('must be a JSON object');
    } catch (error) {
      context.showError(`attributes: ${error.message}`);
      return;
    }
    try {
      const answer = await rpc('evaluation', 'Evaluate', { unitId: unit.value.trim(), attributes: parsed, skipExposures: true });
      context.showError(null);
      out.replaceChildren(...explanation(answer));
      out.setAttribute('data-unit', unit.value.trim());
    } catch (error) {
      out.replaceChildren();
      context.showError(error);
    }
  } },
  h('div', {}, h('label', { for: 'unit' }, 'Unit id'), unit),
  h('div', {}, h('label', { for: 'attributes' }, 'Attributes (JSON object)'), attributes),
  h('button', { type: 'submit' }, 'Explain'));
  view.append(h('h1', {}, 'Why does this unit see this?'), form, out);
}

const reason = (r) => enumName(r, 'REASON_');

function explanation({ assignments, flags }) {
  return [
    h('h2', {}, 'Experiments'),
    table(['Experiment', 'Variation', 'Reason', '#Bucket', 'Hashed value', 'Override'], assignments.map((a) => ({
      attributes: { 'data-experiment': a.experimentKey, 'data-reason': a.reason },
      cells: [h('a', { href: `#/experiments/${encodeURIComponent(a.experimentKey)}` }, a.experimentKey), a.inExperiment ? a.variationKey : '–', reason(a.reason), a.bucket >= 0 ? num(a.bucket, 4) : '–', a.hashValue || '–', a.reason === 'REASON_OVERRIDE' ? 'yes' : 'no'],
    }))),
    h('h2', {}, 'Flags'),
    table(['Flag', 'Value', 'Reason', 'Rule', 'Via experiment', 'Override'], flags.map((f) => ({
      attributes: { 'data-flag': f.flagKey, 'data-reason': f.reason },
      cells: [f.flagKey, valueText(f.value), reason(f.reason), f.ruleId || '–', f.experiment?.experimentKey ? `${f.experiment.experimentKey}: ${f.experiment.variationKey || '–'} (bucket ${num(f.experiment.bucket, 4)})` : '–', f.reason === 'REASON_OVERRIDE' ? 'yes' : 'no'],
    }))),
  ];
}
