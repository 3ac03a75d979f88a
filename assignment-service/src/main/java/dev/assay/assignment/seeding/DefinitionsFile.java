package dev.assay.assignment.seeding;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.assay.assignment.api.ExperimentMapper;
import dev.assay.assignment.api.FlagMapper;
import dev.assay.assignment.definitions.Definition;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentValidator;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagValidator;
import dev.assay.runtime.errors.ValidationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The definitions seeded at start ({@code --definitions-file}), read and checked before anything is
 * created. The file is YAML (JSON when its name ends in {@code .json}) with two top-level keys,
 * both optional:
 *
 * <ul>
 *   <li>{@code experiments}: a list of the contract's {@code assay.assignment.v1.Experiment}
 *       messages in protobuf JSON form (field names in lowerCamelCase or snake_case, enums by
 *       name);
 *   <li>{@code flags}: a list of {@code assay.assignment.v1.FeatureFlag} messages, likewise; an
 *       experiment rule may name an experiment of this file or one already stored.
 * </ul>
 *
 * <p>Any other top-level key, a syntax error, an unknown field, a key given twice or a definition
 * that fails validation is an {@link InvalidDefinitionsException} naming the file, the item and the
 * field. Output-only fields ({@code version}, {@code archived}, {@code update_time}) are ignored.
 *
 * @param path the file read, or empty when none was configured
 * @param experiments the experiments, in file order
 * @param flags the flags, in file order
 */
public record DefinitionsFile(
    Optional<Path> path, List<Experiment> experiments, List<FeatureFlag> flags) {
  /** The top-level keys a definitions file may have, in the order they are seeded. */
  public static final List<String> TOP_LEVEL_KEYS = List.of("experiments", "flags");

  public DefinitionsFile {
    experiments = List.copyOf(experiments);
    flags = List.copyOf(flags);
  }

  /** No file: nothing to seed. */
  public static DefinitionsFile none() {
    return new DefinitionsFile(Optional.empty(), List.of(), List.of());
  }

  /**
   * Reads and checks {@code file}: everything but whether an experiment rule naming an experiment
   * outside the file finds it in the store, which {@link DefinitionSeeder} checks.
   *
   * @throws InvalidDefinitionsException naming the file, the item and the field of a problem
   */
  public static DefinitionsFile read(Path file) {
    JsonNode root = parse(file);
    List<Experiment> experiments =
        readList(
            file,
            root,
            "experiments",
            dev.assay.assignment.v1.Experiment.getDefaultInstance(),
            ExperimentMapper::toDomain,
            experiment -> ExperimentValidator.validate(experiment.withDefaultWeights()));
    Map<String, Experiment> known = byKey(file, "experiments", experiments);
    List<FeatureFlag> flags =
        readList(
            file,
            root,
            "flags",
            dev.assay.assignment.v1.FeatureFlag.getDefaultInstance(),
            FlagMapper::toDomain,
            flag -> FlagValidator.validateAgainstKnown(flag, known));
    byKey(file, "flags", flags);
    return new DefinitionsFile(Optional.of(file), experiments, flags);
  }

  /** How item {@code index} of the list {@code list} is named in messages. */
  static String item(String list, int index, String key) {
    return list + "[" + index + "]" + (key.isEmpty() ? "" : " (key " + key + ")");
  }

  /** The document's top-level mapping (empty for an empty file). */
  private static JsonNode parse(Path file) {
    boolean isJson = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper reader = isJson ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    reader.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = reader.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidDefinitionsException(
          file,
          "not valid "
              + (isJson ? "JSON" : "YAML")
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidDefinitionsException(file, "cannot be read: " + oneLine(e.toString()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return reader.createObjectNode();
    }
    if (!root.isObject()) {
      throw new InvalidDefinitionsException(
          file, "must be a mapping with the keys " + String.join(" and ", TOP_LEVEL_KEYS));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TOP_LEVEL_KEYS.contains(name)) {
        throw new InvalidDefinitionsException(
            file,
            "unknown top-level key '"
                + name
                + "' (allowed: "
                + String.join(", ", TOP_LEVEL_KEYS)
                + ")");
      }
    }
    return root;
  }

  /** Each item of one list: parsed as a contract message, translated, then checked. */
  private static <M extends Message, T> List<T> readList(
      Path file,
      JsonNode root,
      String list,
      M prototype,
      Function<M, T> toDomain,
      Consumer<T> check) {
    JsonNode items = root.path(list);
    if (items.isMissingNode() || items.isNull()) {
      return List.of();
    }
    if (!items.isArray()) {
      throw new InvalidDefinitionsException(file, list + ": must be a list");
    }
    List<T> definitions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode node = items.get(i);
      String item = item(list, i, node.path("key").asText(""));
      try {
        Message.Builder builder = prototype.newBuilderForType();
        JsonFormat.parser().merge(node.toString(), builder);
        @SuppressWarnings("unchecked") // the prototype's builder builds the prototype's type
        M message = (M) builder.build();
        T definition = toDomain.apply(message);
        check.accept(definition);
        definitions.add(definition);
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidDefinitionsException(file, item + ": " + oneLine(e.getMessage()));
      } catch (ValidationException e) {
        throw InvalidDefinitionsException.invalidItem(file, item, e);
      }
    }
    return definitions;
  }

  /** The definitions by key; a key given twice is an error. */
  private static <T extends Definition<T>> Map<String, T> byKey(
      Path file, String list, List<T> definitions) {
    Map<String, T> byKey = new HashMap<>();
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      String key = definitions.get(i).key();
      Integer first = firstIndex.putIfAbsent(key, i);
      if (first != null) {
        throw new InvalidDefinitionsException(
            file, item(list, i, key) + ": key: the same key as " + list + "[" + first + "]");
      }
      byKey.put(key, definitions.get(i));
    }
    return byKey;
  }

  private static String oneLine(@Nullable String message) {
    return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
