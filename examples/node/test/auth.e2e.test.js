// End to end with authentication on: the platform started by deploy/local/run.sh with --auth=tokens
// and a tokens file holding only a hash, the Node client sending its bearer token, and the logs of
// the whole run checked for any secret.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connect, toStruct } from '../src/assay.js';
import { startPlatform } from './platform.js';

const UNAUTHENTICATED = 16;
const PERMISSION_DENIED = 7;

/** A new Assay token and its tokens-file entry (docs/security.md: ast_<16 hex>_<43 base64url>). */
function newToken(displayName, scopes) {
  const id = randomBytes(8).toString('hex');
  const secret = `ast_${id}_${randomBytes(32).toString('base64url')}`;
  const sha256 = createHash('sha256').update(secret).digest('hex');
  return { id, secret, entry: { id, sha256, display_name: displayName, scopes } };
}

const admin = newToken('e2e admin', ['admin']);
const secretsCreated = [admin.secret];
let platform;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'assay-auth-'));
  const tokensFile = join(dir, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify({ tokens: [admin.entry] }));
  platform = await startPlatform({ ASSAY_AUTH: 'tokens', ASSAY_TOKENS_FILE: tokensFile });
});

after(async () => {
  if (platform) assert.equal(await platform.stop(), 0);
  const output = platform?.output() ?? '';
  for (const secret of secretsCreated) {
    assert.ok(!output.includes(secret.slice(21)), 'a token secret appeared in the logs');
  }
  assert.match(output, /"event":"auth.on"/);
});

test('without a token every service answers UNAUTHENTICATED', async () => {
  const anonymous = connect(platform.addresses);
  try {
    await assert.rejects(anonymous.assignment.evaluation.evaluate({ unitId: 'u' }), { code: UNAUTHENTICATED });
    if (platform.addresses.bandit) {
      await assert.rejects(anonymous.bandit.bandit.select({ banditKey: 'b', unitId: 'u' }), { code: UNAUTHENTICATED });
    }
    if (platform.addresses.analysis) {
      await assert.rejects(
        anonymous.analysis.power.solveProportionPower({ baselineRate: 0.1, minimumDetectableEffect: 0.02 }),
        { code: UNAUTHENTICATED },
      );
    }
  } finally {
    anonymous.close();
  }
});

test('the quickstart calls succeed with the token from the tokens file', async () => {
  const assay = connect(platform.addresses, { token: admin.secret });
  try {
    const key = `auth-${randomBytes(4).toString('hex')}`;
    await assay.assignment.definition.createExperiment({
      experiment: { key, variations: [{ key: 'control' }, { key: 'treatment' }], status: 'EXPERIMENT_STATUS_RUNNING' },
    });
    const { assignments } = await assay.assignment.evaluation.evaluate({
      unitId: 'user-1',
      attributes: toStruct({ country: 'FR' }),
      experimentKeys: [key],
    });
    assert.equal(assignments.length, 1);
    const { events } = await assay.assignment.audit.listAuditEvents({ filter: { resourceId: key } });
    assert.equal(events.length, 1);
    assert.equal(events[0].actor, `token:${admin.id}`);
    assert.equal(events[0].method, 'assay.assignment.v1.DefinitionService/CreateExperiment');
  } finally {
    assay.close();
  }
});

test('a token made through the API has exactly its scopes until it is revoked', async () => {
  const assay = connect(platform.addresses, { token: admin.secret });
  try {
    const { token, secret } = await assay.assignment.token.createToken({ displayName: 'evaluator', scopes: ['evaluate'] });
    secretsCreated.push(secret);
    const evaluator = connect({ assignment: platform.addresses.assignment }, { token: secret });
    try {
      await evaluator.assignment.evaluation.evaluate({ unitId: 'user-1' });
      await assert.rejects(
        evaluator.assignment.definition.createExperiment({ experiment: { key: 'x', variations: [{ key: 'a' }] } }),
        { code: PERMISSION_DENIED },
      );
      await assay.assignment.token.revokeToken({ id: token.id });
      await assert.rejects(evaluator.assignment.evaluation.evaluate({ unitId: 'user-1' }), { code: UNAUTHENTICATED });
    } finally {
      evaluator.close();
    }
  } finally {
    assay.close();
  }
});
