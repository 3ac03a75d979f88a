package dev.assay.analysis.aggregates;

/**
 * The Redis keys of the experiment loop, under {@code <prefix>:analysis}. One experiment's keys
 * share the hash tag {@code {exp:<key>}}, one unit's {@code {unit:<id>}}; the outcome ids and their
 * export stream share {@code {outcomes}}.
 *
 * <pre>
 * {exp:E}:units        hash  unit → "variation,cohort,exposure millis" (HSETNX decides "first")
 * {exp:E}:agg          hash  the aggregates (field names: MomentTable.addField)
 * {exp:E}:hours        zset  hours (epoch millis / 3,600,000) with changes
 * {exp:E}:h:HOUR       hash  that hour's changes, same fields as agg
 * {exp:E}:m:METRIC     hash  unit → the unit's four state numbers for METRIC
 * {exp:E}:attributed   hash  TOKEN:CHUNK → 1: that request chunk is attributed here, not yet
 *                             marked recorded
 * {exp:E}:unexported   set   units counted but not yet on the exposure stream
 * {unit:U}:exps        set   experiments U is exposed to
 * {unit:U}:pre         hash  metric → U's recent events of it, for CUPED (PreExposureScripts)
 * {meta}:experiments   set   every experiment with an exposure
 * {outcomes}:id:ID     string "TOKEN:CHUNK": the request that claimed the id (expires after the
 *                             id retention); recorded once that request marked the chunk
 * {outcomes}:req:TOKEN hash  lease → end millis (Redis clock) while recording; CHUNK → 1 once
 *                             marked recorded (expires after the id retention)
 * {outcomes}:stream    stream recorded outcome events (export)
 * {exposures}:stream   stream recorded first exposures (export)
 * </pre>
 */
final class LoopKeys {
  private final String base;

  LoopKeys(String keyPrefix) {
    this.base = keyPrefix + ":analysis:";
  }

  private String experiment(String experimentKey) {
    return base + "{exp:" + experimentKey + "}:";
  }

  String units(String experimentKey) {
    return experiment(experimentKey) + "units";
  }

  String aggregates(String experimentKey) {
    return experiment(experimentKey) + "agg";
  }

  String hours(String experimentKey) {
    return experiment(experimentKey) + "hours";
  }

  String hour(String experimentKey, long hour) {
    return experiment(experimentKey) + "h:" + hour;
  }

  String metricStates(String experimentKey, String metricKey) {
    return experiment(experimentKey) + "m:" + metricKey;
  }

  String attributedChunks(String experimentKey) {
    return experiment(experimentKey) + "attributed";
  }

  String unexported(String experimentKey) {
    return experiment(experimentKey) + "unexported";
  }

  String unitExperiments(String unitId) {
    return base + "{unit:" + unitId + "}:exps";
  }

  /** A unit's pre-exposure history: events of metrics with a CUPED lookback. */
  String preExposure(String unitId) {
    return base + "{unit:" + unitId + "}:pre";
  }

  String experiments() {
    return base + "{meta}:experiments";
  }

  String outcomeId(String eventId) {
    return base + "{outcomes}:id:" + eventId;
  }

  /** One request's claim: its lease and the chunks it marked recorded. */
  String outcomeRequest(String token) {
    return base + "{outcomes}:req:" + token;
  }

  /** The stream of recorded outcome events, for export and consumer groups. */
  String outcomeStream() {
    return base + "{outcomes}:stream";
  }

  /** The stream of recorded first exposures, for export and consumer groups. */
  String exposureStream() {
    return base + "{exposures}:stream";
  }
}
