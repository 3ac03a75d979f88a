// The charts' time axis without a browser: ranges never collapse to a point and tick labels suit
// their spacing (hours as 14:00, seconds as 14:03:06, days as "Mar 3", months as "Mar 2027").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, timeRange, timeTickLabels } from '../src/main/resources/console/js/time-axis.js';

const at = (iso) => Date.parse(iso) / 1000;

test('one point sits in a two-hour window centred on it', () => {
  const t = at('2027-03-03T14:00:00Z');
  assert.deepEqual(timeRange(t, t), [t - HOUR, t + HOUR]);
});

test('a short span is widened to the minimum around its middle, a long one kept', () => {
  const t = at('2027-03-03T14:00:00Z');
  assert.deepEqual(timeRange(t, t + 10, 60), [t - 25, t + 35]);
  assert.deepEqual(timeRange(t, t + 90 * DAY), [t, t + 90 * DAY]);
});

test('ticks an hour apart read as hours, with the date where the day changes', () => {
  const start = at('2027-03-03T22:00:00Z');
  assert.deepEqual(timeTickLabels([start, start + HOUR, start + 2 * HOUR, start + 3 * HOUR], HOUR, { utc: true }),
    ['22:00\nMar 3', '23:00', '00:00\nMar 4', '01:00']);
});

test('ticks seconds apart read as seconds, never as a bare fraction', () => {
  const start = at('2027-03-03T14:03:05Z');
  const labels = timeTickLabels([start, start + 1, start + 2], 1, { utc: true });
  assert.deepEqual(labels, ['14:03:05\nMar 3', '14:03:06', '14:03:07']);
  assert.deepEqual(timeTickLabels([start + 0.25, start + 0.5], 0.25, { utc: true }), ['14:03:05.25\nMar 3', '14:03:05.50']);
});

test('ticks days or months apart read as dates', () => {
  assert.deepEqual(timeTickLabels([at('2027-03-03T00:00:00Z'), at('2027-03-04T00:00:00Z')], DAY, { utc: true }), ['Mar 3', 'Mar 4']);
  assert.deepEqual(timeTickLabels([at('2027-03-01T00:00:00Z'), at('2027-04-01T00:00:00Z')], 31 * DAY, { utc: true }), ['Mar 2027', 'Apr 2027']);
});

test('labels stay short at every spacing from a tenth of a second to a year', () => {
  const start = at('2027-03-03T14:00:00Z');
  for (const increment of [0.1, 1, 15, 60, 600, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY]) {
    const labels = timeTickLabels([start, start + increment, start + 2 * increment], increment, { utc: true });
    for (const label of labels) {
      for (const line of label.split('\n')) assert.ok(line.length <= 11 && !line.startsWith(':'), `${increment}: ${JSON.stringify(label)}`);
    }
  }
});
