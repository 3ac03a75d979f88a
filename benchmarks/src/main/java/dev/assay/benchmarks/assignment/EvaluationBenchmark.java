package dev.assay.benchmarks.assignment;

import dev.assay.assignment.evaluation.Evaluation;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.evaluation.ExposureSink;
import dev.assay.assignment.exposures.ExposureRecorder;
import dev.assay.assignment.exposures.ExposureSettings;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.runtime.client.PeerSettings;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process evaluation of one unit over 10 of 1,000 experiments (no gRPC), reported per
 * experiment: {@code java -jar benchmarks/target/benchmarks.jar EvaluationBenchmark}. {@code
 * exposures}: {@code off} records none; {@code repeats} records into a recorder whose transport
 * accepts at once, over 65,536 units that repeat (after the first pass every exposure is a
 * duplicate the filter drops); {@code new} gives every call a unit never seen (a first exposure per
 * running experiment it is in, so the buffer and sender work on every call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EvaluationBenchmark {
  private Evaluator evaluator;
  private List<String> keys;
  private Map<String, Object> attributes;
  private int unit;
  private int unitMask;
  private @Nullable ExposureRecorder recorder;

  @Param({"off", "repeats", "new"})
  public String exposures = "off";

  @Setup
  public void setUp() {
    ReplicaState state = new ReplicaState();
    keys = AssignmentFixture.populate(new InMemoryAssignmentStore(), state);
    ExposureSink sink = ExposureSink.NONE;
    if (!exposures.equals("off")) {
      recorder =
          ExposureRecorder.start(
              new ExposureSettings(
                  PeerSettings.plaintext("none"),
                  ExposureSettings.DEFAULT_BUFFER_SIZE,
                  ExposureSettings.DEFAULT_BATCH_SIZE,
                  ExposureSettings.DEFAULT_FLUSH_INTERVAL),
              (batch, timeout) -> {},
              OpenTelemetry.noop());
      sink = recorder;
    }
    unitMask = exposures.equals("new") ? -1 : 0xffff;
    evaluator = new Evaluator(state, state, Clock.systemUTC(), sink);
    attributes = new HashMap<>();
    attributes.put("country", "FR");
  }

  @TearDown
  public void tearDown() {
    if (recorder != null) {
      recorder.close();
      System.out.println("exposures: " + recorder.stats());
    }
  }

  /** One call evaluates 10 experiments; JMH divides by 10 to report the time per experiment. */
  @Benchmark
  @OperationsPerInvocation(AssignmentFixture.EVALUATED)
  public Evaluation evaluateTenExperiments() {
    String unitId = "user-" + (unit++ & unitMask);
    attributes.put("id", unitId);
    return evaluator.evaluate(unitId, attributes, keys, List.of("none"));
  }
}
