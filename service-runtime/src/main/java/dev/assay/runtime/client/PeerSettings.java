package dev.assay.runtime.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How one Assay service reaches another through its public gRPC contract (the assignment service
 * sending exposures to analysis; the analysis monitor stopping experiments on assignment).
 *
 * @param target {@code host:port}, or a gRPC target URI such as {@code dns:///analysis:50053}
 * @param token the bearer token sent on every call, when the peer requires one
 * @param caFile when set, the connection uses TLS and trusts this PEM bundle
 */
public record PeerSettings(String target, Optional<String> token, Optional<Path> caFile) {
  /** Plaintext without a token, for tests and the embedded default. */
  public static PeerSettings plaintext(String target) {
    return new PeerSettings(target, Optional.empty(), Optional.empty());
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "PeerSettings[target="
        + target
        + ", token="
        + token.map(t -> "***").orElse("none")
        + ", caFile="
        + caFile.map(Path::toString).orElse("none")
        + "]";
  }
}
