package dev.assay.cli.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.runtime.security.BearerToken;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.StoredToken;
import dev.assay.runtime.security.TokensFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTokenCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void theEntryIsAcceptedByTheTokensFileAndMatchesTheSecret() throws Exception {
    CliResult generated =
        Cli.run(
            "tokens",
            "generate",
            "--name",
            "ci deploys",
            "--scope",
            "flags:write",
            "--scope",
            "experiments:write",
            "--project",
            "checkout-",
            "--project",
            "search-",
            "--expires-at",
            "2031-05-01T12:00:00+02:00",
            "--output",
            "json");
    assertEquals(AssayCommand.OK, generated.exitCode(), generated::toString);
    JsonNode result = JSON.readTree(generated.out());
    Path file = directory.resolve("tokens.json");
    Files.writeString(file, "{\"tokens\": [" + result.get("entry") + "]}");

    Map<String, StoredToken> tokens = new TokensFile(file).read();
    String secret = result.get("secret").asText();
    BearerToken bearer = BearerToken.parse(secret).orElseThrow();
    StoredToken stored = tokens.get(bearer.id());
    assertEquals(bearer.sha256Hex(), stored.sha256Hex());
    assertEquals("ci deploys", stored.displayName());
    assertEquals(Set.of(Scope.FLAGS_WRITE, Scope.EXPERIMENTS_WRITE), stored.scopes());
    assertEquals(List.of("checkout-", "search-"), stored.projects());
    assertEquals(Instant.parse("2031-05-01T10:00:00Z"), stored.expireTime());
    assertTrue(stored.fromFile());
    assertTrue(!generated.out().contains("\"sha256\" : \"" + secret), "the hash, not the secret");
  }

  @Test
  void theTableFormPrintsTheSecretAndAnEntryTheFileAccepts() throws Exception {
    CliResult generated = Cli.run("tokens", "generate", "--name", "ops", "--scope", "admin");
    assertEquals(AssayCommand.OK, generated.exitCode(), generated::toString);
    String out = generated.out();
    assertTrue(out.contains("shown only now"), out);
    String entry = out.substring(out.indexOf('{'));
    Path file = directory.resolve("tokens.json");
    Files.writeString(file, "{\"tokens\": [" + entry + "]}");
    StoredToken stored = new TokensFile(file).read().values().iterator().next();
    String secret =
        out.lines().map(String::trim).filter(l -> l.startsWith("ast_")).findFirst().orElseThrow();
    assertEquals(BearerToken.parse(secret).orElseThrow().sha256Hex(), stored.sha256Hex());
  }

  @Test
  void everyRunMakesANewToken() throws Exception {
    String first =
        JSON.readTree(
                Cli.run(
                        "tokens",
                        "generate",
                        "--name",
                        "a",
                        "--scope",
                        "evaluate",
                        "--output",
                        "json")
                    .out())
            .get("secret")
            .asText();
    String second =
        JSON.readTree(
                Cli.run(
                        "tokens",
                        "generate",
                        "--name",
                        "a",
                        "--scope",
                        "evaluate",
                        "--output",
                        "json")
                    .out())
            .get("secret")
            .asText();
    assertTrue(!first.equals(second));
  }

  @Test
  void anUnknownScopeIsAUsageErrorNamingIt() {
    CliResult result = Cli.run("tokens", "generate", "--name", "x", "--scope", "everything");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("assay: --scope: unknown scope 'everything'"), result::err);
    assertTrue(result.err().contains("(try 'assay tokens generate --help')"), result::err);
    assertEquals("", result.out());
  }

  @Test
  void aPastExpiryIsAUsageError() {
    CliResult result =
        Cli.run(
            "tokens",
            "generate",
            "--name",
            "x",
            "--scope",
            "evaluate",
            "--expires-at",
            "2001-01-01T00:00:00Z");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("must be in the future"), result::err);
  }

  @Test
  void aMalformedExpiryOrEmptyNameIsAUsageError() {
    assertEquals(
        AssayCommand.BAD_INPUT,
        Cli.run(
                "tokens",
                "generate",
                "--name",
                "x",
                "--scope",
                "evaluate",
                "--expires-at",
                "tomorrow")
            .exitCode());
    assertEquals(
        AssayCommand.BAD_INPUT,
        Cli.run("tokens", "generate", "--name", " ", "--scope", "evaluate").exitCode());
    assertEquals(
        AssayCommand.BAD_INPUT, Cli.run("tokens", "generate", "--name", "no scope").exitCode());
  }
}
