// No Docker engine runs in CI, so the Dockerfile is checked for what it promises: a JRE base, a
// non-root user, container JVM flags, and that it copies exactly the jar each service's build makes.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SERVICE_PORTS } from '../src/k8s.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dockerfile = readFileSync(resolve(ROOT, 'deploy/docker/Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1).map((stage) => `FROM ${stage}`);
const runStage = stages.at(-1);

test('two stages: a JDK build with the Maven wrapper, a JRE run', () => {
  assert.equal(stages.length, 2);
  assert.match(stages[0], /^FROM eclipse-temurin:17-jdk AS build/);
  assert.match(stages[0], /module="\$\{SERVICE\}-service"; if \[ "\$\{SERVICE\}" = console \]; then module=console; fi/);
  assert.match(stages[0], /\.\/mvnw -B -q package -DskipTests -Dbuf\.skip -pl "\$\{module\}" -am/);
  assert.match(runStage, /^FROM eclipse-temurin:17-jre\n/);
});

test('the run stage uses a non-root user', () => {
  const user = /^USER (\S+)$/m.exec(runStage);
  assert.ok(user, 'USER is set');
  assert.ok(!/^(0|root)(:|$)/.test(user[1]), `USER ${user[1]} is not root`);
});

test('the JVM is PID 1 with container-aware flags', () => {
  const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(runStage)[1]);
  assert.equal(entrypoint[0], 'java');
  for (const flag of ['-XX:MaxRAMPercentage=75', '-XX:+ExitOnOutOfMemoryError']) assert.ok(entrypoint.includes(flag), flag);
  assert.deepEqual(entrypoint.slice(-2), ['-jar', '/app/service.jar']);
});

test('it copies the runnable jar that each service module builds', () => {
  assert.match(stages[0], /cp "\$\{module\}\/target\/\$\{module\}\.jar" \/out\/service\.jar/);
  assert.match(readFileSync(resolve(ROOT, 'console/pom.xml'), 'utf8'), /<shaded.mainClass>dev\.assay\.console\.ConsoleMain<\/shaded.mainClass>/);
  // The root pom configures the shade plugin once: target/<artifactId>.jar, main class ${shaded.mainClass}.
  const rootPom = readFileSync(resolve(ROOT, 'pom.xml'), 'utf8');
  assert.match(rootPom, /<outputFile>\$\{project\.build\.directory\}\/\$\{project\.artifactId\}\.jar<\/outputFile>/);
  assert.match(rootPom, /<mainClass>\$\{shaded\.mainClass\}<\/mainClass>/);
  for (const service of Object.keys(SERVICE_PORTS)) {
    const pomPath = resolve(ROOT, `${service}-service/pom.xml`);
    if (!existsSync(pomPath)) continue; // a module not in this checkout yet
    const pom = readFileSync(pomPath, 'utf8');
    assert.match(pom, new RegExp(`<artifactId>${service}-service</artifactId>`));
    assert.match(pom, /<artifactId>maven-shade-plugin<\/artifactId>/, `${service} builds a runnable jar`);
    const main = `dev.assay.${service}.${service[0].toUpperCase()}${service.slice(1)}Server`;
    assert.match(pom, new RegExp(`<shaded.mainClass>${main.replaceAll('.', '\\.')}</shaded.mainClass>`), `${service} jar runs ${main}`);
  }
});

test('the container health check probes each service on its port', () => {
  const healthcheck = readFileSync(resolve(ROOT, 'deploy/docker/healthcheck.sh'), 'utf8');
  for (const [service, port] of Object.entries(SERVICE_PORTS)) {
    assert.match(healthcheck, new RegExp(`${service}\\) port=${port} ;;`));
  }
  assert.match(healthcheck, /GrpcHealthProbe "127\.0\.0\.1:\$\{port\}"/);
  assert.match(healthcheck, /console\) port=8080 ;;/);
  assert.match(healthcheck, /GET \/api\/config HTTP\/1\.0/);
  assert.match(runStage, /^HEALTHCHECK .*CMD \["\/app\/healthcheck"\]$/m);
});
