// The console end to end in real headless Chromium: starts the three services and the console from
// their jars (free ports, in-memory stores), seeds them by a simulation (seed.js), opens every page
// and checks it shows the seeded figures, and writes each page's screenshot under
// console/target/screenshots/. Every process it started is stopped, pass or fail.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { client } from './grpc.js';
import { freePort, outputs, REPO_ROOT, startJar, stopAll, waitUntil } from './platform.js';
import { BANDIT, DRAFT, EXPERIMENT, FLAG, UNITS, seed } from './seed.js';

const SCREENSHOTS = resolve(REPO_ROOT, 'console/target/screenshots');
const SUITE_TIMEOUT_MILLIS = 240_000;
const started = Date.now();
let browser;
const checks = [];

function check(name, fn) {
  checks.push({ name, fn });
}

async function main() {
  const ports = { assignment: await freePort(), bandit: await freePort(), analysis: await freePort(), console: await freePort() };
  const addresses = Object.fromEntries(['assignment', 'bandit', 'analysis'].map((s) => [s, `127.0.0.1:${ports[s]}`]));
  const env = { ...process.env, ASSAY_SHUTDOWN_GRACE: 'PT2S', ASSAY_ANALYSIS_TARGET: addresses.analysis, ASSAY_ASSIGNMENT_TARGET: addresses.assignment };
  delete env.ASSAY_REDIS_URL;
  delete env.ASSAY_JAVA_TOOL_OPTIONS;
  const services = ['assignment', 'bandit', 'analysis'].map((s) => startJar(s, `${s}-service/target/${s}-service.jar`, [`--${s}-port=${ports[s]}`], env));
  const consoleProcess = startJar('console', 'console/target/console.jar', [
    `--port=${ports.console}`, `--assignment-target=${addresses.assignment}`, `--bandit-target=${addresses.bandit}`,
    `--analysis-target=${addresses.analysis}`, '--console-bandit-sample-interval=250ms', '--console-cache-ttl=0',
  ], env);
  const probes = {
    assignment: () => client('assignment', 'DefinitionService', addresses.assignment).listExperiments({}),
    bandit: () => client('bandit', 'BanditAdminService', addresses.bandit).listBandits({}),
    analysis: () => client('analysis', 'MetricService', addresses.analysis).listMetrics({}),
  };
  await Promise.all(services.map((p) => waitUntil(p, async () => (await probes[p.name](), true))));
  const base = `http://127.0.0.1:${ports.console}`;
  await waitUntil(consoleProcess, async () => (await fetch(`${base}/api/config`)).ok);
  console.log(`[e2e] platform up in ${Date.now() - started} ms`);

  const seeded = await seed(addresses);
  console.log(`[e2e] seeded in ${Date.now() - started} ms: ${JSON.stringify(seeded)}`);
  const power = await client('analysis', 'PowerService', addresses.analysis).solveProportionPower({
    baselineRate: 0.1, minimumDetectableEffect: 0.02, design: { power: 0.8, alpha: 0.05 },
  });

  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  // Failed API calls are expected where a check sends bad input; a missing page asset never is.
  page.on('console', (message) => { if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text()); });
  page.on('response', (response) => { if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/')) pageErrors.push(`${response.status()} ${response.url()}`); });
  const open = async (hash, section) => {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(`main[data-ready="${section}"]`, { timeout: 20_000 });
    assert.equal(await page.textContent('#status'), '', `no error shown on ${hash}`);
  };
  const shot = (name) => page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
  const text = (selector) => page.textContent(selector);

  check('experiments: every experiment with its exposed units, status, search and filter', async () => {
    await open('#/experiments', 'experiments');
    assert.equal(await page.getAttribute(`tr[data-experiment="${EXPERIMENT}"] [data-units]`, 'data-units'), String(UNITS));
    assert.match(await text(`tr[data-experiment="${EXPERIMENT}"]`), /running/);
    assert.match(await text(`tr[data-experiment="${DRAFT}"]`), /draft/);
    await shot('experiments');
    await page.fill('#search', 'ranking');
    assert.equal(await page.locator('tr[data-experiment]').count(), 1);
    await page.fill('#search', '');
    await page.selectOption('#status-filter', 'running');
    assert.deepEqual(await page.locator('tr[data-experiment]').evaluateAll((rows) => rows.map((r) => r.dataset.experiment)), [EXPERIMENT]);
  });

  check('experiment: exact units per variation, metrics with charts and tables, progress', async () => {
    await open(`#/experiments/${EXPERIMENT}`, 'experiments');
    for (const [variation, units] of Object.entries(seeded.unitsPerVariation)) {
      assert.equal(await page.getAttribute(`[data-table="exposures"] tr[data-variation="${variation}"] [data-units]`, 'data-units'), String(units), `units of ${variation}`);
    }
    assert.equal(await page.getAttribute('[data-total-units]', 'data-total-units'), String(UNITS));
    assert.equal(await page.locator('section[data-metric="purchase"]').count(), 1);
    assert.equal(await page.locator('section[data-metric="latency_ms"]').count(), 1);
    assert.equal(await page.locator('section[data-metric] canvas').count() >= 4, true, 'two charts per metric');
    assert.match(await text('main'), new RegExp(`${UNITS.toLocaleString('en-US')} of 8,000 planned units`));
    assert.match(await text('section[data-metric="latency_ms"]'), /passed|inconclusive|breached/);
    await shot('experiment');
  });

  check('flags: rules in order with the rollout share', async () => {
    await open('#/flags', 'flags');
    assert.equal(await page.locator(`[data-flag="${FLAG}"] tr[data-rule]`).count(), 2);
    assert.match(await text(`[data-flag="${FLAG}"] tr[data-rule="france"]`), /"country":"FR"/);
    assert.equal(await page.getAttribute(`[data-flag="${FLAG}"] tr[data-rule="quarter"] [data-coverage]`, 'data-coverage'), '0.25');
    await shot('flags');
  });

  check('bandits: pulls per arm as seeded, posterior, allocation over time', async () => {
    await open('#/bandits', 'bandits');
    for (const [arm, pulls] of Object.entries(seeded.pulls)) {
      assert.equal(Number(await page.getAttribute(`[data-bandit="${BANDIT}"] tr[data-arm="${arm}"] [data-pulls]`, 'data-pulls')), pulls, `pulls of ${arm}`);
    }
    assert.equal(await page.locator(`[data-bandit="${BANDIT}"] canvas`).count() >= 1, true, 'allocation chart drawn');
    await shot('bandits');
  });

  check('planning: answers as you type with the PowerService figure', async () => {
    await open('#/planning', 'planning');
    await page.fill('#baseline', '0.1');
    await page.fill('#power', '0.8');
    await page.fill('#mde', '0.02');
    await page.waitForSelector(`#answer [data-total-units="${power.solution.totalUnits}"]`, { timeout: 10_000 });
    await shot('planning');
  });

  check('explain: reason, bucket and override for a unit, and looking records no exposure', async () => {
    await open('#/explain', 'explain');
    await page.fill('#unit', seeded.frenchUnit);
    await page.fill('#attributes', '{"country": "FR"}');
    await page.click('main button[type=submit]');
    await page.waitForSelector(`#explanation[data-unit="${seeded.frenchUnit}"]`);
    assert.match(await text(`#explanation tr[data-experiment="${EXPERIMENT}"]`), new RegExp(`${seeded.frenchVariation}.*bucket`));
    assert.equal(await page.getAttribute(`#explanation tr[data-flag="${FLAG}"]`, 'data-reason'), 'REASON_FORCED');
    await shot('explain');
    await page.fill('#unit', 'vip-user');
    await page.fill('#attributes', '');
    await page.click('main button[type=submit]');
    await page.waitForSelector('#explanation[data-unit="vip-user"]');
    assert.equal(await page.getAttribute(`#explanation tr[data-experiment="${EXPERIMENT}"]`, 'data-reason'), 'REASON_OVERRIDE');
    await page.fill('#unit', 'never-exposed-unit');
    await page.click('main button[type=submit]');
    await page.waitForSelector('#explanation[data-unit="never-exposed-unit"]');
    await new Promise((r) => setTimeout(r, 600)); // longer than the assignment service's exposure flush
    const { results } = await client('analysis', 'ResultsService', addresses.analysis).getExperimentResults({ experimentKey: EXPERIMENT });
    assert.equal(results.variations.reduce((s, v) => s + Number(v.units), 0), UNITS, 'explain recorded no exposure');
  });

  check('bad input: one readable error naming the field', async () => {
    await open('#/explain', 'explain');
    await page.fill('#unit', 'x'.repeat(300));
    await page.click('main button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('INVALID_ARGUMENT'));
    assert.match(await text('#status'), /unit_id/);
  });

  let failed = 0;
  for (const { name, fn } of checks) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`[e2e] ok   ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`[e2e] FAIL ${name}: ${error.stack ?? error}`);
    }
  }
  assert.deepEqual(pageErrors, [], 'no JavaScript errors in the pages');
  if (failed > 0) throw new Error(`${failed} of ${checks.length} checks failed`);
  console.log(`[e2e] ${checks.length} checks passed in ${Date.now() - started} ms; screenshots in ${SCREENSHOTS}`);
}

const watchdog = setTimeout(() => {
  console.error(`[e2e] suite over ${SUITE_TIMEOUT_MILLIS} ms; stopping`);
  finish(1);
}, SUITE_TIMEOUT_MILLIS);

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(watchdog);
  await browser?.close().catch(() => {});
  await stopAll();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => finish(130));

main().then(
  () => finish(0),
  (error) => {
    console.error(`[e2e] ${error.stack ?? error}\n${outputs()}`);
    finish(1);
  },
);
