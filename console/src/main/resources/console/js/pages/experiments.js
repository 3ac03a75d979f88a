// Every experiment at a glance: status, exposed units, days running, the recommendation and SRM,
// with search and a status filter. Results are fetched concurrently (a few at a time) and cached.
import { ApiError, listAll, mapLimit, rpc } from '../api.js';
import { enumName, h, num, table } from '../dom.js';

const CONCURRENCY = 8;
const DAY_SECONDS = 86_400;

export async function render(view) {
  const experiments = await listAll('definition', 'ListExperiments', 'experiments');
  const results = await mapLimit(experiments, CONCURRENCY, (e) => resultsOf(e.key));
  const rows = experiments.map((e, i) => ({ experiment: e, results: results[i] }));

  const search = h('input', { id: 'search', type: 'search', placeholder: 'key or name' });
  const filter = h('select', { id: 'status-filter' }, ['all', 'running', 'draft', 'stopped'].map((s) => h('option', { value: s }, s)));
  const body = h('div');
  const redraw = () => {
    const text = search.value.trim().toLowerCase();
    const wanted = filter.value;
    const shown = rows.filter(({ experiment: e }) =>
      (!text || e.key.toLowerCase().includes(text) || (e.name ?? '').toLowerCase().includes(text)) &&
      (wanted === 'all' || statusOf(e) === wanted));
    body.replaceChildren(
      shown.length === 0
        ? h('p', { class: 'muted' }, 'No experiment matches.')
        : table(['Experiment', 'Status', '#Units', '#Days running', 'Recommendation', 'Sample ratio'], shown.map(row)),
      h('p', { class: 'muted' }, `${shown.length} of ${rows.length} experiments`),
    );
  };
  search.addEventListener('input', redraw);
  filter.addEventListener('change', redraw);
  view.append(
    h('h1', {}, 'Experiments'),
    h('div', { class: 'toolbar' }, h('div', {}, h('label', { for: 'search' }, 'Search'), search), h('div', {}, h('label', { for: 'status-filter' }, 'Status'), filter)),
    body,
  );
  redraw();
}

const statusOf = (e) => enumName(e.status, 'EXPERIMENT_STATUS_') || 'draft';

function row({ experiment: e, results: r }) {
  const units = r ? r.variations.reduce((sum, v) => sum + Number(v.units), 0) : 0;
  const status = statusOf(e);
  const recommendation = r ? enumName(r.recommendation, 'RECOMMENDATION_') : '';
  return {
    attributes: { 'data-experiment': e.key },
    cells: [
      h('span', {}, h('a', { href: `#/experiments/${encodeURIComponent(e.key)}` }, e.key), e.name ? h('div', { class: 'muted' }, e.name) : null),
      h('span', { class: `badge ${status}` }, status),
      h('span', { 'data-units': units }, num(units)),
      r?.daysRunning === undefined ? '–' : num(r.daysRunning, 1),
      recommendation ? h('span', { class: `badge ${recommendation}` }, recommendation) : '–',
      !r ? '–' : r.sampleRatio?.mismatch ? h('span', { class: 'badge bad', 'data-srm': 'mismatch' }, 'SRM warning') : h('span', { class: 'badge' }, 'ok'),
    ],
  };
}

/** The experiment's results with days since its first exposure, or null before any exposure. */
async function resultsOf(key) {
  try {
    const { results } = await rpc('results', 'GetExperimentResults', { experimentKey: key });
    // Days running, counted from the start (UTC) of the day of the first exposure.
    const primary = results.metrics?.[0]?.metricKey;
    const { points } = await rpc('results', 'GetExperimentTimeSeries', {
      experimentKey: key, granularity: 'GRANULARITY_DAY', metricKeys: primary ? [primary] : [],
    });
    if (points.length > 0) {
      // Its end is midnight after the first exposure's day, or now while that day is today.
      const firstDayStart = Math.floor((Date.parse(points[0].endTime) / 1000 - 0.001) / DAY_SECONDS) * DAY_SECONDS;
      results.daysRunning = Math.max(0, (Date.parse(results.asOf) / 1000 - firstDayStart) / DAY_SECONDS);
    }
    return results;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null; // nothing exposed yet
    throw error;
  }
}
