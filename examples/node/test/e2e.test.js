// End to end: starts the platform with deploy/local/run.sh (free ports, in-memory store), calls every
// service present in this checkout through the Node client, and checks each answer against values
// computed independently (see the comments next to each constant).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import grpc from '@grpc/grpc-js';
import { connect, toStruct } from '../src/assay.js';
import { bucketV2, equalWeightVariation } from './growthbook-hash.js';
import { presentServices, startPlatform } from './platform.js';

const present = new Set(presentServices());
// statsmodels and scipy answers, from reference-values.py (run it to regenerate).
const reference = JSON.parse(readFileSync(new URL('./reference-values.json', import.meta.url), 'utf8'));

/** |actual - expected| within a relative tolerance (absolute near zero). */
function assertClose(actual, expected, relative, what) {
  const tolerance = relative * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`);
}
let platform;
let assay;

before(async () => {
  platform = await startPlatform();
  assay = connect(platform.addresses);
});

after(async () => {
  assay?.close();
  if (platform) {
    const exitCode = await platform.stop();
    assert.equal(exitCode, 0, `run.sh should stop every service cleanly:\n${platform.output()}`);
    for (const service of platform.services) {
      assert.match(platform.output(), new RegExp(`\\[${service}\\] .*"event":"server.stopped"`), `${service} drained and stopped`);
    }
  }
});

describe('assignment', { skip: !present.has('assignment') && 'assignment-service not in this checkout' }, () => {
  const key = 'checkout-button';
  const variations = [{ key: 'control' }, { key: 'treatment' }];

  test('creates a running experiment', async () => {
    const { experiment } = await assay.assignment.definition.createExperiment({
      experiment: { key, name: 'Checkout button colour', variations, status: 'EXPERIMENT_STATUS_RUNNING', hashVersion: 2 },
    });
    assert.equal(experiment.key, key);
    assert.equal(experiment.version, '1');
  });

  test('assigns a unit deterministically by its hash bucket', async () => {
    const request = { unitId: 'user-1', attributes: toStruct({ country: 'FR' }), experimentKeys: [key] };
    const first = (await assay.assignment.evaluation.evaluate(request)).assignments[0];
    const second = (await assay.assignment.evaluation.evaluate(request)).assignments[0];
    // docs/assignment-algorithm.md, worked example: checkout-button, user-1, v2 → n = 0.5603, variation 1.
    assert.equal(first.reason, 'REASON_BUCKET');
    assert.equal(first.inExperiment, true);
    assert.equal(first.variationIndex, 1);
    assert.equal(first.variationKey, 'treatment');
    assert.equal(first.bucket, 0.5603);
    assert.deepEqual(second, first);
  });

  test('every unit of a batch gets the variation the published algorithm gives', async () => {
    const units = Array.from({ length: 300 }, (_, i) => `unit-${i}`);
    const { responses } = await assay.assignment.evaluation.batchEvaluate({
      requests: units.map((unitId) => ({ unitId, experimentKeys: [key] })),
    });
    assert.equal(responses.length, units.length);
    const counts = [0, 0];
    responses.forEach(({ assignments: [assignment] }, i) => {
      const bucket = bucketV2(key, units[i]);
      const expected = equalWeightVariation(bucket, variations.length);
      assert.equal(assignment.bucket, bucket, `bucket of ${units[i]}`);
      assert.equal(assignment.variationIndex, expected, `variation of ${units[i]}`);
      assert.equal(assignment.reason, 'REASON_BUCKET');
      counts[expected]++;
    });
    assert.ok(counts[0] > 100 && counts[1] > 100, `both variations used: ${counts}`);
  });

  test('an override beats the bucket', async () => {
    await assay.assignment.override.setOverride({
      override: { target: { experimentKey: key }, unitId: 'user-1', variationKey: 'control', reason: 'e2e' },
    });
    const { assignments } = await assay.assignment.evaluation.evaluate({ unitId: 'user-1', experimentKeys: [key] });
    assert.equal(assignments[0].reason, 'REASON_OVERRIDE');
    assert.equal(assignments[0].variationKey, 'control');
  });

  test('errors carry canonical codes', async () => {
    await assert.rejects(
      assay.assignment.definition.createExperiment({ experiment: { key, variations, status: 'EXPERIMENT_STATUS_RUNNING' } }),
      (error) => error.code === grpc.status.ALREADY_EXISTS,
    );
    await assert.rejects(
      assay.assignment.evaluation.evaluate({ unitId: '', experimentKeys: [key] }),
      (error) => error.code === grpc.status.INVALID_ARGUMENT && /unit_id/.test(error.details),
    );
  });
});

describe('bandit', { skip: !present.has('bandit') && 'bandit-service not in this checkout' }, () => {
  const key = 'homepage-hero';
  const arms = ['red', 'green', 'blue'];
  let decision;

  test('creates a Thompson-sampling bandit', async () => {
    const { bandit } = await assay.bandit.banditAdmin.createBandit({
      bandit: { key, arms: arms.map((id) => ({ id })), policy: { thompsonBernoulli: { priorAlpha: 1, priorBeta: 1 } } },
    });
    assert.equal(bandit.key, key);
    assert.equal(bandit.state, 'BANDIT_STATE_ACTIVE');
  });

  test('selects an arm with its selection probability', async () => {
    decision = await assay.bandit.bandit.select({ banditKey: key, unitId: 'user-1' });
    assert.ok(arms.includes(decision.armId), decision.armId);
    assert.ok(decision.decisionId.length > 0);
    // Three arms with the same Beta(1, 1) prior: each is the sampled best with probability 1/3.
    const tolerance =
      decision.propensityMethod === 'PROPENSITY_METHOD_EXACT' ? 1e-9 : 5 * decision.propensityStandardError + 1e-3;
    assertClose(decision.propensity, 1 / 3, tolerance, 'propensity');
  });

  test('records a reward once and updates the posterior', async () => {
    const first = await assay.bandit.bandit.recordReward({ decisionId: decision.decisionId, reward: 1 });
    assert.equal(first.duplicate, false);
    const again = await assay.bandit.bandit.recordReward({ decisionId: decision.decisionId, reward: 1 });
    assert.equal(again.duplicate, true, 'a second reward for the same decision is not counted');
    const { arms: summaries } = await assay.bandit.bandit.inspectBandit({ banditKey: key });
    for (const arm of summaries) {
      const rewarded = arm.armId === decision.armId;
      assert.equal(arm.pulls, rewarded ? 1 : 0, `pulls of ${arm.armId}`);
      assert.equal(arm.rewardSum, rewarded ? 1 : 0, `reward sum of ${arm.armId}`);
      // Beta(1 + successes, 1 + failures): mean 2/3 after one success, 1/2 untouched.
      assertClose(arm.mean, rewarded ? 2 / 3 : 1 / 2, 1e-12, `posterior mean of ${arm.armId}`);
    }
  });
});

describe('analysis', { skip: !present.has('analysis') && 'analysis-service not in this checkout' }, () => {
  test('sample size for a conversion-rate test matches statsmodels', async () => {
    const expected = reference.proportion_sample_size;
    const { solution } = await assay.analysis.power.solveProportionPower({
      baselineRate: expected.baseline_rate,
      minimumDetectableEffect: expected.minimum_detectable_effect,
      design: { power: 0.8, alpha: 0.05, alternative: 'ALTERNATIVE_TWO_SIDED' },
      method: 'PROPORTION_POWER_METHOD_COHENS_H',
    });
    assertClose(solution.controlSampleSize, expected.control_sample_size, 1e-6, 'control sample size');
    assertClose(solution.standardizedEffect, expected.cohens_h, 1e-9, "Cohen's h");
    assert.equal(solution.controlUnits, String(Math.ceil(expected.control_sample_size)));
    assert.equal(solution.totalUnits, String(2 * Math.ceil(expected.control_sample_size)));
  });

  test('sample size for a test of means matches statsmodels', async () => {
    const expected = reference.mean_sample_size;
    const { solution } = await assay.analysis.power.solveMeanPower({
      standardDeviation: expected.standard_deviation,
      minimumDetectableEffect: expected.minimum_detectable_effect,
      design: { power: 0.8, alpha: 0.05 },
      method: 'MEAN_POWER_METHOD_T_TEST',
    });
    assertClose(solution.controlSampleSize, expected.control_sample_size, 1e-6, 'control sample size');
  });

  test("Welch's t-test matches scipy", async () => {
    const expected = reference.welch;
    const { result } = await assay.analysis.hypothesisTest.tTest({
      samples: { control: { values: expected.control }, treatment: { values: expected.treatment } },
      options: { method: 'T_TEST_METHOD_WELCH', alternative: 'ALTERNATIVE_TWO_SIDED', confidenceLevel: 0.95 },
    });
    assertClose(result.statistic, expected.statistic, 1e-9, 't');
    assertClose(result.degreesOfFreedom, expected.degrees_of_freedom, 1e-9, 'degrees of freedom');
    assertClose(result.pValue, expected.p_value, 1e-7, 'p-value');
    assertClose(result.difference, expected.difference, 1e-12, 'difference');
    assertClose(result.differenceInterval.lower, expected.interval[0], 1e-8, 'interval lower');
    assertClose(result.differenceInterval.upper, expected.interval[1], 1e-8, 'interval upper');
  });

  test('invalid input names the field', async () => {
    await assert.rejects(
      assay.analysis.hypothesisTest.tTest({
        samples: { control: { values: [1] }, treatment: { values: [2, 3] } },
      }),
      (error) => error.code === grpc.status.INVALID_ARGUMENT,
    );
  });
});

test('quickstart.js runs against the platform', async () => {
  const env = { ...process.env, ASSAY_QUICKSTART_SERVICES: platform.services.join(',') };
  for (const service of platform.services) env[`ASSAY_${service.toUpperCase()}_ADDRESS`] = platform.addresses[service];
  const script = new URL('../quickstart.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [script], { env });
  for (const service of platform.services) assert.match(stdout, new RegExp(`^${service}: `, 'm'));
  if (present.has('assignment')) assert.match(stdout, /reason REASON_BUCKET/);
});

test('experiment-loop.js runs the experiment loop against the platform', { skip: !present.has('analysis') || !present.has('assignment') }, async () => {
  const env = {
    ...process.env,
    ASSAY_ASSIGNMENT_ADDRESS: platform.addresses.assignment,
    ASSAY_ANALYSIS_ADDRESS: platform.addresses.analysis,
    ASSAY_LOOP_USERS: '1000',
  };
  const script = new URL('../experiment-loop.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [script], { env });
  assert.match(stdout, /1000 users evaluated/);
  assert.match(stdout, /recommendation: RECOMMENDATION_/);
  assert.match(stdout, /units: control \d+, one-page \d+/);
});
