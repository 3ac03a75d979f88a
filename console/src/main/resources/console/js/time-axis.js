// The time axis of every chart: a range that never collapses to a point (uPlot would otherwise
// stretch one point over years) and tick labels chosen by the tick spacing, so hours read as 14:00,
// seconds as 14:03:06 and days as "Mar 3", never ":06.000". Pure functions: no uPlot, no DOM.

export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;

/**
 * The x range [min, max] (unix seconds) for data spanning [dataMin, dataMax]: the data itself when
 * it spans at least `minSpanSeconds`, else a window of that width centred on the data.
 */
export function timeRange(dataMin, dataMax, minSpanSeconds = 2 * HOUR) {
  if (dataMin == null || dataMax == null) return [dataMin, dataMax];
  const span = dataMax - dataMin;
  if (span >= minSpanSeconds) return [dataMin, dataMax];
  const pad = (minSpanSeconds - span) / 2;
  return [dataMin - pad, dataMax + pad];
}

const two = (n) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Labels for ticks at `splits` (unix seconds) `incrementSeconds` apart, in the browser's time zone
 * unless `utc`. The date is added under the time on the first tick and wherever the day changes.
 */
export function timeTickLabels(splits, incrementSeconds, { utc = false } = {}) {
  const parts = (t) => {
    const d = new Date(t * 1000);
    return utc
      ? { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
      : { y: d.getFullYear(), mo: d.getMonth(), d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
  };
  let previousDay = null;
  return splits.map((t) => {
    const p = parts(t);
    const date = `${MONTHS[p.mo]} ${p.d}`;
    const day = `${p.y}-${p.mo}-${p.d}`;
    const dayChanged = day !== previousDay;
    previousDay = day;
    if (incrementSeconds >= 28 * DAY) return `${MONTHS[p.mo]} ${p.y}`;
    if (incrementSeconds >= DAY) return date;
    let time = `${two(p.h)}:${two(p.mi)}`;
    if (incrementSeconds < MINUTE) time += `:${two(p.s)}`;
    if (incrementSeconds < 1) time += `.${two(Math.floor(p.ms / 10))}`;
    return dayChanged ? `${time}\n${date}` : time;
  });
}
