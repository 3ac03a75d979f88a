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
  // Before the first exposure there is nothing to judge: no recommendation, no sample-ratio check.
  const judged = units > 0;
  const recommendation = judged ? enumName(r.recommendation, 'RECOMMENDATION_') : '';
  return {
    attributes: { 'data-experiment': e.key },
    cells: [
      h('span', {}, h('a', { href: `#/experiments/${encodeURIComponent(e.key)}` }, e.key), e.name ? h('div', { class: 'muted' }, e.name) : null),
      h('span', { class: `badge ${status}` }, status),
      h('span', { 'data-units': units }, num(units)),
      h('span', { 'data-days': r?.daysRunning ?? '' }, daysText(judged ? r.daysRunning : undefined)),
      recommendation ? h('span', { class: `badge ${recommendation}`, 'data-recommendation': recommendation }, recommendation) : h('span', { 'data-recommendation': '' }, '–'),
      !judged
        ? h('span', { class: 'muted', 'data-srm': 'none' }, 'no exposures yet')
        : r.sampleRatio?.mismatch ? h('span', { class: 'badge bad', 'data-srm': 'mismatch' }, 'SRM warning') : h('span', { class: 'badge', 'data-srm': 'ok' }, 'ok'),
    ],
  };
}

/** "<1" on the first day. */
export const daysText = (days) => (days === undefined ? '–' : days < 1 ? '<1' : num(days, 1));

/**
 * The experiment's current results with the days since its first exposure, or null before any
 * exposure: one GetExperimentResults call (the cheapest the analysis service answers), whose
 * first_exposure_time dates the start.
 */
async function resultsOf(key) {
  try {
    const { results } = await rpc('results', 'GetExperimentResults', { experimentKey: key });
    if (!results.firstExposureTime) return null;
    const days = (Date.now() - Date.parse(results.firstExposureTime)) / 1000 / DAY_SECONDS;
    return { ...results, daysRunning: Math.max(0, days) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null; // nothing exposed yet
    throw error;
  }
}
