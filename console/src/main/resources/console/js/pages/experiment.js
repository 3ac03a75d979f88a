// One experiment: definition and variations, exposures per variation and the sample-ratio check,
// per metric its charts over time (value per variation; lift with its always-valid band) and the
// current table, progress towards the planned units, the monitor's actions, and (when enabled) the
// actions: stop, set or delete an override.
import { ApiError, act, listAll, rpc } from '../api.js';
import { timeChart } from '../charts.js';
import { card, enumName, h, interval, num, pValue, pct, table, valueText } from '../dom.js';

export async function render(view, [key], context) {
  const [{ experiment: e }, results, series, monitor] = await Promise.all([
    rpc('definition', 'GetExperiment', { key }),
    rpc('results', 'GetExperimentResults', { experimentKey: key }).then((r) => r.results).catch(notFoundAsNull),
    rpc('results', 'GetExperimentTimeSeries', { experimentKey: key, granularity: 'GRANULARITY_HOUR', endTime: endOfThisHour() }).then((r) => r.points).catch((x) => (notFoundAsNull(x) ?? [])),
    rpc('monitor', 'ListMonitorActions', { experimentKey: key, pageSize: 50 }),
  ]);
  const status = enumName(e.status, 'EXPERIMENT_STATUS_') || 'draft';
  view.append(
    h('p', {}, h('a', { href: '#/experiments' }, '← Experiments')),
    h('h1', {}, e.key, ' ', h('span', { class: `badge ${status}` }, status)),
    e.name ? h('p', {}, e.name) : null,
    definition(e),
  );
  if (!results || totalUnits(results) === 0) {
    view.append(h('p', { class: 'panel' }, 'No exposures yet: results appear once units are exposed.'));
  } else {
    view.append(summary(results), exposures(results));
    for (const metric of results.metrics) view.append(metricSection(view, metric, series, results.alpha));
  }
  view.append(monitorActions(monitor.actions));
  if (context.actionsEnabled) view.append(await actions(e, context));
}

/** Includes the hour in progress, so a young experiment has a point already. */
function endOfThisHour() {
  const hour = 3_600_000;
  return new Date(Math.ceil((Date.now() + 1) / hour) * hour).toISOString();
}

function notFoundAsNull(error) {
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
  throw error;
}

function definition(e) {
  const plan = e.analysis ?? {};
  return h(
    'section',
    { 'aria-labelledby': 'definition' },
    h('h2', { id: 'definition' }, 'Definition'),
    table(
      ['#', 'Variation', '#Weight', 'Payload'],
      e.variations.map((v, i) => [String(i), v.key + (i === 0 ? ' (control)' : ''), v.weight ? pct(v.weight) : pct(1 / e.variations.length), valueText(v.payload)]),
      { 'data-table': 'variations' },
    ),
    h('p', { class: 'muted' },
      `Coverage ${pct(e.coverage ?? 1, 0)} · hash ${e.hashAttribute || 'unit id'} (v${e.hashVersion || 2}) · version ${e.version}`,
      plan.primaryMetric ? ` · primary ${plan.primaryMetric}` : '',
      plan.guardrailMetrics?.length ? ` · guardrails ${plan.guardrailMetrics.join(', ')}` : '',
      Number(plan.plannedUnits) ? ` · planned ${num(plan.plannedUnits)} units` : ''),
  );
}

const totalUnits = (r) => r.variations.reduce((sum, v) => sum + Number(v.units), 0);

/** "about 3.2 days left", "less than a day left", "reached" or nothing when unknown. */
function daysLeftText(p) {
  if (p.estimatedDaysLeft !== undefined && p.estimatedDaysLeft !== null) {
    return p.estimatedDaysLeft < 1 ? ' less than a day left' : ` about ${num(p.estimatedDaysLeft, 1)} days left`;
  }
  return Number(p.fraction) >= 1 ? ' reached' : '';
}

function summary(r) {
  const units = totalUnits(r);
  const p = r.progress ?? {};
  const recommendation = enumName(r.recommendation, 'RECOMMENDATION_');
  return h(
    'section',
    { 'aria-labelledby': 'summary' },
    h('h2', { id: 'summary' }, 'Where it stands'),
    h('div', { class: 'cards' },
      card('exposed units', num(units), { 'data-total-units': units }),
      card('recommendation', recommendation + (r.recommendedVariation ? ` ${r.recommendedVariation}` : '')),
      card('sample ratio p', pValue(r.sampleRatio?.pValue)),
      card('alpha', String(r.alpha))),
    Number(p.plannedUnits) > 0
      ? h('p', {}, h('label', { for: 'progress' }, `Progress: ${num(p.exposedUnits)} of ${num(p.plannedUnits)} planned units (${pct(p.fraction, 0)})`),
        h('progress', { id: 'progress', max: '1', value: String(p.fraction) }),
        h('span', { class: 'muted', 'data-days-left': p.estimatedDaysLeft ?? '' }, daysLeftText(p)))
      : h('p', { class: 'muted' }, 'No planned sample size.'),
    r.reasons?.length ? h('ul', {}, r.reasons.map((reason) => h('li', {}, reason))) : null,
  );
}

function exposures(r) {
  const total = r.variations.reduce((sum, v) => sum + Number(v.units), 0);
  const mismatch = r.sampleRatio?.mismatch;
  return h(
    'section',
    { 'aria-labelledby': 'exposures' },
    h('h2', { id: 'exposures' }, 'Exposures and sample ratio'),
    mismatch ? h('p', { class: 'badge bad', 'data-srm': 'mismatch' }, `Sample ratio mismatch (p = ${pValue(r.sampleRatio.pValue)}): do not trust these results yet.`) : h('p', { class: 'muted', 'data-srm': 'ok' }, `Sample ratio as configured (χ² p = ${pValue(r.sampleRatio?.pValue)}).`),
    table(['Variation', '#Units', '#Share', '#Expected share'],
      r.variations.map((v) => ({ attributes: { 'data-variation': v.variationKey }, cells: [v.variationKey, h('span', { 'data-units': v.units }, num(v.units)), pct(total ? Number(v.units) / total : 0), pct(v.expectedShare)] })),
      { 'data-table': 'exposures' }),
  );
}

function metricSection(view, metric, points, alpha) {
  const conversion = metric.kind === 'METRIC_KIND_CONVERSION';
  const format = conversion ? (x) => pct(x, 2) : (x) => num(x, 3);
  const role = enumName(metric.role, 'METRIC_ROLE_');
  const id = `metric-${metric.metricKey}`;
  const charts = h('div', { class: 'grid' });
  const section = h('section', { 'aria-labelledby': id, 'data-metric': metric.metricKey },
    h('h2', { id }, `${metric.metricKey} `, h('span', { class: 'badge' }, role), ' ', h('span', { class: 'muted' }, enumName(metric.direction, 'METRIC_DIRECTION_'))),
    charts,
    table(
      ['Variation', '#Units', `#${conversion ? 'Rate' : 'Mean'}`, `${Math.round((1 - alpha) * 100)}% CI`, '#Lift', 'Lift CI', '#Relative lift', '#p-value', '#Adjusted p', '#Always-valid p', 'Always-valid CI', '#Chance to beat control', 'Guardrail'],
      metric.variations.map((v, i) => ({
        attributes: { 'data-variation': v.variationKey },
        cells: [
          v.variationKey, num(v.units), format(v.value), interval(v.valueInterval, format),
          i === 0 ? '–' : format(v.absoluteLift?.estimate), i === 0 ? '–' : interval(v.absoluteLift?.interval, format),
          i === 0 ? '–' : pct(v.relativeLift?.estimate), i === 0 ? '–' : pValue(v.pValue) + (v.pValueValid ? '' : ' *'),
          i === 0 ? '–' : pValue(v.adjustedPValue), i === 0 ? '–' : pValue(v.alwaysValidPValue),
          i === 0 ? '–' : interval(v.alwaysValidInterval, format), i === 0 ? '–' : pct(v.chanceToBeatControl),
          i === 0 || metric.role !== 'METRIC_ROLE_GUARDRAIL' ? '–' : h('span', { class: `badge ${enumName(v.guardrailStatus, 'GUARDRAIL_STATUS_')}` }, enumName(v.guardrailStatus, 'GUARDRAIL_STATUS_')),
        ],
      })),
      { 'data-table': 'metric' },
    ),
    metric.variations.some((v, i) => i > 0 && !v.pValueValid) ? h('p', { class: 'muted' }, '* fixed-horizon p-value not valid until the planned sample size is reached; read the always-valid figures.') : null,
  );
  // The metric's figures at every point, by variation index.
  const times = [];
  const perPoint = [];
  for (const point of points) {
    const m = point.results.metrics.find((x) => x.metricKey === metric.metricKey);
    if (!m) continue;
    times.push(Date.parse(point.endTime) / 1000);
    perPoint.push(m.variations);
  }
  const at = (i, pick) => perPoint.map((vs) => { const v = vs[i]; return v ? pick(v) ?? null : null; });
  (view.afterAttach ??= []).push(() => {
    timeChart(charts, {
      title: `${conversion ? 'Conversion rate' : 'Mean'} per variation over time`,
      times, yFormat: format,
      series: metric.variations.map((v, i) => ({ label: v.variationKey, values: at(i, (x) => x.value) })),
    });
    timeChart(charts, {
      title: 'Lift over control with its always-valid band',
      times, yFormat: format, zeroLine: true,
      series: metric.variations.slice(1).map((v, j) => ({ label: `${v.variationKey} lift`, values: at(j + 1, (x) => x.absoluteLift?.estimate) })),
      bands: metric.variations.slice(1).map((v, j) => ({ label: `${v.variationKey} always-valid`, lower: at(j + 1, (x) => x.alwaysValidInterval?.lower), upper: at(j + 1, (x) => x.alwaysValidInterval?.upper) })),
    });
  });
  return section;
}

function monitorActions(actions) {
  return h('section', { 'aria-labelledby': 'monitor' },
    h('h2', { id: 'monitor' }, "Monitor's actions"),
    actions.length === 0
      ? h('p', { class: 'muted' }, 'The monitor has taken no action on this experiment.')
      : table(['Time', 'Action', 'Reason', 'Applied'], actions.map((a) => [new Date(a.time).toLocaleString(), enumName(a.kind, 'MONITOR_ACTION_KIND_'), a.reason, a.applied ? 'yes' : `no: ${a.error}`])));
}

async function actions(e, context) {
  const overrides = await listAll('override', 'ListOverrides', 'overrides', { target: { experimentKey: e.key } });
  const message = h('p', { role: 'status' });
  const done = (text) => { message.textContent = text; context.showError(null); };
  const failed = (error) => { message.textContent = ''; context.showError(error); };
  const stop = h('button', { type: 'button', class: 'danger', disabled: e.status !== 'EXPERIMENT_STATUS_RUNNING',
    onclick: async () => {
      if (!confirm(`Stop ${e.key}? Nobody will be assigned any more.`)) return;
      try {
        await act('definition', 'UpdateExperiment', { experiment: { key: e.key, status: 'EXPERIMENT_STATUS_STOPPED' }, updateMask: 'status' });
        done('Stopped. Reload to see it.');
      } catch (error) { failed(error); }
    } }, 'Stop experiment');
  const unit = h('input', { id: 'override-unit', required: true });
  const variation = h('select', { id: 'override-variation' }, e.variations.map((v) => h('option', { value: v.key }, v.key)));
  const form = h('form', { class: 'toolbar', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await act('override', 'SetOverride', { override: { target: { experimentKey: e.key }, unitId: unit.value.trim(), variationKey: variation.value, reason: 'set in the console' } });
      done(`Override set: ${unit.value.trim()} sees ${variation.value}.`);
    } catch (error) { failed(error); }
  } }, h('div', {}, h('label', { for: 'override-unit' }, 'Unit id'), unit), h('div', {}, h('label', { for: 'override-variation' }, 'Variation'), variation), h('button', { type: 'submit' }, 'Set override'));
  return h('section', { 'aria-labelledby': 'actions' },
    h('h2', { id: 'actions' }, 'Actions'),
    h('p', { class: 'muted' }, 'Sent with your own token (enter it at the top): your scopes apply and the audit trail names you.'),
    stop, form,
    table(['Unit', 'Variation', 'Reason', ''], overrides.map((o) => [o.unitId, o.variationKey, o.reason,
      h('button', { type: 'button', onclick: async () => {
        try { await act('override', 'DeleteOverride', { target: { experimentKey: e.key }, unitId: o.unitId }); done(`Override of ${o.unitId} deleted.`); } catch (error) { failed(error); }
      } }, 'Delete')])),
    message);
}

