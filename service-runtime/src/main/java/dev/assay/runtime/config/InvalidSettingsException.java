package dev.assay.runtime.config;

/** A setting that cannot start the service; the message is one readable line naming it. */
public final class InvalidSettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A message that names the flag (and its environment variable) and what is allowed. */
  public InvalidSettingsException(String message) {
    super(message);
  }

  /** {@code --name} (env {@code ASSAY_NAME}) followed by the problem. */
  public static InvalidSettingsException forSetting(String flag, String problem) {
    return new InvalidSettingsException(
        flag + " (env " + EnvironmentDefaults.environmentName(flag) + ") " + problem);
  }
}
