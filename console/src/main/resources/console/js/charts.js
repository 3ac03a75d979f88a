// Time charts with uPlot (served from the console's own jar, never a CDN). One chart per call; each
// series is one line, and a band (lower, upper) is drawn as a shaded area between two thin lines.
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { h } from './dom.js';
import { timeRange, timeTickLabels } from './time-axis.js';

const COLOURS = ['#1f5fbf', '#d1495b', '#2a9d8f', '#e9a03b', '#6a4c93', '#5b6475', '#0b7285', '#8f2d56'];

/**
 * Draws into `container`: { title, times (unix seconds), series: [{ label, values }],
 * bands: [{ label, lower, upper, colour }], yFormat, zeroLine, minSpanSeconds }. The x axis spans at
 * least `minSpanSeconds` (two hours by default) so that one point sits in a readable window. The
 * figure carries data-x-min, data-x-max and data-points for tests.
 */
export function timeChart(container, { title, times, series, bands = [], yFormat = (v) => v.toFixed(3), zeroLine = false, minSpanSeconds }) {
  const figure = h('figure', { class: 'chart', 'aria-label': title }, h('figcaption', { class: 'muted' }, title));
  container.append(figure);
  if (times.length === 0) {
    figure.append(h('p', { class: 'muted' }, 'No points yet.'));
    return;
  }
  const data = [times];
  const config = [{}];
  const bandConfigs = [];
  series.forEach((s, i) => {
    data.push(s.values);
    config.push({ label: s.label, stroke: s.colour ?? COLOURS[i % COLOURS.length], width: 2, value: (u, v) => (v == null ? '–' : yFormat(v)) });
  });
  bands.forEach((b, i) => {
    const colour = b.colour ?? COLOURS[(series.length + i) % COLOURS.length];
    const upperIndex = data.length;
    data.push(b.upper);
    config.push({ label: `${b.label} upper`, stroke: colour, width: 1, dash: [4, 4], value: (u, v) => (v == null ? '–' : yFormat(v)) });
    data.push(b.lower);
    config.push({ label: `${b.label} lower`, stroke: colour, width: 1, dash: [4, 4], value: (u, v) => (v == null ? '–' : yFormat(v)) });
    bandConfigs.push({ series: [upperIndex, upperIndex + 1], fill: `${colour}22` });
  });
  if (zeroLine) {
    data.push(times.map(() => 0));
    config.push({ label: 'zero', stroke: '#999', width: 1 });
  }
  // The figure's own width: in a two-column grid the container is twice as wide as the chart
  // (.grid keeps its empty columns, auto-fill, so the first chart is not drawn full width).
  const width = Math.max(320, Math.min(figure.clientWidth || container.clientWidth || 600, 760));
  new uPlot(
    {
      width, height: 240, series: config, bands: bandConfigs, legend: { live: true },
      // uPlot settles its scales after construction (in a microtask): record the range then.
      hooks: { setScale: [(u, key) => { if (key === 'x') { figure.dataset.xMin = String(u.scales.x.min); figure.dataset.xMax = String(u.scales.x.max); } }] },
      // uPlot gives a single time point a 1,000-day scale; clamping to the data first lets
      // timeRange centre it in a readable window (and still honours a zoom inside the data).
      scales: { x: { time: true, range: (u, min, max) => timeRange(Math.max(min, times[0]), Math.min(max, times[times.length - 1]), minSpanSeconds) } },
      axes: [
        // space: pixels per tick, enough for "18:51:40" without labels running together.
        { values: (u, splits, axisIndex, space, incrementSeconds) => timeTickLabels(splits, incrementSeconds), size: 52, space: 80 },
        { values: (u, ticks) => ticks.map(yFormat), size: 70 },
      ],
    },
    data,
    figure,
  );
  figure.dataset.points = String(times.length);
}
