package dev.assay.bandit.decisionkeys;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.assay.runtime.errors.BoundedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a decision keys file ({@code --decision-keys-file}):
 *
 * <pre>
 * {"keys": [{"id": "k2026-12", "secret": "&lt;base64, at least 32 bytes&gt;",
 *            "activate_at": "2026-12-01T00:00:00Z"}, ...]}
 * </pre>
 *
 * {@code activate_at} is optional (RFC 3339 in UTC, e.g. {@code 2026-12-01T00:00:00Z}); secrets are
 * standard or URL-safe base64. Unknown fields, a field given twice, a file over {@link
 * #MAX_FILE_BYTES} and every rule of {@link DecisionKey} and {@link DecisionKeyRing} fail with an
 * {@link InvalidKeysFileException} that names the entry and field but never echoes file content (a
 * JSON syntax error is reported by line and column only, since the text there may be a secret).
 */
public final class DecisionKeysFile {
  /** Largest file read, in bytes. */
  public static final long MAX_FILE_BYTES = 256 * 1024;

  private static final Set<String> KEY_FIELDS = Set.of("id", "secret", "activate_at");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private DecisionKeysFile() {}

  /**
   * The keys in {@code file}.
   *
   * @throws InvalidKeysFileException if it cannot be read or breaks a rule above
   */
  public static DecisionKeyRing read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw problem(file, "larger than " + MAX_FILE_BYTES + " bytes (" + size + ")");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw problem(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return parse(file, bytes);
  }

  /** The keys in {@code bytes}, read from {@code file} (named in errors). */
  static DecisionKeyRing parse(Path file, byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Never the parser's message: it quotes the text it choked on, which may be a secret.
      JsonLocation at = e.getLocation();
      throw problem(
          file,
          "not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw problem(file, "cannot be parsed (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject()) {
      throw problem(file, "must be a JSON object with a \"keys\" list");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("keys")) {
        throw problem(file, "unknown field '" + BoundedText.truncate(name, 40) + "'");
      }
    }
    JsonNode list = root.path("keys");
    if (!list.isArray() || list.isEmpty()) {
      throw problem(file, "keys: must be a non-empty list");
    }
    if (list.size() > DecisionKeyRing.MAX_KEYS) {
      throw problem(
          file, "keys: at most " + DecisionKeyRing.MAX_KEYS + " keys, got " + list.size());
    }
    List<DecisionKey> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      keys.add(key(file, "keys[" + i + "]", list.get(i)));
    }
    try {
      return DecisionKeyRing.of(keys);
    } catch (IllegalArgumentException e) {
      throw problem(file, "keys: " + String.valueOf(e.getMessage()));
    }
  }

  private static DecisionKey key(Path file, String path, JsonNode entry) {
    if (!entry.isObject()) {
      throw problem(file, path + ": must be an object with id, secret and activate_at");
    }
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEY_FIELDS.contains(name)) {
        throw problem(
            file,
            path
                + ": unknown field '"
                + BoundedText.truncate(name, 40)
                + "' (allowed: id, secret, activate_at)");
      }
    }
    JsonNode id = entry.path("id");
    if (!id.isTextual() || !DecisionKey.ID.matcher(id.asText()).matches()) {
      throw problem(file, path + ".id: must be 1-32 characters of A-Z a-z 0-9 . _ -");
    }
    String of = " (key '" + id.asText() + "')";
    JsonNode secret = entry.path("secret");
    if (!secret.isTextual()) {
      throw problem(file, path + ".secret" + of + ": must be a base64 string");
    }
    byte[] decoded =
        base64(secret.asText())
            .orElseThrow(() -> problem(file, path + ".secret" + of + ": not base64"));
    Optional<Instant> activateAt = Optional.empty();
    JsonNode at = entry.path("activate_at");
    if (!at.isMissingNode() && !at.isNull()) {
      try {
        if (!at.isTextual()) {
          throw new DateTimeParseException("not text", "", 0);
        }
        activateAt = Optional.of(Instant.parse(at.asText()));
      } catch (DateTimeParseException e) {
        throw problem(
            file,
            path
                + ".activate_at"
                + of
                + ": must be a UTC time like 2026-12-01T00:00:00Z, got '"
                + BoundedText.truncate(at.asText(), 40)
                + "'");
      }
    }
    try {
      return new DecisionKey(id.asText(), decoded, activateAt);
    } catch (IllegalArgumentException e) {
      throw problem(
          file,
          path + ".secret" + of + ": " + String.valueOf(e.getMessage()).replace("secret ", ""));
    }
  }

  private static Optional<byte[]> base64(String text) {
    for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
      try {
        return Optional.of(decoder.decode(text));
      } catch (IllegalArgumentException e) {
        // try the other alphabet
      }
    }
    return Optional.empty();
  }

  private static InvalidKeysFileException problem(Path file, String what) {
    return new InvalidKeysFileException("decision keys file " + file + ": " + what);
  }
}
