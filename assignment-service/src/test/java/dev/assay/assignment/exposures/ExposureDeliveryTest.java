package dev.assay.assignment.exposures;

import static dev.assay.runtime.testing.Await.awaitWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.IngestExposuresRequest;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How exposures travel: batched by size or interval, flushed on close, dropped and counted (never
 * slowing evaluation) when the buffer is full or the receiver is down, retried in between.
 */
class ExposureDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration NEVER = Duration.ofMinutes(1);

  private static void evaluateUnits(ExposureHarness harness, int count) {
    for (int i = 0; i < count; i++) {
      assertTrue(
          harness.evaluate("user-" + i, "checkout").getAssignments(0).getInExperiment(),
          "evaluation answers normally");
    }
  }

  @Test
  void fullBatchesGoWithoutWaitingForTheFlushAndTheRestOnClose() {
    ExposureHarness harness = new ExposureHarness(1_000, 3, NEVER);
    try {
      harness.createRunning("checkout");
      evaluateUnits(harness, 7);

      awaitWithin(WAIT, "two full batches", () -> harness.receiver.batches.size() == 2);
      assertEquals(1, harness.recorder.stats().buffered(), "the seventh waits for the flush");
    } finally {
      harness.close();
    }
    assertEquals(
        List.of(3, 3, 1),
        harness.receiver.batches.stream().map(IngestExposuresRequest::getExposuresCount).toList());
    assertEquals(7, harness.recorder.stats().sent());
  }

  @Test
  void aPartialBatchGoesAtTheFlushInterval() {
    try (ExposureHarness harness = new ExposureHarness(1_000, 1_000, Duration.ofMillis(20))) {
      harness.createRunning("checkout");
      evaluateUnits(harness, 5);

      // Nothing fills a batch of 1,000 and nothing closes: only the interval sends them.
      awaitWithin(WAIT, "five exposures", () -> harness.receiver.exposures().size() == 5);
      assertEquals(5, harness.recorder.stats().sent());
    }
  }

  @Test
  void closingSendsWhatIsBuffered() {
    ExposureHarness harness = new ExposureHarness(1_000, 1_000, NEVER);
    harness.createRunning("checkout");
    evaluateUnits(harness, 5);
    assertEquals(5, harness.recorder.stats().buffered());
    assertEquals(0, harness.receiver.calls.get());

    harness.close();

    assertEquals(5, harness.receiver.exposures().size());
    assertEquals(0, harness.recorder.stats().dropped());
  }

  @Test
  void aFullBufferDropsAndCountsWithoutSlowingEvaluation() {
    try (ExposureHarness harness = new ExposureHarness(3, 1_000, NEVER)) {
      harness.createRunning("checkout");
      evaluateUnits(harness, 5);

      ExposureStats stats = harness.recorder.stats();
      assertEquals(3, stats.recorded());
      assertEquals(2, stats.droppedBufferFull());
      assertEquals(3, stats.buffered());
    }
  }

  @Test
  void whenTheReceiverIsDownEvaluationGoesOnAndDropsAreCountedAfterRetries() {
    try (ExposureHarness harness = new ExposureHarness(1_000, 2, Duration.ofMillis(5), 3)) {
      harness.createRunning("checkout");
      harness.analysis.shutdownNow();

      evaluateUnits(harness, 4);

      awaitWithin(WAIT, "four dropped", () -> harness.recorder.stats().droppedSendFailed() == 4);
      assertEquals(0, harness.recorder.stats().sent());
      assertEquals(4, harness.recorder.stats().recorded());
      // A dropped exposure is forgotten: the unit's next evaluation records it again.
      evaluateUnits(harness, 1);
      assertEquals(5, harness.recorder.stats().recorded());
    }
  }

  @Test
  void theLogCatchesUpWithTheDropTotal() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ExposureHarness harness = new ExposureHarness(1_000, 1, Duration.ofMillis(5), 1)) {
      harness.createRunning("checkout");
      harness.analysis.shutdownNow();

      // Four drops well within a second: the warning is throttled to one line, then catches up.
      evaluateUnits(harness, 4);

      awaitWithin(
          WAIT,
          "the total in the log",
          () -> captured.toString(StandardCharsets.UTF_8).contains("\"dropped\":4"));
      String log = captured.toString(StandardCharsets.UTF_8);
      assertTrue(log.contains("\"event\":\"exposures.dropped\""), log);
      assertFalse(log.contains(ExposureHarness.TOKEN), log);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void aBatchIsRetriedUntilTheReceiverTakesIt() {
    try (ExposureHarness harness = new ExposureHarness(1_000, 1_000, Duration.ofMillis(5), 3)) {
      harness.createRunning("checkout");
      harness.receiver.refuseNext(2, Status.UNAVAILABLE);

      evaluateUnits(harness, 1);

      awaitWithin(WAIT, "sent", () -> harness.recorder.stats().sent() == 1);
      assertEquals(3, harness.receiver.calls.get(), "two refusals, then accepted");
      assertEquals(0, harness.recorder.stats().dropped());
    }
  }

  @Test
  void aBatchTheReceiverRefusesForGoodIsDroppedWithoutRetrying() {
    try (ExposureHarness harness = new ExposureHarness(1_000, 1_000, Duration.ofMillis(5), 3)) {
      harness.createRunning("checkout");
      harness.receiver.refuseNext(10, Status.PERMISSION_DENIED);

      evaluateUnits(harness, 1);

      awaitWithin(WAIT, "dropped", () -> harness.recorder.stats().droppedSendFailed() == 1);
      assertEquals(1, harness.receiver.calls.get(), "one attempt");
    }
  }

  @Test
  void closingWithTheReceiverDownWaitsABoundedTimeAndCountsTheRest() {
    ExposureHarness harness = new ExposureHarness(1_000, 1_000, NEVER, 1_000);
    harness.createRunning("checkout");
    evaluateUnits(harness, 3);
    harness.receiver.refuseNext(Integer.MAX_VALUE, Status.UNAVAILABLE);

    harness.close(); // the close timeout is 5 s; 1,000 attempts would take longer

    ExposureStats stats = harness.recorder.stats();
    assertEquals(0, stats.sent());
    assertEquals(3, stats.dropped());
  }
}
