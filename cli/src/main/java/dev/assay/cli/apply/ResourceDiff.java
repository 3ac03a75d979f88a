package dev.assay.cli.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.FieldMask;
import com.google.protobuf.MessageOrBuilder;
import dev.assay.cli.output.ProtoJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The field-level difference between a stored resource and the one a file describes, compared in
 * proto3 JSON form with the server-owned fields left out. Empty objects and lists count as unset,
 * so an empty condition in the file equals none stored.
 */
public final class ResourceDiff {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<FieldChange> changes;

  private ResourceDiff(List<FieldChange> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * Compares {@code stored} with {@code wanted}, ignoring the top-level fields in {@code
   * serverOwned} (versions, update times, archived flags).
   */
  public static ResourceDiff between(
      MessageOrBuilder stored, MessageOrBuilder wanted, Set<String> serverOwned) {
    List<FieldChange> changes = new ArrayList<>();
    compare("", normalized(stored, serverOwned), normalized(wanted, serverOwned), changes);
    return new ResourceDiff(changes);
  }

  /** Whether nothing differs. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Every differing leaf, in field order. */
  public List<FieldChange> changes() {
    return changes;
  }

  /** Exactly the changed top-level fields, as an update mask. */
  public FieldMask updateMask() {
    Set<String> fields = new LinkedHashSet<>();
    changes.forEach(change -> fields.add(change.topLevelField()));
    return FieldMask.newBuilder().addAllPaths(fields).build();
  }

  private static JsonNode normalized(MessageOrBuilder message, Set<String> serverOwned) {
    try {
      JsonNode tree = JSON.readTree(ProtoJson.pretty(message));
      if (tree instanceof ObjectNode object) {
        serverOwned.forEach(object::remove);
      }
      return withoutEmpties(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("protobuf printed JSON that Jackson cannot read", e);
    }
  }

  private static JsonNode withoutEmpties(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<String> names = object.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        JsonNode value = withoutEmpties(object.get(name));
        if (!isEmpty(value)) {
          copy.set(name, value);
        }
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      array.forEach(element -> copy.add(withoutEmpties(element)));
      return copy;
    }
    return node;
  }

  private static boolean isEmpty(JsonNode node) {
    return (node.isObject() || node.isArray()) && node.isEmpty();
  }

  private static void compare(
      String path, JsonNode before, JsonNode after, List<FieldChange> changes) {
    if (before.isObject() && after.isObject()) {
      Set<String> names = new TreeSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : fieldOrder(before, after, names)) {
        String child = path.isEmpty() ? name : path + "." + name;
        JsonNode old = before.get(name);
        JsonNode neu = after.get(name);
        if (old == null || neu == null) {
          changes.add(new FieldChange(child, show(old), show(neu)));
        } else {
          compare(child, old, neu, changes);
        }
      }
    } else if (before.isArray() && after.isArray()) {
      int size = Math.max(before.size(), after.size());
      for (int i = 0; i < size; i++) {
        String child = path + "[" + i + "]";
        if (i >= before.size() || i >= after.size()) {
          changes.add(new FieldChange(child, show(before.get(i)), show(after.get(i))));
        } else {
          compare(child, before.get(i), after.get(i), changes);
        }
      }
    } else if (!sameValue(before, after)) {
      changes.add(new FieldChange(path, show(before), show(after)));
    }
  }

  /** Both trees' names, the stored resource's order first (protobuf prints in field order). */
  private static List<String> fieldOrder(JsonNode before, JsonNode after, Set<String> names) {
    Set<String> ordered = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(ordered::add);
    after.fieldNames().forEachRemaining(ordered::add);
    ordered.retainAll(names);
    return List.copyOf(ordered);
  }

  private static boolean sameValue(JsonNode before, JsonNode after) {
    if (before.isNumber() && after.isNumber()) {
      return before.doubleValue() == after.doubleValue();
    }
    return before.equals(after);
  }

  private static String show(@Nullable JsonNode node) {
    return node == null ? "(unset)" : node.toString();
  }
}
