package dev.assay.cli.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.runtime.security.BearerToken;
import dev.assay.runtime.security.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A token's entry in the tokens file, in the form {@code TokensFile} reads ({@code
 * dev.assay.runtime.security.TokenJson}): {@code {"id", "sha256", "display_name", "scopes",
 * "projects", "expire_time"}}. Only the hash of the secret is in it.
 */
final class TokenFileEntry {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TokenFileEntry() {}

  static ObjectNode of(
      BearerToken token,
      String displayName,
      Set<Scope> scopes,
      List<String> projects,
      @Nullable Instant expireTime) {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("id", token.id());
    entry.put("sha256", token.sha256Hex());
    entry.put("display_name", displayName);
    var scopeNames = entry.putArray("scopes");
    scopes.stream().map(Scope::wireName).sorted().forEach(scopeNames::add);
    var projectNames = entry.putArray("projects");
    projects.forEach(projectNames::add);
    if (expireTime != null) {
      entry.put("expire_time", expireTime.toString());
    }
    return entry;
  }
}
