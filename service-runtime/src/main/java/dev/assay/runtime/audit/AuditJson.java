package dev.assay.runtime.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An audit entry's stored JSON form (the id is the stream id, kept outside). */
final class AuditJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditJson() {}

  static String write(AuditEntry entry) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("time", entry.time().toString());
    node.put("actor", entry.actor());
    node.put("service", entry.service());
    node.put("method", entry.method());
    node.put("resource_type", entry.resourceType());
    node.put("resource_id", entry.resourceId());
    if (entry.beforeJson() != null) {
      node.put("before", entry.beforeJson());
    }
    if (entry.afterJson() != null) {
      node.put("after", entry.afterJson());
    }
    node.put("reason", entry.reason());
    return node.toString();
  }

  static AuditEntry read(String id, String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable audit entry " + id, e);
    }
    return new AuditEntry(
        id,
        Instant.parse(node.path("time").asText()),
        node.path("actor").asText(),
        node.path("service").asText(),
        node.path("method").asText(),
        node.path("resource_type").asText(),
        node.path("resource_id").asText(),
        optional(node, "before"),
        optional(node, "after"),
        node.path("reason").asText());
  }

  private static @Nullable String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
