package dev.assay.runtime.config;

/**
 * A service's command line: a picocli {@code @Command} whose {@code @Option} fields are the
 * service's settings, turned into one immutable settings record once parsing is done.
 *
 * @param <T> the service's settings record
 */
public interface SettingsCommand<T> {
  /**
   * The settings, range-checked.
   *
   * @throws InvalidSettingsException naming the first setting out of range
   */
  T toSettings();
}
