// The contracts check (proto/pom.xml, buf breaking against proto/releases/*.binpb) must pass on the
// contracts as they are and fail on a change that would break a caller.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PROTO = resolve(here, '../../../proto');
const BUF = resolve(here, '../node_modules/.bin/buf');
const release = readdirSync(join(PROTO, 'releases')).filter((f) => f.endsWith('.binpb')).sort().at(-1);
const AGAINST = join(PROTO, 'releases', release);
const workspaces = [];

after(() => workspaces.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the proto module (buf.yaml and sources) with one file edited; returns its path. */
function contractsWith(file, edit) {
  const dir = mkdtempSync(join(tmpdir(), 'assay-contracts-'));
  workspaces.push(dir);
  cpSync(join(PROTO, 'buf.yaml'), join(dir, 'buf.yaml'));
  cpSync(join(PROTO, 'src'), join(dir, 'src'), { recursive: true });
  if (file) {
    const path = join(dir, 'src/main/proto', file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    assert.notEqual(after, before, 'the edit changed the file');
    writeFileSync(path, after);
  }
  return dir;
}

function breaking(dir) {
  return spawnSync(BUF, ['breaking', dir, '--against', AGAINST], { encoding: 'utf8' });
}

test('the current contracts are compatible with the last release', () => {
  const run = breaking(contractsWith(null));
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('renaming a field is caught', () => {
  const run = breaking(
    contractsWith('assay/assignment/v1/experiment.proto', (text) =>
      text.replace('string hash_attribute = 5;', 'string hash_attr = 5;'),
    ),
  );
  assert.notEqual(run.status, 0);
  assert.match(run.stdout, /Field "5" on message "Experiment" changed name from "hash_attribute" to "hash_attr"/);
});

test('renumbering a field is caught', () => {
  const run = breaking(
    contractsWith('assay/assignment/v1/evaluation_service.proto', (text) =>
      text.replace('string unit_id = 1;', 'string unit_id = 9;'),
    ),
  );
  assert.notEqual(run.status, 0);
  assert.match(run.stdout, /EvaluateRequest/);
});

test('removing an RPC is caught', () => {
  const run = breaking(
    contractsWith('assay/assignment/v1/evaluation_service.proto', (text) =>
      text.replace(/\s*\/\/ Evaluates the same experiments[^\n]*\n\s*rpc BatchEvaluate[^\n]*\n/, '\n'),
    ),
  );
  assert.notEqual(run.status, 0);
  assert.match(run.stdout, /Previously present RPC "BatchEvaluate" on service "EvaluationService" was deleted/);
});
