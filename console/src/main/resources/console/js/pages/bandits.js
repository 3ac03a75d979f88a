// Bandits: per arm the pulls, the posterior mean with its 95% interval and the probability of being
// best (InspectBandit), and the allocation over time, which no RPC keeps: the console samples each
// bandit's pulls periodically since it started and charts the share of pulls per arm between samples.
import { allocation, listAll, mapLimit, rpc } from '../api.js';
import { timeChart } from '../charts.js';
import { h, num, pct, table } from '../dom.js';

export async function render(view, params, context) {
  const bandits = await listAll('banditAdmin', 'ListBandits', 'bandits');
  const details = await mapLimit(bandits, 6, async (b) => [await rpc('bandit', 'InspectBandit', { banditKey: b.key }), await allocation(b.key)]);
  view.append(h('h1', {}, 'Bandits'));
  if (bandits.length === 0) view.append(h('p', { class: 'muted' }, 'No bandits.'));
  bandits.forEach((bandit, i) => {
    const [inspected, history] = details[i];
    const policy = Object.keys(bandit.policy ?? {}).find((k) => k !== 'policy') ?? 'policy';
    const charts = h('div', { class: 'grid' });
    view.append(h('section', { class: 'panel', 'data-bandit': bandit.key, 'aria-labelledby': `bandit-${bandit.key}` },
      h('h2', { id: `bandit-${bandit.key}` }, bandit.key, ' ', h('span', { class: 'badge' }, policy)),
      bandit.description ? h('p', {}, bandit.description) : null,
      table(['Arm', '#Pulls', '#Reward sum', '#Posterior mean', '95% interval', '#Probability best'],
        inspected.arms.map((arm) => ({ attributes: { 'data-arm': arm.armId }, cells: [arm.armId + (arm.retired ? ' (retired)' : ''), h('span', { 'data-pulls': arm.pulls }, num(arm.pulls)), num(arm.rewardSum, 1), num(arm.mean, 4), `[${num(arm.intervalLower, 4)}, ${num(arm.intervalUpper, 4)}]`, pct(arm.probabilityBest)] }))),
      charts,
      h('p', { class: 'muted' }, `Allocation sampled by this console every ${history.sampleIntervalSeconds} s since it started (${history.samples.length} samples; kept in memory only).`)));
    (view.afterAttach ??= []).push(() => drawAllocation(charts, inspected.arms.map((a) => a.armId), history));
  });
}

function drawAllocation(container, arms, { samples, sampleIntervalSeconds }) {
  // Share of the pulls recorded between consecutive samples; intervals without pulls are skipped.
  const times = [];
  const shares = arms.map(() => []);
  for (let i = 1; i < samples.length; i++) {
    const deltas = arms.map((arm) => (samples[i].pulls[arm] ?? 0) - (samples[i - 1].pulls[arm] ?? 0));
    const total = deltas.reduce((a, b) => a + b, 0);
    if (total <= 0) continue;
    times.push(Date.parse(samples[i].time) / 1000);
    deltas.forEach((d, a) => shares[a].push(d / total));
  }
  // A window of at least 20 samples: a fresh history sits in it instead of being stretched edge to edge.
  const minSpanSeconds = 20 * Number(sampleIntervalSeconds || 60);
  timeChart(container, { title: 'Allocation over time (share of pulls per arm)', times, minSpanSeconds, yFormat: (v) => pct(v, 0), series: arms.map((arm, a) => ({ label: arm, values: shares[a] })) });
}
