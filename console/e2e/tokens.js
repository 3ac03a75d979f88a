// Tokens for the run with authentication on: each is `ast_<16 hex>_<43 base64url>` and its entry in
// the tokens file holds only its SHA-256 (docs/security.md), as `assay tokens generate` writes it.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** A new token: { id, secret, actor, entry }. */
export function newToken(displayName, scopes) {
  const id = randomBytes(8).toString('hex');
  const secret = `ast_${id}_${randomBytes(32).toString('base64url')}`;
  const sha256 = createHash('sha256').update(secret).digest('hex');
  return { id, secret, actor: `token:${id}`, entry: { id, sha256, display_name: displayName, scopes } };
}

/** The tokens of the run: who seeds, what the services and the console use, two people. */
export function runTokens() {
  return {
    admin: newToken('e2e seeding', ['admin']),
    // assignment -> analysis (exposures) and analysis -> assignment (results, the monitor's stops)
    platform: newToken('e2e services', ['exposures:write', 'experiments:write']),
    console: newToken('e2e console reads', ['experiments:read', 'flags:read', 'overrides:read', 'evaluate', 'bandit:read', 'results', 'metrics:read', 'analysis']),
    operator: newToken('e2e operator', ['experiments:write', 'overrides:write']),
    viewer: newToken('e2e viewer', ['experiments:read', 'overrides:read']),
  };
}

export function writeTokensFile(path, tokens) {
  writeFileSync(path, JSON.stringify({ tokens: Object.values(tokens).map((t) => t.entry) }));
}
