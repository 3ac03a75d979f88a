package dev.assay.cli.tokens;

import java.io.PrintWriter;

/** How a new secret is shown: once, with the warning that it cannot be shown again. */
final class SecretOutput {
  private SecretOutput() {}

  static void print(PrintWriter out, String secret) {
    out.println(
        "Secret (shown only now: store it in a secret manager; Assay keeps only its hash and"
            + " cannot show it again):");
    out.println("  " + secret);
  }
}
