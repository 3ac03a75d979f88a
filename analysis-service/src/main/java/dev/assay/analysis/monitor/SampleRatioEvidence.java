package dev.assay.analysis.monitor;

import dev.assay.analysis.results.ExperimentResults;
import dev.assay.analysis.results.VariationShare;
import java.util.Locale;
import java.util.stream.Collectors;

/** The evidence of a sample-ratio alert: the p-value and each variation's units and share. */
record SampleRatioEvidence(String sentence) {
  static SampleRatioEvidence of(ExperimentResults results) {
    double p = results.sampleRatio().map(s -> s.pValue()).orElse(0.0);
    String arms =
        results.variations().stream()
            .map(
                (VariationShare v) ->
                    String.format(
                        Locale.ROOT,
                        "%s %d units (expected share %.4f)",
                        v.key(),
                        v.units(),
                        v.expectedShare()))
            .collect(Collectors.joining(", "));
    return new SampleRatioEvidence(
        String.format(
            Locale.ROOT,
            "monitor: sample ratio mismatch, chi-square p = %.3g < 0.001: %s",
            p,
            arms));
  }
}
