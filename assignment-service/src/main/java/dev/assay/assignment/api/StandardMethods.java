package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import dev.assay.assignment.catalog.DefinitionCatalog;
import dev.assay.assignment.catalog.Page;
import dev.assay.assignment.definitions.Definition;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The standard methods (Create, Get, List, Update, Archive) on one kind of definition, in contract
 * messages: each translates the request's message, calls the catalog and translates the result.
 *
 * @param <T> the domain definition
 * @param <P> its contract message
 */
final class StandardMethods<T extends Definition<T>, P extends Message> {
  private final DefinitionCatalog<T> catalog;
  private final Function<P, T> toDomain;
  private final Function<T, P> toProto;
  private final List<String> writableFields;

  /** Serves {@code catalog}; an update mask may name {@code writableFields} (snake_case). */
  StandardMethods(
      DefinitionCatalog<T> catalog,
      Function<P, T> toDomain,
      Function<T, P> toProto,
      List<String> writableFields) {
    this.catalog = catalog;
    this.toDomain = toDomain;
    this.toProto = toProto;
    this.writableFields = List.copyOf(writableFields);
  }

  P create(P requested) {
    return toProto.apply(catalog.create(toDomain.apply(requested)));
  }

  P get(String key) {
    return toProto.apply(catalog.get(key));
  }

  Page<P> list(int pageSize, String pageToken, boolean showArchived) {
    Page<T> page = catalog.list(pageSize, pageToken, showArchived);
    return new Page<>(page.items().stream().map(toProto).toList(), page.nextPageToken());
  }

  P update(String key, FieldMask mask, P requested, long expectedVersion) {
    return toProto.apply(catalog.update(key, edit(mask, requested), expectedVersion));
  }

  P archive(String key) {
    return toProto.apply(catalog.archive(key));
  }

  /**
   * The edit an update describes: the stored definition with the fields the mask names taken from
   * {@code requested} (every writable field for an empty mask).
   */
  UnaryOperator<T> edit(FieldMask mask, P requested) {
    return UpdateMasks.edit(mask, writableFields, requested, toProto, toDomain);
  }
}
