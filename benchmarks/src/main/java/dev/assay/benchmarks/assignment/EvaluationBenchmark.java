package dev.assay.benchmarks.assignment;

import dev.assay.assignment.evaluation.Evaluation;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * In-process evaluation of one unit over 10 of 1,000 experiments (no gRPC), reported per
 * experiment: {@code java -jar benchmarks/target/benchmarks.jar EvaluationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EvaluationBenchmark {
  private Evaluator evaluator;
  private List<String> keys;
  private Map<String, Object> attributes;
  private int unit;

  @Setup
  public void setUp() {
    ReplicaState state = new ReplicaState();
    keys = AssignmentFixture.populate(new InMemoryAssignmentStore(), state);
    evaluator = new Evaluator(state, state, Clock.systemUTC());
    attributes = new HashMap<>();
    attributes.put("country", "FR");
  }

  /** One call evaluates 10 experiments; JMH divides by 10 to report the time per experiment. */
  @Benchmark
  @OperationsPerInvocation(AssignmentFixture.EVALUATED)
  public Evaluation evaluateTenExperiments() {
    String unitId = "user-" + (unit++ & 0xffff);
    attributes.put("id", unitId);
    return evaluator.evaluate(unitId, attributes, keys, List.of("none"));
  }
}
