package dev.assay.analysis.api;

import dev.assay.analysis.ranks.GrowableSample;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;

/**
 * Receives a streamed Mann-Whitney test: collects both samples as primitive arrays (ranks need
 * every value), reserving their memory from the server's {@link StreamMemoryBudget} as they grow,
 * up to the budget's values per stream; answers once the client half-closes.
 */
final class StreamedMannWhitney
    extends TwoGroupStream<
        StreamMannWhitneyTestRequest,
        MannWhitneyOptions,
        StreamedMannWhitney.Values,
        StreamMannWhitneyTestResponse> {
  StreamedMannWhitney(
      StreamObserver<StreamMannWhitneyTestResponse> responses, StreamMemoryBudget budget) {
    this(responses, budget.open(), budget.maxValuesPerStream());
  }

  private StreamedMannWhitney(
      StreamObserver<StreamMannWhitneyTestResponse> responses,
      StreamMemoryBudget.Account account,
      int maxValues) {
    super(
        responses,
        "StreamMannWhitneyTest",
        maxValues,
        MannWhitneyOptions.getDefaultInstance(),
        field -> new Values(field, account, maxValues));
  }

  @Override
  Chunk<MannWhitneyOptions> read(StreamMannWhitneyTestRequest chunk) {
    return new Chunk<>(
        chunk.hasOptions() ? chunk.getOptions() : null,
        chunk.getControlValuesList(),
        chunk.getTreatmentValuesList());
  }

  @Override
  StreamMannWhitneyTestResponse finish(
      MannWhitneyOptions options, Values control, Values treatment) {
    new Violations()
        .check(control.size() < 1, "control_values", "needs at least 1 value")
        .check(treatment.size() < 1, "treatment_values", "needs at least 1 value")
        .throwIfAny();
    return StreamMannWhitneyTestResponse.newBuilder()
        .setResult(
            MannWhitneyCalls.test(
                control.sample.values(),
                control.sample.size(),
                treatment.sample.values(),
                treatment.sample.size(),
                options,
                "values"))
        .build();
  }

  /** A group kept as every value, unboxed, in memory reserved from the stream's account. */
  static final class Values extends TwoGroupStream.Group {
    private final GrowableSample sample;

    Values(String field, StreamMemoryBudget.Account account, int maxValues) {
      super(field);
      this.sample = new GrowableSample(account, maxValues);
    }

    @Override
    long size() {
      return sample.size();
    }

    @Override
    void add(double value) {
      sample.add(value);
    }

    @Override
    void release() {
      sample.clear();
    }
  }
}
