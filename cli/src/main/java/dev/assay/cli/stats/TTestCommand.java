package dev.assay.cli.stats;

import dev.assay.analysis.v1.Alternative;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.StreamTTestResponse;
import dev.assay.analysis.v1.TTestMethod;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.analysis.v1.TTestResult;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.cli.power.Alternatives;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay ttest A.csv B.csv}: a two-sample t-test streamed from two files (StreamTTest). */
@Command(
    name = "ttest",
    description = {
      "Two-sample t-test of B (treatment) against A (control), streamed to the analysis service"
          + " in chunks: files of any size, in constant memory. Differences are B - A."
    })
public final class TTestCommand
    extends TwoSampleStreamCommand<StreamTTestRequest, StreamTTestResponse> {
  /** The contracts' t-test variants. */
  enum Method {
    welch(TTestMethod.T_TEST_METHOD_WELCH),
    student(TTestMethod.T_TEST_METHOD_STUDENT);

    final TTestMethod proto;

    Method(TTestMethod proto) {
      this.proto = proto;
    }
  }

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "welch",
      description = "welch (unequal variances) or student. Default: ${DEFAULT-VALUE}.")
  private Method method = Method.welch;

  @Option(
      names = "--alternative",
      paramLabel = "SIDE",
      converter = Alternatives.class,
      description = "two-sided (default), greater or less.")
  private Alternative alternative = Alternative.ALTERNATIVE_TWO_SIDED;

  @Option(
      names = "--confidence",
      paramLabel = "LEVEL",
      description = "Level of the confidence intervals, in (0, 1); default 0.95.")
  private @Nullable Double confidence;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  Function<StreamObserver<StreamTTestResponse>, StreamObserver<StreamTTestRequest>> start(
      Connection connection, Channel channel) {
    HypothesisTestServiceGrpc.HypothesisTestServiceStub stub =
        connection.stream(HypothesisTestServiceGrpc.newStub(channel));
    return stub::streamTTest;
  }

  @Override
  StreamTTestRequest optionsMessage() {
    TTestOptions.Builder options =
        TTestOptions.newBuilder().setMethod(method.proto).setAlternative(alternative);
    Double level = confidence;
    if (level != null) {
      options.setConfidenceLevel(level);
    }
    return StreamTTestRequest.newBuilder().setOptions(options).build();
  }

  @Override
  StreamTTestRequest valuesMessage(boolean control, double[] values, int count) {
    StreamTTestRequest.Builder request = StreamTTestRequest.newBuilder();
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
  void print(StreamTTestResponse response) {
    TTestResult r = response.getResult();
    if (output.isJson()) {
      out().println(ProtoJson.pretty(r));
      return;
    }
    TextTable table = new TextTable("QUANTITY", "VALUE");
    table.add("control (A)", summary(r.getControl()));
    table.add("treatment (B)", summary(r.getTreatment()));
    table.add("difference (B - A)", number(r.getDifference()));
    table.add(
        "confidence interval",
        "["
            + number(r.getDifferenceInterval().getLower())
            + ", "
            + number(r.getDifferenceInterval().getUpper())
            + "]");
    table.add("standard error", number(r.getStandardError()));
    table.add("t statistic", number(r.getStatistic()));
    table.add("degrees of freedom", number(r.getDegreesOfFreedom()));
    table.add("p-value", number(r.getPValue()));
    table.add(
        "relative lift",
        r.getHasRelativeLift()
            ? String.format(
                Locale.ROOT,
                "%+.4f%% [%+.4f%%, %+.4f%%]",
                r.getRelativeLift() * 100,
                r.getRelativeLiftInterval().getLower() * 100,
                r.getRelativeLiftInterval().getUpper() * 100)
            : "undefined (control mean is 0)");
    table.print(out());
  }

  private static String summary(dev.assay.analysis.v1.SampleSummary s) {
    return "n "
        + s.getCount()
        + ", mean "
        + number(s.getMean())
        + ", sd "
        + number(Math.sqrt(s.getVariance()));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }
}
