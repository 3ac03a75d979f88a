// The console end to end in real headless Chromium: starts the three services and the console from
// their jars (free ports, in-memory stores), seeds them by a simulation (seed.js), opens every page
// and checks it shows the seeded figures, and writes each page's screenshot under
// console/target/screenshots/. The services run with authentication on (a tokens file of hashes):
// the console reads with its own token, and a second console started with --enable-actions is driven
// by two people's tokens, one allowed to act and one not. Then the experiments page is timed with a
// hundred experiments and the chart module with 90 days of hourly points. Every process it started
// is stopped, pass or fail.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { client } from './grpc.js';
import { freePort, outputs, REPO_ROOT, startJar, stopAll, waitUntil } from './platform.js';
import { BANDIT, DRAFT, EXPERIMENT, FLAG, UNITS, seed, seedMany } from './seed.js';
import { runTokens, writeTokensFile } from './tokens.js';

const SCREENSHOTS = resolve(REPO_ROOT, 'console/target/screenshots');
const SUITE_TIMEOUT_MILLIS = 240_000;
const started = Date.now();
let browser;
const checks = [];

function check(name, fn) {
  checks.push({ name, fn });
}

async function main() {
  const ports = { assignment: await freePort(), bandit: await freePort(), analysis: await freePort(), console: await freePort(), actions: await freePort() };
  const addresses = Object.fromEntries(['assignment', 'bandit', 'analysis'].map((s) => [s, `127.0.0.1:${ports[s]}`]));
  const tokens = runTokens();
  const tokensFile = join(mkdtempSync(join(tmpdir(), 'assay-console-e2e-')), 'tokens.json');
  writeTokensFile(tokensFile, tokens);
  const env = {
    ...process.env, ASSAY_SHUTDOWN_GRACE: 'PT2S', ASSAY_ANALYSIS_TARGET: addresses.analysis, ASSAY_ASSIGNMENT_TARGET: addresses.assignment,
    ASSAY_AUTH: 'tokens', ASSAY_TOKENS_FILE: tokensFile, ASSAY_ANALYSIS_TOKEN: tokens.platform.secret, ASSAY_ASSIGNMENT_TOKEN: tokens.platform.secret,
  };
  delete env.ASSAY_REDIS_URL;
  delete env.ASSAY_JAVA_TOOL_OPTIONS;
  const services = ['assignment', 'bandit', 'analysis'].map((s) => startJar(s, `${s}-service/target/${s}-service.jar`, [`--${s}-port=${ports[s]}`], env));
  // The console's read token goes by environment, never on a command line (ps would show it).
  const consoleEnv = { ...process.env, ASSAY_CONSOLE_TOKEN: tokens.console.secret };
  const consoleArgs = (port) => [
    `--port=${port}`, `--assignment-target=${addresses.assignment}`, `--bandit-target=${addresses.bandit}`,
    `--analysis-target=${addresses.analysis}`, '--console-bandit-sample-interval=250ms', '--console-cache-ttl=0',
  ];
  const consoleProcess = startJar('console', 'console/target/console.jar', consoleArgs(ports.console), consoleEnv);
  const actionsConsole = startJar('console --enable-actions', 'console/target/console.jar', [...consoleArgs(ports.actions), '--enable-actions'], consoleEnv);
  const admin = tokens.admin.secret;
  const probes = {
    assignment: () => client('assignment', 'DefinitionService', addresses.assignment, admin).listExperiments({}),
    bandit: () => client('bandit', 'BanditAdminService', addresses.bandit, admin).listBandits({}),
    analysis: () => client('analysis', 'MetricService', addresses.analysis, admin).listMetrics({}),
  };
  await Promise.all(services.map((p) => waitUntil(p, async () => (await probes[p.name](), true))));
  const base = `http://127.0.0.1:${ports.console}`;
  const actionsBase = `http://127.0.0.1:${ports.actions}`;
  await waitUntil(consoleProcess, async () => (await fetch(`${base}/api/config`)).ok);
  await waitUntil(actionsConsole, async () => (await fetch(`${actionsBase}/api/config`)).ok);
  console.log(`[e2e] platform up in ${Date.now() - started} ms (authentication on)`);

  const seeded = await seed(addresses, admin);
  console.log(`[e2e] seeded in ${Date.now() - started} ms: ${JSON.stringify(seeded)}`);
  const power = await client('analysis', 'PowerService', addresses.analysis, admin).solveProportionPower({
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
  const chartSpans = (selector) => page.locator(selector).evaluateAll((figures) => figures.map((f) => Number(f.dataset.xMax) - Number(f.dataset.xMin)));

  check('experiments: every experiment with its exposed units, status, search and filter', async () => {
    await open('#/experiments', 'experiments');
    assert.equal(await page.getAttribute(`tr[data-experiment="${EXPERIMENT}"] [data-units]`, 'data-units'), String(UNITS));
    assert.match(await text(`tr[data-experiment="${EXPERIMENT}"]`), /running/);
    assert.match(await text(`tr[data-experiment="${DRAFT}"]`), /draft/);
    assert.equal(await text(`tr[data-experiment="${EXPERIMENT}"] [data-days]`), '<1', 'first day: "<1", not "-"');
    assert.equal(await page.getAttribute(`tr[data-experiment="${DRAFT}"] [data-srm]`, 'data-srm'), 'none');
    assert.match(await text(`tr[data-experiment="${DRAFT}"]`), /no exposures yet/);
    assert.doesNotMatch(await text(`tr[data-experiment="${DRAFT}"]`), /keep running|ok/);
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
    assert.doesNotMatch(await text('main'), /about 0\.0 days/);
    // Every point is in the last hour or two: the axis spans hours around them, not years.
    for (const span of await chartSpans('section[data-metric] figure.chart')) {
      assert.ok(span >= 2 * 3600 - 1 && span <= 2 * 86_400, `time axis spans ${span} s`);
    }
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
    // A few seconds of 250 ms samples: a window of seconds (at least 20 samples), not hours.
    for (const span of await chartSpans(`[data-bandit="${BANDIT}"] figure.chart`)) assert.ok(span >= 4.9 && span <= 120, `allocation axis spans ${span} s`);
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
    const { results } = await client('analysis', 'ResultsService', addresses.analysis, admin).getExperimentResults({ experimentKey: EXPERIMENT });
    assert.equal(results.variations.reduce((s, v) => s + Number(v.units), 0), UNITS, 'explain recorded no exposure');
  });

  check('bad input: one readable error naming the field', async () => {
    await open('#/explain', 'explain');
    await page.fill('#unit', 'x'.repeat(300));
    await page.click('main button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('INVALID_ARGUMENT'));
    assert.match(await text('#status'), /unit_id/);
  });

  check('actions with authentication on: a token without the scope changes nothing, one with it stops and overrides, and the audit trail names it', async () => {
    const key = 'pricing-banner';
    const definition = client('assignment', 'DefinitionService', addresses.assignment, admin);
    const overrides = client('assignment', 'OverrideService', addresses.assignment, admin);
    const audit = client('security', 'AuditService', addresses.assignment, admin);
    await definition.createExperiment({ experiment: { key, name: 'Pricing banner', status: 'EXPERIMENT_STATUS_RUNNING', variations: [{ key: 'control' }, { key: 'banner' }] } });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => pageErrors.push(String(error)));
    tab.on('dialog', (dialog) => dialog.accept()); // "Stop pricing-banner?"
    try {
      await tab.goto(`${actionsBase}/#/experiments/${key}`);
      await tab.waitForSelector('main[data-ready="experiments"]', { timeout: 20_000 });
      const useToken = async (secret) => {
        await tab.fill('#token', secret);
        await tab.click('#token-form button[type=submit]');
        await tab.waitForFunction(() => document.querySelector('#status').textContent.includes('Token kept'));
      };
      const statusShows = (pattern) => tab.waitForFunction((source) => new RegExp(source).test(document.querySelector('#status').textContent), pattern.source, { timeout: 10_000 });
      const setOverride = async (unit, variation) => {
        await tab.fill('#override-unit', unit);
        await tab.selectOption('#override-variation', variation);
        await tab.click('main form button[type=submit]');
      };

      await useToken(tokens.viewer.secret);
      await setOverride('unit-7', 'banner');
      await statusShows(/PERMISSION_DENIED.*overrides:write/);
      await tab.click('main button.danger');
      await statusShows(/PERMISSION_DENIED.*experiments:write/);
      await tab.screenshot({ path: resolve(SCREENSHOTS, 'actions-denied.png'), fullPage: true });
      assert.equal((await definition.getExperiment({ key })).experiment.status, 'EXPERIMENT_STATUS_RUNNING', 'a refused stop changes nothing');
      assert.deepEqual((await overrides.listOverrides({ target: { experimentKey: key } })).overrides, [], 'a refused override changes nothing');

      await useToken(tokens.operator.secret);
      await setOverride('unit-7', 'banner');
      await tab.waitForSelector('main p[role=status]:has-text("Override set: unit-7 sees banner")');
      await tab.click('main button.danger');
      await tab.waitForSelector('main p[role=status]:has-text("Stopped")');
      await tab.screenshot({ path: resolve(SCREENSHOTS, 'actions.png'), fullPage: true });
      assert.equal((await definition.getExperiment({ key })).experiment.status, 'EXPERIMENT_STATUS_STOPPED');
      const set = (await overrides.listOverrides({ target: { experimentKey: key } })).overrides;
      assert.deepEqual(set.map((o) => [o.unitId, o.variationKey]), [['unit-7', 'banner']]);

      const trail = async (filter) => (await audit.listAuditEvents({ filter, pageSize: 100 })).events;
      const mine = [...await trail({ resourceId: key }), ...await trail({ resourceId: `experiment/${key}/unit-7` })];
      const byMethod = Object.fromEntries(mine.filter((e) => e.actor !== tokens.admin.actor).map((e) => [e.method.split('/')[1], e.actor]));
      assert.deepEqual(byMethod, { UpdateExperiment: tokens.operator.actor, SetOverride: tokens.operator.actor }, 'the audit trail names the operator');
      assert.deepEqual(await trail({ actor: tokens.viewer.actor }), [], 'the refused writes left no trace');
      assert.deepEqual(await trail({ actor: tokens.console.actor }), [], "the console's own token never writes");
    } finally {
      await context.close();
      [definition, overrides, audit].forEach((c) => c.close());
    }
  });

  check('a hundred experiments: the list renders every row, timed', async () => {
    const t0 = Date.now();
    const keys = await seedMany(addresses, admin, 100, 100);
    console.log(`[e2e] seeded ${keys.length} more experiments (100 units exposed in each) in ${Date.now() - t0} ms`);
    const timings = [];
    for (let run = 0; run < 3; run++) {
      const t1 = Date.now();
      await page.goto(`${base}/?load=${run}#/experiments`); // a new document each time: nothing kept in the tab
      await page.waitForSelector('main[data-ready="experiments"]', { timeout: 60_000 });
      timings.push(Date.now() - t1);
    }
    const rows = await page.locator('tr[data-experiment]').count();
    assert.ok(rows >= 102, `${rows} rows`);
    assert.equal(await page.getAttribute('tr[data-experiment="load-099"] [data-units]', 'data-units'), '100');
    console.log(`[e2e] FIGURE experiments page with ${rows} experiments, load to rendered table: ${timings.join(', ')} ms (one results call per experiment)`);
    assert.ok(Math.min(...timings) < 30_000, 'the list renders within 30 s even on a busy machine');
  });

  check('90 days of hourly points: the chart module draws 2,160 points per series, timed', async () => {
    await open('#/planning', 'planning');
    const figures = await page.evaluate(async () => {
      const settled = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const { timeChart } = await import('/js/charts.js');
      const hours = 90 * 24;
      const start = Math.floor(Date.now() / 3_600_000) * 3600 - hours * 3600;
      const times = Array.from({ length: hours }, (_, i) => start + (i + 1) * 3600);
      const wave = (i, base) => base + 0.01 * Math.sin(i / 24) + 0.02 / Math.sqrt(i + 1);
      const container = document.createElement('div');
      container.style.width = '760px';
      document.querySelector('main').append(container);
      const runs = [];
      for (let run = 0; run < 3; run++) {
        container.replaceChildren();
        const t0 = performance.now();
        timeChart(container, {
          title: 'synthetic', times,
          series: [0, 1, 2].map((v) => ({ label: `v${v}`, values: times.map((_, i) => wave(i, 0.1 + v * 0.01)) })),
          bands: [1, 2].map((v) => ({ label: `v${v}`, lower: times.map((_, i) => wave(i, v * 0.01) - 0.03), upper: times.map((_, i) => wave(i, v * 0.01) + 0.03) })),
        });
        await settled(); // uPlot draws in a microtask and the next frame: count them in
        runs.push(performance.now() - t0);
      }
      const figure = container.querySelector('figure');
      return { runs, points: Number(figure.dataset.points), span: Number(figure.dataset.xMax) - Number(figure.dataset.xMin) };
    });
    assert.equal(figures.points, 2160);
    assert.ok(figures.span >= 89 * 86_400, 'the axis spans the 90 days');
    console.log(`[e2e] FIGURE chart of 2,160 hourly points x 3 series + 2 bands: ${figures.runs.map((t) => t.toFixed(0)).join(', ')} ms`);
    assert.ok(Math.min(...figures.runs) < 5_000, 'drawn within 5 s even on a busy machine');
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
