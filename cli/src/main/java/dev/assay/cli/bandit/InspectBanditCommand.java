package dev.assay.cli.bandit;

import dev.assay.bandit.v1.ArmSummary;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.InspectBanditResponse;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code assay bandit inspect KEY}: per arm, pulls, mean, interval and chance of being best. */
@Command(
    name = "inspect",
    description =
        "Shows what a bandit has learned: per arm the pulls, reward mean with its 95% interval,"
            + " and the probability that it is the best arm.")
final class InspectBanditCommand extends AssaySubcommand {
  @Parameters(paramLabel = "KEY", description = "The bandit's key.")
  private String key = "";

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    InspectBanditResponse inspection;
    try (Connection connection = connect(AssayService.BANDIT)) {
      inspection =
          connection
              .read(BanditServiceGrpc.newBlockingStub(connection.channel()))
              .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(inspection));
    } else {
      TextTable table = new TextTable("ARM", "PULLS", "MEAN", "95% INTERVAL", "P(BEST)", "RETIRED");
      for (ArmSummary arm : inspection.getArmsList()) {
        table.add(
            arm.getArmId(),
            pulls(arm.getPulls()),
            String.format(Locale.ROOT, "%.4f", arm.getMean()),
            String.format(
                Locale.ROOT, "[%.4f, %.4f]", arm.getIntervalLower(), arm.getIntervalUpper()),
            String.format(Locale.ROOT, "%.3f", arm.getProbabilityBest()),
            arm.getRetired() ? "yes" : "no");
      }
      table.print(out());
      if (inspection.getProbabilityBestSamples() > 0) {
        out()
            .println("P(BEST) from " + inspection.getProbabilityBestSamples() + " posterior draws");
      }
    }
    out().flush();
    return AssayCommand.OK;
  }

  /** Whole pulls as integers; discounted bandits count fractions. */
  private static String pulls(double pulls) {
    return pulls == Math.rint(pulls) && Math.abs(pulls) < 1e15
        ? Long.toString((long) pulls)
        : String.format(Locale.ROOT, "%.3f", pulls);
  }
}
