package dev.assay.cli.connection;

import dev.assay.runtime.config.DurationConverter;
import dev.assay.runtime.security.BearerCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * Where and how to call a server: the options of the top command, inherited by every subcommand (a
 * picocli mixin). Each command calls the service that owns what it shows ({@link AssayService});
 * {@code --target} overrides that service's address for the command at hand. Any of the three
 * services answers the token and audit commands.
 */
public final class ConnectionOptions {

  private static final Pattern TARGET =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]/]+):(\\d{1,5})");
  private static final int MAX_REASON_CHARS = 500;

  @Option(
      names = "--target",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      description =
          "Server to call, whatever the command; overrides the per-service targets below."
              + " Environment: ASSAY_TARGET.")
  private @Nullable String target;

  @Option(
      names = "--assignment-target",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      defaultValue = AssayService.ASSIGNMENT_DEFAULT,
      description =
          "Assignment service (experiments, flags, overrides, explain; tokens and audit)."
              + " Environment: ASSAY_ASSIGNMENT_TARGET. Default: ${DEFAULT-VALUE}.")
  private String assignmentTarget = AssayService.ASSIGNMENT_DEFAULT;

  @Option(
      names = "--bandit-target",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      defaultValue = AssayService.BANDIT_DEFAULT,
      description = "Bandit service. Environment: ASSAY_BANDIT_TARGET. Default: ${DEFAULT-VALUE}.")
  private String banditTarget = AssayService.BANDIT_DEFAULT;

  @Option(
      names = "--analysis-target",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      defaultValue = AssayService.ANALYSIS_DEFAULT,
      description =
          "Analysis service (metrics, results, sample-size, ttest, mannwhitney)."
              + " Environment: ASSAY_ANALYSIS_TARGET. Default: ${DEFAULT-VALUE}.")
  private String analysisTarget = AssayService.ANALYSIS_DEFAULT;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      scope = ScopeType.INHERIT,
      description =
          "Bearer token sent on every call. Prefer the environment variable ASSAY_TOKEN: a token"
              + " on the command line lands in the shell history and the process list.")
  private @Nullable String token;

  @Option(
      names = "--tls",
      scope = ScopeType.INHERIT,
      description = "Use TLS, trusting the system's certificate authorities (or --ca-file).")
  private boolean tls;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      scope = ScopeType.INHERIT,
      description = "Trust only the certificate authorities in this PEM file (implies --tls).")
  private @Nullable Path caFile;

  @Option(
      names = "--client-cert",
      paramLabel = "PEM",
      scope = ScopeType.INHERIT,
      description = "Client certificate chain for mutual TLS, with --client-key (implies --tls).")
  private @Nullable Path clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "PEM",
      scope = ScopeType.INHERIT,
      description = "Private key of --client-cert, PKCS#8 PEM.")
  private @Nullable Path clientKey;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      scope = ScopeType.INHERIT,
      description =
          "Why: recorded with every write in the audit trail (assay-audit-reason metadata;"
              + " printable ASCII, at most 500 characters).")
  private @Nullable String reason;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      converter = DurationConverter.class,
      description =
          "Longest wait for each call, e.g. 5s or 2m. Default: 30s for a single call, none for an"
              + " export stream.")
  private @Nullable Duration deadline;

  /** Whether a bearer token was given (flag or environment). */
  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  /** The address {@code service} is called at: {@code --target} if given, else its own target. */
  public String target(AssayService service) {
    if (target != null && !target.isBlank()) {
      return target;
    }
    return switch (service) {
      case ASSIGNMENT -> assignmentTarget;
      case BANDIT -> banditTarget;
      case ANALYSIS -> analysisTarget;
    };
  }

  /** The option that set {@link #target(AssayService)}, for error messages. */
  private String targetOption(AssayService service) {
    return target != null && !target.isBlank()
        ? "--target"
        : "--" + service.flagPrefix() + "-target";
  }

  /**
   * Opens a channel to {@code service} with these options.
   *
   * @param service the service the command calls
   * @param commandLine the command run, for usage errors
   * @param warnings where a warning about sending a token in clear text goes
   * @throws ParameterException naming the option that cannot be used (exit code 1)
   */
  public Connection open(AssayService service, CommandLine commandLine, PrintWriter warnings) {
    String target = target(service);
    Matcher address = TARGET.matcher(target);
    if (!address.matches() || !isPort(address.group(2))) {
      throw new ParameterException(
          commandLine,
          targetOption(service)
              + ": expected HOST:PORT (e.g. "
              + service.defaultTarget()
              + "), got '"
              + target
              + "'");
    }
    if ((clientCert == null) != (clientKey == null)) {
      throw new ParameterException(
          commandLine, "--client-cert and --client-key: give both for mutual TLS, or neither");
    }
    if (reason != null && !isPrintableAscii(reason)) {
      throw new ParameterException(
          commandLine, "--reason: must be 1-" + MAX_REASON_CHARS + " printable ASCII characters");
    }
    if (deadline != null && deadline.isZero()) {
      throw new ParameterException(commandLine, "--deadline: must be above zero");
    }
    boolean secure = tls || caFile != null || clientCert != null;
    if (hasToken() && !secure && !isLoopback(address.group(1))) {
      warnings.println(
          "warning: sending the token without TLS to "
              + target
              + "; anyone on the network path can read it (use --tls)");
      warnings.flush();
    }
    ManagedChannel channel;
    try {
      channel =
          NettyChannelBuilder.forTarget(target, secure ? tls(commandLine) : insecure()).build();
    } catch (IllegalArgumentException e) {
      // Netty reads the PEM files only here, when it builds the TLS context.
      throw new ParameterException(
          commandLine,
          "--ca-file/--client-cert/--client-key: cannot use them for TLS: " + e.getMessage(),
          e);
    }
    String bearer = token;
    CallCredentials credentials =
        bearer == null || bearer.isEmpty() ? null : new BearerCredentials(bearer);
    return new Connection(service, target, channel, credentials, reason, deadline);
  }

  private ChannelCredentials tls(CommandLine commandLine) {
    TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder();
    if (caFile != null) {
      try {
        credentials.trustManager(caFile.toFile());
      } catch (IOException | RuntimeException e) {
        throw new ParameterException(
            commandLine, "--ca-file: cannot read certificates from " + caFile + ": " + e, e);
      }
    }
    if (clientCert != null && clientKey != null) {
      try {
        credentials.keyManager(clientCert.toFile(), clientKey.toFile());
      } catch (IOException | RuntimeException e) {
        throw new ParameterException(
            commandLine,
            "--client-cert/--client-key: cannot read "
                + clientCert
                + " and "
                + clientKey
                + " (PEM chain, PKCS#8 PEM key): "
                + e,
            e);
      }
    }
    return credentials.build();
  }

  private static ChannelCredentials insecure() {
    return InsecureChannelCredentials.create();
  }

  private static boolean isPort(String digits) {
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65535;
  }

  private static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
  }

  private static boolean isPrintableAscii(String text) {
    if (text.isEmpty() || text.length() > MAX_REASON_CHARS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
