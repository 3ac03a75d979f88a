// The experiment loop in one script: define two metrics and an experiment, let simulated users
// through Evaluate (which records their exposures), report what they did, and ask for the results.
// With the platform running (deploy/local/run.sh):   cd examples/node && npm ci && node experiment-loop.js
// Addresses default to localhost:50051 (assignment) and localhost:50053 (analysis); override with
// ASSAY_ASSIGNMENT_ADDRESS and ASSAY_ANALYSIS_ADDRESS. With authentication on, set ASSAY_TOKEN to a
// token with experiments:write, evaluate, metrics:write, outcomes:write and results (or admin).

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ADDRESSES, connect } from './src/assay.js';

const USERS = Number(process.env.ASSAY_LOOP_USERS ?? 4000);
const assay = connect(
  {
    assignment: process.env.ASSAY_ASSIGNMENT_ADDRESS ?? DEFAULT_ADDRESSES.assignment,
    analysis: process.env.ASSAY_ANALYSIS_ADDRESS ?? DEFAULT_ADDRESSES.analysis,
  },
  { token: process.env.ASSAY_TOKEN, caFile: process.env.ASSAY_CA_FILE },
);
const run = randomUUID().slice(0, 8); // fresh keys, so the script can run again on the same store
const experiment = `checkout-flow-${run}`;
const purchase = `purchase-${run}`;
const latency = `checkout-latency-ms-${run}`;

// A seeded generator (mulberry32), so every run tells the same story.
let seed = 20261202;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

try {
  await assay.analysis.metric.createMetric({
    metric: { key: purchase, kind: 'METRIC_KIND_CONVERSION', direction: 'METRIC_DIRECTION_INCREASE_IS_BETTER' },
  });
  await assay.analysis.metric.createMetric({
    metric: {
      key: latency,
      kind: 'METRIC_KIND_MEAN',
      direction: 'METRIC_DIRECTION_DECREASE_IS_BETTER',
      guardrailMargin: 0.05,
    },
  });
  await assay.assignment.definition.createExperiment({
    experiment: {
      key: experiment,
      status: 'EXPERIMENT_STATUS_RUNNING',
      variations: [{ key: 'control' }, { key: 'one-page' }],
      analysis: {
        primaryMetric: purchase,
        guardrailMetrics: [latency],
        plannedUnits: String(USERS),
        monitor: { stopOnGuardrailBreach: true },
      },
    },
  });
  console.log(`created metrics ${purchase}, ${latency} and experiment ${experiment}`);

  // Users arrive: each Evaluate records the user's first exposure (sent to analysis in the background).
  const seen = [];
  for (let i = 0; i < USERS; i++) {
    const unitId = `loop-user-${i}`;
    const { assignments } = await assay.assignment.evaluation.evaluate({ unitId, experimentKeys: [experiment] });
    seen.push({ unitId, variation: assignments[0].variationIndex });
  }
  await waitForExposures(USERS);

  // What they did: the one-page checkout converts 12% instead of 10%, at the same latency.
  const events = [];
  const now = { seconds: String(Math.floor(Date.now() / 1000) + 1), nanos: 0 };
  for (const { unitId, variation } of seen) {
    if (random() < (variation === 1 ? 0.12 : 0.1)) {
      events.push({ eventId: `${unitId}-purchase`, unitId, metricKey: purchase, value: 1, time: now });
    }
    const ms = 200 + 40 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    events.push({ eventId: `${unitId}-latency`, unitId, metricKey: latency, value: ms, time: now });
  }
  for (let from = 0; from < events.length; from += 1000) {
    await assay.analysis.outcome.recordOutcomes({ events: events.slice(from, from + 1000) });
  }
  console.log(`${USERS} users evaluated, ${events.length} outcome events recorded`);

  const { results } = await assay.analysis.results.getExperimentResults({ experimentKey: experiment });
  print(results);
} finally {
  assay.close();
}

async function waitForExposures(expected) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const { results } = await assay.analysis.results.getExperimentResults({ experimentKey: experiment });
      const units = results.variations.reduce((sum, v) => sum + Number(v.units), 0);
      if (units >= expected) return;
    } catch (error) {
      if (error.code !== 5) throw error; // NOT_FOUND until the first exposure arrives
    }
    await sleep(100);
  }
  throw new Error(`the analysis service did not receive ${expected} exposures`);
}

function print(results) {
  const pct = (x) => `${(100 * x).toFixed(2)}%`;
  const interval = (i, f) => `[${f(i.lower)}, ${f(i.upper)}]`;
  console.log(`\nresults of ${results.experimentKey}`);
  console.log(`  units: ${results.variations.map((v) => `${v.variationKey} ${v.units}`).join(', ')}` +
    `; sample ratio p = ${results.sampleRatio.pValue.toFixed(3)}${results.sampleRatio.mismatch ? ' (MISMATCH)' : ''}`);
  for (const metric of results.metrics) {
    const format = metric.kind === 'METRIC_KIND_CONVERSION' ? pct : (x) => x.toFixed(2);
    console.log(`  ${metric.metricKey} (${metric.role.replace('METRIC_ROLE_', '').toLowerCase()})`);
    for (const v of metric.variations) {
      const line = `    ${v.variationKey.padEnd(9)} ${format(v.value)} ${interval(v.valueInterval, format)}`;
      if (v.variationIndex === 0) {
        console.log(line);
        continue;
      }
      console.log(`${line}  lift ${format(v.absoluteLift.estimate)} ${interval(v.absoluteLift.interval, format)}` +
        `  p = ${v.pValue.toFixed(4)}  always-valid p = ${v.alwaysValidPValue.toFixed(4)}` +
        `  chance to beat control ${pct(v.chanceToBeatControl)}`);
    }
  }
  console.log(`  recommendation: ${results.recommendation}`);
  for (const reason of results.reasons) console.log(`    - ${reason}`);
}
