package dev.assay.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.v1.MonitorPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis service is down: evaluation must go on at full speed, and the exposures it cannot
 * deliver are dropped and counted, never queued without bound.
 */
class ExposureDropsSystemTest {
  private static final Pattern DROPPED = Pattern.compile("\"dropped\":(\\d+)");

  @Test
  void withTheAnalysisServiceDownEvaluationAnswersAndDropsAreCounted(@TempDir Path logs)
      throws Exception {
    int nobody = ServiceProcess.freePort();
    try (ServiceProcess assignment =
            ServiceProcess.start(
                "assignment",
                ServiceProcess.freePort(),
                logs,
                List.of(
                    "--analysis-target=127.0.0.1:" + nobody, "--exposure-flush-interval=100ms"));
        LoopClient client = new LoopClient(assignment.address(), "127.0.0.1:" + nobody)) {
      client.createExperiment(
          "drops", "purchase", "latency", 0, MonitorPolicy.getDefaultInstance());
      List<String> units = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        units.add("drops-user-" + i);
      }
      Map<String, Integer> variations = client.evaluateAll(units, "drops");
      assertEquals(2_000, variations.size(), "every evaluation answered");
      long deadline = System.nanoTime() + 30_000_000_000L;
      long dropped = 0;
      while (dropped < 2_000 && System.nanoTime() < deadline) {
        Matcher matcher = DROPPED.matcher(assignment.output());
        while (matcher.find()) {
          dropped = Math.max(dropped, Long.parseLong(matcher.group(1)));
        }
        Thread.sleep(100);
      }
      assertTrue(dropped >= 2_000, "all 2,000 exposures counted as dropped, log says " + dropped);
    }
  }
}
