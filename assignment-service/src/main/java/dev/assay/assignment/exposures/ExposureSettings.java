package dev.assay.assignment.exposures;

import dev.assay.runtime.client.PeerSettings;
import java.time.Duration;

/**
 * Where exposures go and how they are buffered and batched.
 *
 * @param analysis how to reach the analysis service (target, token, CA file); its {@code toString}
 *     masks the token
 * @param bufferSize exposures held while waiting to be sent; beyond it new ones are dropped
 * @param batchSize most exposures per {@code IngestExposures} call, 1 to {@link #MAX_BATCH_SIZE}
 * @param flushInterval longest time a buffered exposure waits for its batch to fill
 */
public record ExposureSettings(
    PeerSettings analysis, int bufferSize, int batchSize, Duration flushInterval) {
  /** The analysis service's own limit per call. */
  public static final int MAX_BATCH_SIZE = 10_000;

  public static final int DEFAULT_BUFFER_SIZE = 100_000;
  public static final int DEFAULT_BATCH_SIZE = 1_000;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

  /** Deadline of one {@code IngestExposures} call. */
  public static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);

  /** Tries per batch (the first and two retries) before it is dropped. */
  public static final int SEND_ATTEMPTS = 3;

  /** Wait before the first retry; doubled before each next one. */
  public static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

  /** Longest time closing waits for buffered exposures to be sent. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
}
