package dev.assay.cli.power;

import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.PowerSolution;
import dev.assay.analysis.v1.ProportionPowerMethod;
import dev.assay.analysis.v1.SolveProportionPowerRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay sample-size proportions}: power analysis for conversion rates. */
@Command(
    name = "proportions",
    description =
        "Power analysis for a difference of two conversion rates (SolveProportionPower),"
            + " e.g. --baseline 0.10 --mde 0.01.")
final class ProportionSampleSizeCommand extends AssaySubcommand {
  /** The contracts' power formulas. */
  enum Method {
    cohens_h(ProportionPowerMethod.PROPORTION_POWER_METHOD_COHENS_H),
    unpooled(ProportionPowerMethod.PROPORTION_POWER_METHOD_UNPOOLED);

    final ProportionPowerMethod proto;

    Method(ProportionPowerMethod proto) {
      this.proto = proto;
    }
  }

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "RATE",
      description = "Control conversion rate, in (0, 1).")
  private double baseline;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = "cohens_h",
      description = "cohens_h (statsmodels NormalIndPower) or unpooled. Default: ${DEFAULT-VALUE}.")
  private Method method = Method.cohens_h;

  @Mixin private PowerDesignOptions design = new PowerDesignOptions();

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    SolveProportionPowerRequest.Builder request =
        SolveProportionPowerRequest.newBuilder()
            .setBaselineRate(baseline)
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
              .solveProportionPower(request.build())
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
