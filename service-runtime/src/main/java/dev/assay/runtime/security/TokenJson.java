package dev.assay.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a stored token, shared by the Redis store and the tokens file: {@code {"id",
 * "sha256" (hex), "display_name", "scopes", "projects", "create_time", "expire_time",
 * "revoke_time", "created_by"}}. Reading checks every field, so a hand-edited file fails with the
 * field named.
 */
final class TokenJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private TokenJson() {}

  static String write(StoredToken token) {
    return toNode(token).toString();
  }

  static ObjectNode toNode(StoredToken token) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", token.id());
    node.put("sha256", token.sha256Hex());
    node.put("display_name", token.displayName());
    ArrayNode scopes = node.putArray("scopes");
    token.scopes().stream().map(Scope::wireName).sorted().forEach(scopes::add);
    ArrayNode projects = node.putArray("projects");
    token.projects().forEach(projects::add);
    node.put("create_time", token.createTime().toString());
    if (token.expireTime() != null) {
      node.put("expire_time", token.expireTime().toString());
    }
    if (token.revokeTime() != null) {
      node.put("revoke_time", token.revokeTime().toString());
    }
    node.put("created_by", token.createdBy());
    return node;
  }

  /**
   * Reads one token.
   *
   * @param defaultCreateTime used when the JSON has no create_time (tokens files may omit it)
   * @throws IllegalArgumentException naming the bad field
   */
  static StoredToken read(JsonNode node, Instant defaultCreateTime, boolean fromFile) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("a token must be a JSON object");
    }
    String id = text(node, "id", true);
    if (!BearerToken.isTokenId(id)) {
      throw new IllegalArgumentException(
          "id: must be 16 lowercase hex characters, got '" + id + "'");
    }
    String hash = text(node, "sha256", true);
    byte[] sha256;
    try {
      sha256 = HEX.parseHex(hash);
    } catch (IllegalArgumentException e) {
      sha256 = new byte[0];
    }
    if (sha256.length != 32) {
      throw new IllegalArgumentException(id + ".sha256: must be 64 hex characters");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : strings(node, "scopes")) {
      scopes.add(
          Scope.fromWireName(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(id + ".scopes: unknown scope '" + name + "'")));
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException(id + ".scopes: at least one scope is required");
    }
    Instant created = instant(node, "create_time");
    return new StoredToken(
        id,
        HEX.formatHex(sha256),
        text(node, "display_name", false),
        scopes,
        strings(node, "projects"),
        created == null ? defaultCreateTime : created,
        instant(node, "expire_time"),
        instant(node, "revoke_time"),
        node.has("created_by") ? text(node, "created_by", false) : "file",
        fromFile);
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": required");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + ": must be a string");
    }
    return value.asText();
  }

  private static List<String> strings(JsonNode node, String field) {
    JsonNode value = node.get(field);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(field + ": must be an array of strings");
    }
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isEmpty()) {
        throw new IllegalArgumentException(field + ": must be an array of non-empty strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  private static @Nullable Instant instant(JsonNode node, String field) {
    String text = text(node, field, false);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": must be an RFC 3339 UTC time like 2027-01-31T00:00:00Z", e);
    }
  }
}
