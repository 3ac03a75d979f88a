package dev.assay.cli.stats;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The two files of a two-sample test and how to read them. */
public final class TwoFileOptions {
  @Parameters(index = "0", paramLabel = "A.csv", description = "Control values.")
  @SuppressWarnings("NullAway.Init") // required positional: picocli sets it before call()
  private Path control;

  @Parameters(index = "1", paramLabel = "B.csv", description = "Treatment values.")
  @SuppressWarnings("NullAway.Init") // required positional: picocli sets it before call()
  private Path treatment;

  @Option(
      names = "--column",
      paramLabel = "NAME",
      description =
          "Read this column of comma-separated files whose first line is the header. Default:"
              + " one number per line, with an optional header line.")
  private @Nullable String column;

  @Option(
      names = "--progress",
      description =
          "Show the progress bar and ETA on stderr even when it is not a terminal (it shows"
              + " by itself when it is).")
  private boolean progress;

  /** The control numbers. */
  NumberColumn control() {
    return new NumberColumn(control, column);
  }

  /** The treatment numbers. */
  NumberColumn treatment() {
    return new NumberColumn(treatment, column);
  }

  /** Whether --progress forces the bar. */
  boolean forceProgress() {
    return progress;
  }
}
