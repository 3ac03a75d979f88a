package dev.assay.assignment.exposures;

import java.time.Duration;
import java.util.List;

/** Delivers a batch of exposures to the analysis service. */
@FunctionalInterface
public interface ExposureTransport {
  /**
   * Sends {@code batch} (1 to {@link ExposureSettings#MAX_BATCH_SIZE}), waiting at most {@code
   * timeout}; returns once the receiver acknowledged it.
   *
   * @throws ExposureSendException when it did not
   */
  void send(List<Exposure> batch, Duration timeout) throws ExposureSendException;
}
