// deploy/compose/compose.yaml must pass; typos and missing gRPC health checks must be caught.

import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { composeProblems, loadCompose } from '../src/compose.js';

const COMPOSE = resolve(dirname(fileURLToPath(import.meta.url)), '../../compose/compose.yaml');

function problemsAfter(change) {
  const compose = structuredClone(loadCompose(COMPOSE));
  change(compose);
  return composeProblems(compose);
}

test('deploy/compose/compose.yaml is valid', () => {
  const compose = loadCompose(COMPOSE);
  assert.deepEqual(composeProblems(compose), []);
  assert.deepEqual(Object.keys(compose.services).sort(), ['analysis', 'assignment', 'bandit', 'console', 'redis']);
  assert.equal(compose.services.bandit.healthcheck.start_period, '60s', 'the shared settings are merged in');
});

test('an unknown key is rejected by the Compose schema', () => {
  const problems = problemsAfter((compose) => {
    compose.services.assignment.healthcheck.intervall = '10s';
  });
  assert.ok(problems.some((p) => p.includes('must NOT have additional properties (intervall)')), problems.join('\n'));
});

test('a wrong type is rejected by the Compose schema', () => {
  const problems = problemsAfter((compose) => {
    compose.services.bandit.ports = '50052:50052';
  });
  assert.ok(problems.some((p) => p.startsWith('schema: /services/bandit/ports must be array')), problems.join('\n'));
});

test('a health check that is not gRPC health is rejected', () => {
  const problems = problemsAfter((compose) => {
    compose.services.analysis.healthcheck = { test: ['CMD', 'true'] };
  });
  assert.deepEqual(problems, ['analysis: healthcheck must run /app/healthcheck (gRPC health)']);
});

test('a stop grace period shorter than the drain is rejected', () => {
  const problems = problemsAfter((compose) => {
    compose.services.assignment.stop_grace_period = '10s';
  });
  assert.deepEqual(problems, ['assignment: stop_grace_period must exceed ASSAY_SHUTDOWN_GRACE']);
});

test('a missing service or Redis URL is rejected', () => {
  const problems = problemsAfter((compose) => {
    delete compose.services.analysis;
    delete compose.services.bandit.environment.ASSAY_REDIS_URL;
  });
  assert.deepEqual(problems, ['bandit: ASSAY_REDIS_URL must be set', 'service analysis is missing']);
});

test('a console that is missing, unpublished or pointed elsewhere is rejected', () => {
  assert.deepEqual(problemsAfter((compose) => delete compose.services.console), ['service console is missing']);
  const problems = problemsAfter((compose) => {
    compose.services.console.ports = ['9090:9090'];
    compose.services.console.environment.ASSAY_BANDIT_TARGET = 'localhost:50052';
  });
  assert.deepEqual(problems, ['console: must publish port 8080', 'console: ASSAY_BANDIT_TARGET must point at the bandit service']);
});
