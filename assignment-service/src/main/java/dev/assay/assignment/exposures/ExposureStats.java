package dev.assay.assignment.exposures;

/**
 * Counts since start, for tests and the start-up/shutdown log (the same counts are OpenTelemetry
 * metrics).
 *
 * @param recorded exposures accepted into the buffer
 * @param sent exposures the analysis service acknowledged
 * @param droppedBufferFull exposures refused because the buffer was full
 * @param droppedSendFailed exposures whose batch failed every attempt (or was rejected)
 * @param droppedShutdown exposures still buffered when the bounded wait on close ran out
 * @param buffered exposures waiting now
 */
public record ExposureStats(
    long recorded,
    long sent,
    long droppedBufferFull,
    long droppedSendFailed,
    long droppedShutdown,
    long buffered) {

  /** Every dropped exposure, whatever the reason. */
  public long dropped() {
    return droppedBufferFull + droppedSendFailed + droppedShutdown;
  }
}
