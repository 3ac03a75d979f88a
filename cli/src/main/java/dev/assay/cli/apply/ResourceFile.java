package dev.assay.cli.apply;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A file of resources for {@code apply}: YAML or JSON (JSON is YAML), holding the proto3 JSON form
 * of one resource, a list of them, or the list response's form ({@code {"experiments": [...]}}).
 * Every resource is parsed before anything is sent, so a bad file changes nothing.
 */
public final class ResourceFile {
  /** Largest file read: far more definitions than any deployment keeps. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ResourceFile() {}

  /**
   * The resources in {@code file}, in order.
   *
   * @param listField the list response's field ({@code experiments}, {@code flags})
   * @param newBuilder a fresh builder of the resource
   * @throws InvalidResourceFileException naming the file and, when known, the resource at fault
   */
  @SuppressWarnings("unchecked") // every builder from newBuilder builds an M
  public static <M extends Message> List<M> read(
      Path file, String listField, Supplier<Message.Builder> newBuilder) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new InvalidResourceFileException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
      }
      root = YAML.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new InvalidResourceFileException(
          file + ": not YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidResourceFileException(file + ": cannot be read: " + e.getMessage());
    }
    List<JsonNode> elements = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new InvalidResourceFileException(file + ": is empty");
    } else if (root.isArray()) {
      root.forEach(elements::add);
    } else if (root.isObject() && root.size() == 1 && root.has(listField)) {
      root.get(listField).forEach(elements::add);
    } else {
      elements.add(root);
    }
    List<M> resources = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Message.Builder builder = newBuilder.get();
      try {
        PARSER.merge(elements.get(i).toString(), builder);
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidResourceFileException(
            file + ": resource " + (i + 1) + ": " + e.getMessage());
      }
      resources.add((M) builder.build());
    }
    return resources;
  }
}
