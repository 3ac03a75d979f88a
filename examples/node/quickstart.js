// Calls each Assay service once and prints what it answered. With the platform running
// (deploy/local/run.sh):   cd examples/node && npm ci && node quickstart.js
// Addresses default to localhost:50051-50053; override with ASSAY_ASSIGNMENT_ADDRESS,
// ASSAY_BANDIT_ADDRESS, ASSAY_ANALYSIS_ADDRESS. Only services named in ASSAY_QUICKSTART_SERVICES
// (default: all three) are called. With authentication on (docs/security.md), set ASSAY_TOKEN to a
// token with the scopes the calls need (experiments:write evaluate bandit:admin bandit:select
// bandit:reward analysis, or admin); with TLS, ASSAY_CA_FILE to the CA that signed the servers.

import { randomUUID } from 'node:crypto';
import { DEFAULT_ADDRESSES, connect, toStruct } from './src/assay.js';

const services = (process.env.ASSAY_QUICKSTART_SERVICES ?? 'assignment,bandit,analysis').split(',');
const addresses = Object.fromEntries(
  services.map((service) => [service, process.env[`ASSAY_${service.toUpperCase()}_ADDRESS`] ?? DEFAULT_ADDRESSES[service]]),
);
const assay = connect(addresses, { token: process.env.ASSAY_TOKEN, caFile: process.env.ASSAY_CA_FILE });
const suffix = randomUUID().slice(0, 8); // fresh keys, so the script can run again on the same store

try {
  if (addresses.assignment) {
    const key = `quickstart-${suffix}`;
    await assay.assignment.definition.createExperiment({
      experiment: { key, variations: [{ key: 'control' }, { key: 'treatment' }], status: 'EXPERIMENT_STATUS_RUNNING' },
    });
    const { assignments } = await assay.assignment.evaluation.evaluate({
      unitId: 'user-1',
      attributes: toStruct({ country: 'FR' }),
      experimentKeys: [key],
    });
    const [a] = assignments;
    console.log(`assignment: user-1 sees "${a.variationKey}" in ${key} (reason ${a.reason}, bucket ${a.bucket})`);
  }
  if (addresses.bandit) {
    const key = `quickstart-${suffix}`;
    await assay.bandit.banditAdmin.createBandit({
      bandit: { key, arms: [{ id: 'red' }, { id: 'blue' }], policy: { thompsonBernoulli: {} } },
    });
    const decision = await assay.bandit.bandit.select({ banditKey: key, unitId: 'user-1' });
    await assay.bandit.bandit.recordReward({ decisionId: decision.decisionId, reward: 1 });
    console.log(`bandit: served arm "${decision.armId}" (propensity ${decision.propensity.toFixed(3)}), reward recorded`);
  }
  if (addresses.analysis) {
    const { solution } = await assay.analysis.power.solveProportionPower({
      baselineRate: 0.1,
      minimumDetectableEffect: 0.02,
      design: { power: 0.8, alpha: 0.05 },
    });
    console.log(`analysis: detecting 10% -> 12% at 80% power needs ${solution.totalUnits} units`);
  }
} finally {
  assay.close();
}
