// The simulation the pages are checked against: two metrics and an experiment with an analysis plan,
// a few thousand units evaluated (their exposures flow to analysis) and their outcomes recorded; a
// draft experiment; an override; a feature flag with rules; a Thompson-sampling bandit with
// selections and rewards in waves (so the console samples its allocation moving). Returns the exact
// figures each page must show.
import { client, toStruct, toValue } from './grpc.js';

export const EXPERIMENT = 'checkout-flow';
export const DRAFT = 'search-ranking';
export const FLAG = 'new-header';
export const BANDIT = 'homepage-hero';
export const UNITS = 3000;
const ARM_RATES = { 'hero-a': 0.04, 'hero-b': 0.08, 'hero-c': 0.12 };

// mulberry32: the same story on every run.
let state = 20261202;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const sleep = (millis) => new Promise((r) => setTimeout(r, millis));

/** Seeds the story the pages are checked against, calling with `token` (authentication is on). */
export async function seed(addresses, token) {
  const definition = client('assignment', 'DefinitionService', addresses.assignment, token);
  const evaluation = client('assignment', 'EvaluationService', addresses.assignment, token);
  const overrides = client('assignment', 'OverrideService', addresses.assignment, token);
  const metrics = client('analysis', 'MetricService', addresses.analysis, token);
  const outcomes = client('analysis', 'OutcomeService', addresses.analysis, token);
  const results = client('analysis', 'ResultsService', addresses.analysis, token);
  const admin = client('bandit', 'BanditAdminService', addresses.bandit, token);
  const bandit = client('bandit', 'BanditService', addresses.bandit, token);
  try {
    await metrics.createMetric({ metric: { key: 'purchase', kind: 'METRIC_KIND_CONVERSION', direction: 'METRIC_DIRECTION_INCREASE_IS_BETTER' } });
    await metrics.createMetric({ metric: { key: 'latency_ms', kind: 'METRIC_KIND_MEAN', direction: 'METRIC_DIRECTION_DECREASE_IS_BETTER', guardrailMargin: 0.05 } });
    await definition.createExperiment({ experiment: {
      key: EXPERIMENT, name: 'One-page checkout', status: 'EXPERIMENT_STATUS_RUNNING', hashVersion: 2,
      variations: [{ key: 'control' }, { key: 'one-page' }],
      analysis: { primaryMetric: 'purchase', guardrailMetrics: ['latency_ms'], plannedUnits: '8000', monitor: { alertOnSampleRatioMismatch: true } },
    } });
    await definition.createExperiment({ experiment: { key: DRAFT, name: 'Search ranking v2', status: 'EXPERIMENT_STATUS_DRAFT', variations: [{ key: 'control' }, { key: 'learned' }] } });

    // Users arrive: the first evaluation of each records its exposure.
    const variationOf = new Map();
    for (let from = 0; from < UNITS; from += 500) {
      const requests = [];
      for (let i = from; i < Math.min(UNITS, from + 500); i++) {
        requests.push({ unitId: `user-${i}`, attributes: toStruct({ country: i % 5 === 0 ? 'FR' : 'US' }), experimentKeys: [EXPERIMENT], flagKeys: ['no-such-flag'] });
      }
      const { responses } = await evaluation.batchEvaluate({ requests });
      responses.forEach((r, j) => variationOf.set(requests[j].unitId, r.assignments[0].variationKey));
    }
    const unitsPerVariation = { control: 0, 'one-page': 0 };
    for (const v of variationOf.values()) unitsPerVariation[v] += 1;
    await waitFor(async () => {
      const { results: r } = await results.getExperimentResults({ experimentKey: EXPERIMENT });
      return r.variations.reduce((s, v) => s + Number(v.units), 0) === UNITS;
    }, 'the analysis service to count every exposure');

    // What they did: one-page converts 12% instead of 10%, latency unchanged.
    // To the millisecond: a time truncated to the second can fall before a unit's exposure moments
    // ago, outside the attribution window (the event would not count).
    const nowMs = Date.now();
    const now = { seconds: String(Math.floor(nowMs / 1000)), nanos: (nowMs % 1000) * 1e6 };
    const events = [];
    for (const [unitId, variation] of variationOf) {
      if (random() < (variation === 'one-page' ? 0.12 : 0.1)) events.push({ eventId: `${unitId}-p`, unitId, metricKey: 'purchase', value: 1, time: now });
      const ms = 200 + 40 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      events.push({ eventId: `${unitId}-l`, unitId, metricKey: 'latency_ms', value: ms, time: now });
    }
    for (let from = 0; from < events.length; from += 1000) await outcomes.recordOutcomes({ events: events.slice(from, from + 1000) });
    // Outcomes are counted asynchronously: wait for every unit's latency, so pages (and the README's
    // screenshots) show the whole story rather than part of it.
    await waitFor(async () => {
      const { results: r } = await results.getExperimentResults({ experimentKey: EXPERIMENT });
      const latency = r.metrics.find((m) => m.metricKey === 'latency_ms');
      return latency?.variations.reduce((s, v) => s + Number(v.units), 0) === UNITS;
    }, 'the analysis service to count every outcome');

    await overrides.setOverride({ override: { target: { experimentKey: EXPERIMENT }, unitId: 'vip-user', variationKey: 'one-page', reason: 'e2e' } });
    await definition.createFeatureFlag({ flag: {
      key: FLAG, description: 'The redesigned header', valueType: 'FLAG_VALUE_TYPE_BOOL', defaultValue: toValue(false),
      rules: [
        { id: 'france', condition: toStruct({ country: 'FR' }), force: { value: toValue(true) } },
        { id: 'quarter', rollout: { value: toValue(true), coverage: 0.25 } },
      ],
    } });

    await admin.createBandit({ bandit: { key: BANDIT, description: 'Homepage hero image', arms: Object.keys(ARM_RATES).map((id) => ({ id })), policy: { thompsonBernoulli: { priorAlpha: 1, priorBeta: 1 } } } });
    const pulls = Object.fromEntries(Object.keys(ARM_RATES).map((arm) => [arm, 0]));
    for (let wave = 0; wave < 4; wave++) {
      const rewards = [];
      for (let i = 0; i < 150; i++) {
        const { armId, decisionId } = await bandit.select({ banditKey: BANDIT });
        rewards.push({ decisionId, reward: random() < ARM_RATES[armId] ? 1 : 0 });
        pulls[armId] += 1;
      }
      await bandit.recordRewards({ banditKey: BANDIT, rewards });
      await sleep(700); // the console samples every 250 ms: each wave shows up in its history
    }
    const firstFrench = [...variationOf.keys()].find((unitId) => Number(unitId.split('-')[1]) % 5 === 0);
    return { unitsPerVariation, pulls, events: events.length, frenchUnit: firstFrench, frenchVariation: variationOf.get(firstFrench) };
  } finally {
    [definition, evaluation, overrides, metrics, outcomes, results, admin, bandit].forEach((c) => c.close());
  }
}

/**
 * `count` running experiments (keys `load-000`...) with `unitsEach` units exposed in each, cheaply:
 * one BatchEvaluate per 100 units evaluates every experiment at once. Returns their keys.
 */
export async function seedMany(addresses, token, count, unitsEach) {
  const definition = client('assignment', 'DefinitionService', addresses.assignment, token);
  const evaluation = client('assignment', 'EvaluationService', addresses.assignment, token);
  const results = client('analysis', 'ResultsService', addresses.analysis, token);
  try {
    const keys = Array.from({ length: count }, (_, i) => `load-${String(i).padStart(3, '0')}`);
    await Promise.all(keys.map((key, i) => definition.createExperiment({ experiment: {
      key, name: `Load experiment ${i}`, status: 'EXPERIMENT_STATUS_RUNNING', hashVersion: 2,
      variations: [{ key: 'control' }, { key: 'treatment' }],
    } })));
    for (let from = 0; from < unitsEach; from += 100) {
      const requests = [];
      for (let i = from; i < Math.min(unitsEach, from + 100); i++) requests.push({ unitId: `load-user-${i}`, experimentKeys: keys });
      await evaluation.batchEvaluate({ requests });
    }
    await waitFor(async () => {
      const counted = await Promise.all(keys.map((experimentKey) => results.getExperimentResults({ experimentKey })));
      return counted.every(({ results: r }) => r.variations.reduce((s, v) => s + Number(v.units), 0) === unitsEach);
    }, `the analysis service to count ${count} x ${unitsEach} exposures`);
    return keys;
  } finally {
    [definition, evaluation, results].forEach((c) => c.close());
  }
}

export async function waitFor(check, what, timeoutMillis = 30_000) {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not yet (NOT_FOUND until the first exposure arrives)
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
