package dev.assay.runtime.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The tokens file ({@code --tokens-file}), for GitOps: {@code {"tokens": [{"id", "sha256",
 * "display_name", "scopes", "projects", "expire_time"}]}}. It holds hashes only, never a secret, so
 * it can live in a repository; {@code assay tokens generate} prints a new token and its entry.
 */
public final class TokensFile {
  private final Path path;

  public TokensFile(Path path) {
    this.path = path;
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  /** When the file last changed, to reload it only then. */
  public Instant modifiedTime() throws IOException {
    return Files.getLastModifiedTime(path).toInstant();
  }

  /**
   * Reads and checks every entry.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the first bad entry or field
   */
  public Map<String, StoredToken> read() throws IOException {
    Instant modified = modifiedTime();
    JsonNode root;
    try {
      root = TokenJson.MAPPER.readTree(Files.readString(path));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
    }
    if (root == null || !root.isObject() || !root.path("tokens").isArray()) {
      throw new IllegalArgumentException("expected {\"tokens\": [...]}");
    }
    Map<String, StoredToken> tokens = new HashMap<>();
    int index = 0;
    for (JsonNode entry : root.get("tokens")) {
      StoredToken token;
      try {
        token = TokenJson.read(entry, modified, true);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tokens[" + index + "]: " + e.getMessage(), e);
      }
      if (tokens.put(token.id(), token) != null) {
        throw new IllegalArgumentException("tokens[" + index + "]: id " + token.id() + " repeated");
      }
      index++;
    }
    return tokens;
  }
}
