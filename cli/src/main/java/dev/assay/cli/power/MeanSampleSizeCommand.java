package dev.assay.cli.power;

import dev.assay.analysis.v1.MeanPowerMethod;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.PowerSolution;
import dev.assay.analysis.v1.SolveMeanPowerRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay sample-size means}: power analysis for a difference of means. */
@Command(
    name = "means",
    description =
        "Power analysis for a difference of two means (SolveMeanPower), e.g. --sd 12 --mde 1.5.")
final class MeanSampleSizeCommand extends AssaySubcommand {
  /** The contracts' power formulas. */
  enum Method {
    t_test(MeanPowerMethod.MEAN_POWER_METHOD_T_TEST),
    normal(MeanPowerMethod.MEAN_POWER_METHOD_NORMAL);

    final MeanPowerMethod proto;

    Method(MeanPowerMethod proto) {
      this.proto = proto;
    }
  }

  @Option(
      names = "--sd",
      required = true,
      paramLabel = "SD",
      description = "Standard deviation of the metric in each arm, > 0.")
  private double standardDeviation;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "t_test",
      description = "t_test (noncentral t) or normal. Default: ${DEFAULT-VALUE}.")
  private Method method = Method.t_test;

  @Mixin private PowerDesignOptions design = new PowerDesignOptions();

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    SolveMeanPowerRequest.Builder request =
        SolveMeanPowerRequest.newBuilder()
            .setStandardDeviation(standardDeviation)
            .setDesign(design.design(spec()))
            .setMethod(method.proto);
    Double mde = design.mde();
    if (mde != null) {
      request.setMinimumDetectableEffect(mde);
    }
    PowerSolution solution;
    try (Connection connection = connect(AssayService.ANALYSIS)) {
      solution =
          connection
              .read(PowerServiceGrpc.newBlockingStub(connection.channel()))
              .solveMeanPower(request.build())
              .getSolution();
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(solution));
    } else {
      PowerSolutionPrinter.print(solution, out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
