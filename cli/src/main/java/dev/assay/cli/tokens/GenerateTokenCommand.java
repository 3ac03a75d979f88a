package dev.assay.cli.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.output.OutputOptions;
import dev.assay.runtime.security.BearerToken;
import dev.assay.runtime.security.Scope;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * {@code assay tokens generate}: a new token made offline, for the tokens file (GitOps). The same
 * limits as the server's CreateToken apply, so an entry generated here is one the server accepts.
 */
@Command(
    name = "generate",
    description = {
      "Generates a token offline (no server) and prints its secret and its entry for the tokens"
          + " file (--tokens-file). The entry holds only the secret's SHA-256, so the file may live"
          + " in a repository.",
    })
final class GenerateTokenCommand extends AssaySubcommand {
  // The limits of TokenService.CreateToken (token_service.proto).
  private static final int MAX_NAME_CHARS = 200;
  private static final int MAX_SCOPES = 32;
  private static final int MAX_PROJECTS = 32;
  private static final int MAX_PROJECT_CHARS = 128;

  @Mixin private TokenSpecOptions spec = new TokenSpecOptions();

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() throws JsonProcessingException {
    Set<Scope> granted = checkedScopes();
    checkName();
    checkProjects();
    Instant expireTime = spec.expireTime(top().clock());
    if (expireTime != null && !expireTime.isAfter(top().clock().instant())) {
      throw usage("--expires-in/--expires-at: must be in the future, got " + expireTime);
    }
    BearerToken token = BearerToken.generate(top().random());
    ObjectNode entry = TokenFileEntry.of(token, spec.name, granted, spec.projects, expireTime);
    if (output.isJson()) {
      ObjectNode result = TokenFileEntry.MAPPER.createObjectNode();
      result.put("secret", token.value());
      result.set("entry", entry);
      out()
          .println(
              TokenFileEntry.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    } else {
      out()
          .println(
              "Token " + token.id() + " generated; no server knows it until the file lists it.");
      out().println();
      SecretOutput.print(out(), token.value());
      out().println();
      out()
          .println(
              "Entry for the \"tokens\" array of the tokens file (services re-read the file when it"
                  + " changes):");
      out()
          .println(
              TokenFileEntry.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entry));
    }
    out().flush();
    return AssayCommand.OK;
  }

  private Set<Scope> checkedScopes() {
    if (spec.scopes.size() > MAX_SCOPES) {
      throw usage("--scope: at most " + MAX_SCOPES + " scopes");
    }
    Set<Scope> granted = EnumSet.noneOf(Scope.class);
    for (String scope : spec.scopes) {
      granted.add(
          Scope.fromWireName(scope)
              .orElseThrow(
                  () ->
                      usage(
                          "--scope: unknown scope '"
                              + scope
                              + "'; one of "
                              + String.join(", ", new ScopeNames()))));
    }
    return granted;
  }

  private void checkName() {
    if (spec.name.isBlank() || spec.name.length() > MAX_NAME_CHARS || hasControl(spec.name)) {
      throw usage("--name: must be 1-" + MAX_NAME_CHARS + " characters without control characters");
    }
  }

  private void checkProjects() {
    if (spec.projects.size() > MAX_PROJECTS) {
      throw usage("--project: at most " + MAX_PROJECTS + " key prefixes");
    }
    for (String project : spec.projects) {
      if (project.isEmpty() || project.length() > MAX_PROJECT_CHARS || hasControl(project)) {
        throw usage(
            "--project: each must be 1-"
                + MAX_PROJECT_CHARS
                + " characters without control characters");
      }
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec().commandLine(), message);
  }

  private static boolean hasControl(String text) {
    return text.codePoints().anyMatch(Character::isISOControl);
  }
}
