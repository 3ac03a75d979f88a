package dev.assay.cli.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.support.RealServices;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code assay sample-size} against the real analysis service's PowerService. */
class SampleSizeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> environment = RealServices.shared().environment();

  @Test
  void proportionsSolveForUnitsThenForPowerWithTheSameDesign() throws Exception {
    CliResult units =
        Cli.run(environment, "sample-size", "proportions", "--baseline", "0.1", "--mde", "0.01");
    assertEquals(AssayCommand.OK, units.exitCode(), units::toString);
    // statsmodels: NormalIndPower().solve_power(proportion_effectsize(0.11, 0.10), power=0.8,
    // alpha=0.05) = 14744.1 per arm.
    assertTrue(units.out().contains("control units                    14745"), units::out);

    CliResult power =
        Cli.run(
            environment,
            "sample-size",
            "proportions",
            "--baseline",
            "0.1",
            "--mde",
            "0.01",
            "--units",
            "14745",
            "--output",
            "json");
    JsonNode solution = JSON.readTree(power.out());
    assertEquals(0.8, solution.get("power").asDouble(), 1e-4);
  }

  @Test
  void meansSolveForTheMinimumDetectableEffectWithADuration() throws Exception {
    CliResult mde =
        Cli.run(
            environment,
            "sample-size",
            "means",
            "--sd",
            "10",
            "--units",
            "1000",
            "--daily-units",
            "500",
            "--output",
            "json");
    assertEquals(AssayCommand.OK, mde.exitCode(), mde::toString);
    JsonNode solution = JSON.readTree(mde.out());
    // statsmodels TTestIndPower().solve_power(nobs1=1000, power=0.8, alpha=0.05) = 0.12537 (d).
    assertEquals(1.2537, solution.get("minimum_detectable_effect").asDouble(), 1e-3);
    assertEquals("4", solution.get("duration_days").asText());
  }

  @Test
  void nothingToSolveOrAnOutOfRangeInputIsBadInput() {
    CliResult nothing = Cli.run(environment, "sample-size", "proportions", "--baseline", "0.1");
    assertEquals(AssayCommand.BAD_INPUT, nothing.exitCode());
    assertTrue(nothing.err().startsWith("assay: --units/--mde: give --mde"), nothing::err);
    CliResult range =
        Cli.run(environment, "sample-size", "proportions", "--baseline", "1.5", "--mde", "0.01");
    assertEquals(AssayCommand.BAD_INPUT, range.exitCode(), range::toString);
    assertTrue(range.err().contains("baseline_rate"), range::err);
    assertTrue(range.err().endsWith("(INVALID_ARGUMENT)\n"), range::err);
  }
}
