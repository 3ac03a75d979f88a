// End to end: starts the platform with deploy/local/run.sh (free ports, in-memory store), calls every
// service present in this checkout through the Node client, and checks each answer against values
// computed independently (see the comments next to each constant).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import grpc from '@grpc/grpc-js';
import { connect, toStruct } from '../src/assay.js';
import { bucketV2, equalWeightVariation } from './growthbook-hash.js';
import { presentServices, startPlatform } from './platform.js';

const present = new Set(presentServices());
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
