package dev.assay.cli.stats;

import dev.assay.analysis.v1.Alternative;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.MannWhitneyMethod;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.MannWhitneyResult;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.cli.power.Alternatives;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay mannwhitney A.csv B.csv}: a Mann-Whitney U test streamed from two files. */
@Command(
    name = "mannwhitney",
    description = {
      "Mann-Whitney U test of B (treatment) against A (control), streamed to the analysis"
          + " service in chunks (StreamMannWhitneyTest). U is B's statistic, as scipy's"
          + " mannwhitneyu(B, A)."
    })
public final class MannWhitneyCommand
    extends TwoSampleStreamCommand<StreamMannWhitneyTestRequest, StreamMannWhitneyTestResponse> {
  /** The contracts' p-value methods. */
  enum Method {
    auto(MannWhitneyMethod.MANN_WHITNEY_METHOD_UNSPECIFIED),
    exact(MannWhitneyMethod.MANN_WHITNEY_METHOD_EXACT),
    asymptotic(MannWhitneyMethod.MANN_WHITNEY_METHOD_ASYMPTOTIC);

    final MannWhitneyMethod proto;

    Method(MannWhitneyMethod proto) {
      this.proto = proto;
    }
  }

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "auto",
      description = "auto (as scipy), exact or asymptotic. Default: ${DEFAULT-VALUE}.")
  private Method method = Method.auto;

  @Option(
      names = "--alternative",
      paramLabel = "SIDE",
      converter = Alternatives.class,
      description = "two-sided (default), greater or less.")
  private Alternative alternative = Alternative.ALTERNATIVE_TWO_SIDED;

  @Option(
      names = "--no-continuity-correction",
      description = "Normal approximation without continuity correction.")
  private boolean noContinuityCorrection;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  Function<
          StreamObserver<StreamMannWhitneyTestResponse>,
          StreamObserver<StreamMannWhitneyTestRequest>>
      start(Connection connection, Channel channel) {
    HypothesisTestServiceGrpc.HypothesisTestServiceStub stub =
        connection.stream(HypothesisTestServiceGrpc.newStub(channel));
    return stub::streamMannWhitneyTest;
  }

  @Override
  StreamMannWhitneyTestRequest optionsMessage() {
    return StreamMannWhitneyTestRequest.newBuilder()
        .setOptions(
            MannWhitneyOptions.newBuilder()
                .setAlternative(alternative)
                .setMethod(method.proto)
                .setDisableContinuityCorrection(noContinuityCorrection))
        .build();
  }

  @Override
  StreamMannWhitneyTestRequest valuesMessage(boolean control, double[] values, int count) {
    StreamMannWhitneyTestRequest.Builder request = StreamMannWhitneyTestRequest.newBuilder();
    for (int i = 0; i < count; i++) {
      if (control) {
        request.addControlValues(values[i]);
      } else {
        request.addTreatmentValues(values[i]);
      }
    }
    return request.build();
  }

  @Override
  void print(StreamMannWhitneyTestResponse response) {
    MannWhitneyResult r = response.getResult();
    if (output.isJson()) {
      out().println(ProtoJson.pretty(r));
      return;
    }
    TextTable table = new TextTable("QUANTITY", "VALUE");
    table.add("U statistic (B)", String.format(Locale.ROOT, "%.1f", r.getUStatistic()));
    table.add("p-value", String.format(Locale.ROOT, "%.6g", r.getPValue()));
    table.add(
        "method",
        r.getMethod().name().replace("MANN_WHITNEY_METHOD_", "").toLowerCase(Locale.ROOT));
    table.add("z score", String.format(Locale.ROOT, "%.6g", r.getZScore()));
    table.add(
        "P(B > A) + P(tie)/2", String.format(Locale.ROOT, "%.6f", r.getProbabilityOfSuperiority()));
    table.print(out());
  }
}
