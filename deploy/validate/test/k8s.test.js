// deploy/k8s must pass; every kind of mistake the validator exists for must be caught.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadKustomization, validateResources } from '../src/k8s.js';

const here = dirname(fileURLToPath(import.meta.url));
const K8S = resolve(here, '../../k8s');
const CLI = resolve(here, '../bin/validate-k8s.js');

/** deploy/k8s with one change applied to a deep copy of the named document. */
async function problemsAfter(kind, name, change) {
  const resources = structuredClone(loadKustomization(K8S));
  const target = resources.find(({ doc }) => doc.kind === kind && doc.metadata.name === name);
  assert.ok(target, `${kind}/${name} exists`);
  change(target.doc);
  return validateResources(resources);
}

const assignmentContainer = (doc) => doc.spec.template.spec.containers[0];

test('every manifest in deploy/k8s is valid', async () => {
  const resources = loadKustomization(K8S);
  assert.deepEqual(await validateResources(resources), []);
  const kinds = resources.map(({ doc }) => doc.kind);
  for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ConfigMap']) {
    assert.ok(kinds.filter((k) => k === kind).length >= 3, `a ${kind} per service`);
  }
  assert.ok(kinds.includes('Secret'));
});

test('the command line accepts deploy/k8s', () => {
  assert.match(execFileSync(process.execPath, [CLI, K8S], { encoding: 'utf8' }), /25 resources .* valid/);
});

test('the command line rejects a broken manifest with exit status 1', () => {
  const run = spawnSync(process.execPath, [CLI, resolve(here, 'fixtures/broken')], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /INVALID deployment.yaml Deployment\/assay-assignment: .*replicas must be integer/);
});

test('a wrong type is rejected by the schema', async () => {
  const problems = await problemsAfter('HorizontalPodAutoscaler', 'assay-bandit', (doc) => {
    doc.spec.maxReplicas = '10';
  });
  assert.match(problems.join('\n'), /HorizontalPodAutoscaler\/assay-bandit: .*maxReplicas must be integer/);
});

test('a missing required field is rejected by the schema', async () => {
  const problems = await problemsAfter('Deployment', 'assay-analysis', (doc) => {
    delete assignmentContainer(doc).name;
  });
  assert.match(problems.join('\n'), /Deployment\/assay-analysis: .*containers\/0 must have required property name/);
});

test('a value outside an enum is rejected by the schema', async () => {
  const problems = await problemsAfter('Service', 'assay-assignment', (doc) => {
    doc.spec.ports[0].protocol = 'HTTP';
  });
  assert.match(problems.join('\n'), /Service\/assay-assignment: .*protocol must be equal to one of the allowed values/);
});

test('an unknown kind or apiVersion is rejected', async () => {
  const kindProblems = await problemsAfter('PodDisruptionBudget', 'assay-bandit', (doc) => {
    doc.kind = 'PodDisruptionBudgets';
  });
  assert.match(kindProblems.join('\n'), /unknown kind PodDisruptionBudgets in policy\/v1/);
  const versionProblems = await problemsAfter('HorizontalPodAutoscaler', 'assay-bandit', (doc) => {
    doc.apiVersion = 'autoscaling/v3';
  });
  assert.match(versionProblems.join('\n'), /unknown apiVersion autoscaling\/v3/);
});

test('a readiness probe that is not gRPC health on the service port is rejected', async () => {
  const problems = await problemsAfter('Deployment', 'assay-assignment', (doc) => {
    assignmentContainer(doc).readinessProbe = { tcpSocket: { port: 50051 } };
  });
  assert.deepEqual(problems, [
    'Deployment/assay-assignment container assignment: readinessProbe must use the gRPC health protocol on port 50051',
  ]);
});

test('a termination grace period shorter than the drain is rejected', async () => {
  const problems = await problemsAfter('Deployment', 'assay-bandit', (doc) => {
    doc.spec.template.spec.terminationGracePeriodSeconds = 25;
  });
  assert.deepEqual(problems, [
    'Deployment/assay-bandit container bandit: terminationGracePeriodSeconds (25) must exceed preStop (5s) + shutdown grace (20s)',
  ]);
});

test('references that do not resolve are rejected', async () => {
  const hpa = await problemsAfter('HorizontalPodAutoscaler', 'assay-analysis', (doc) => {
    doc.spec.scaleTargetRef.name = 'assay-analytics';
  });
  assert.deepEqual(hpa, ['HorizontalPodAutoscaler/assay-analysis: scaleTargetRef Deployment/assay-analytics does not exist']);
  const secret = await problemsAfter('Deployment', 'assay-assignment', (doc) => {
    assignmentContainer(doc).env[0].valueFrom.secretKeyRef.key = 'redis-url';
  });
  assert.deepEqual(secret, ['Deployment/assay-assignment container assignment: Secret assay-redis has no key redis-url']);
  const service = await problemsAfter('Service', 'assay-bandit-headless', (doc) => {
    doc.spec.selector = { 'app.kubernetes.io/name': 'assay-bandits' };
  });
  assert.deepEqual(service, ['Service/assay-bandit-headless: selector matches no Deployment']);
});

test('a container without resource limits is rejected', async () => {
  const problems = await problemsAfter('Deployment', 'assay-analysis', (doc) => {
    delete assignmentContainer(doc).resources.limits;
  });
  assert.deepEqual(problems, ['Deployment/assay-analysis container analysis: resources need cpu and memory requests and a memory limit']);
});

test('a missing service is rejected', async () => {
  const resources = loadKustomization(K8S).filter(({ doc }) => doc.metadata.name !== 'assay-bandit');
  const problems = await validateResources(resources);
  assert.ok(problems.includes('Deployment/assay-bandit is missing'), problems.join('\n'));
  assert.ok(problems.includes('PodDisruptionBudget/assay-bandit is missing'), problems.join('\n'));
});

test('no Deployment gets Docker-link variables that would collide with ASSAY_* settings', () => {
  // Service assay-bandit would inject ASSAY_BANDIT_PORT=tcp://...; the services reject unknown
  // ASSAY_* variables and expect a number there.
  const deployments = loadKustomization(K8S).filter(({ doc }) => doc.kind === 'Deployment');
  assert.ok(deployments.length >= 3);
  for (const { doc } of deployments) {
    assert.equal(doc.spec.template.spec.enableServiceLinks, false, `${doc.metadata.name}`);
  }
});

test('a console without its Service or probed elsewhere is rejected', async () => {
  const probe = await problemsAfter('Deployment', 'assay-console', (doc) => {
    doc.spec.template.spec.containers[0].readinessProbe.httpGet.path = '/';
  });
  assert.deepEqual(probe, ['Deployment/assay-console: readinessProbe must GET /api/config on port 8080']);
  const resources = loadKustomization(K8S).filter(({ doc }) => !(doc.kind === 'Service' && doc.metadata.name === 'assay-console'));
  assert.deepEqual(await validateResources(resources), ['Service/assay-console is missing']);
});
