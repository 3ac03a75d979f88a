package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import dev.assay.assignment.catalog.DefinitionCatalog;
import dev.assay.assignment.catalog.Revision;
import dev.assay.assignment.definitions.Definition;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.resources.Page;
import dev.assay.runtime.resources.UpdateMasks;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The standard methods (Create, Get, List, Update, Archive) on one kind of definition, in contract
 * messages: each checks the caller's projects, translates the request's message, calls the catalog,
 * records a write in the audit trail and translates the result.
 *
 * @param <T> the domain definition
 * @param <P> its contract message
 */
final class StandardMethods<T extends Definition<T>, P extends Message> {
  /**
   * What a caller limited to projects may not write into a definition of its own beyond its key (a
   * reference to another project's experiment, say); checked before anything is stored.
   */
  @FunctionalInterface
  interface ContentCheck<T> {
    /**
     * Refuses {@code after} if it reaches outside the caller's projects.
     *
     * @param before the stored definition, null for a creation
     * @param after the definition as it would be stored
     * @throws dev.assay.runtime.errors.PermissionDeniedException naming the field
     */
    void check(Caller caller, @Nullable T before, T after);
  }

  private final String noun;
  private final DefinitionCatalog<T> catalog;
  private final Function<P, T> toDomain;
  private final Function<T, P> toProto;
  private final List<String> writableFields;
  private final ContentCheck<T> contentCheck;
  private final AuditTrail audit;

  /**
   * Serves {@code catalog}, whose definitions are called {@code noun} (the request field holding
   * one, and the audit trail's resource type); an update mask may name {@code writableFields}
   * (snake_case).
   */
  StandardMethods(
      String noun,
      DefinitionCatalog<T> catalog,
      Function<P, T> toDomain,
      Function<T, P> toProto,
      List<String> writableFields,
      ContentCheck<T> contentCheck,
      AuditTrail audit) {
    this.noun = noun;
    this.catalog = catalog;
    this.toDomain = toDomain;
    this.toProto = toProto;
    this.writableFields = List.copyOf(writableFields);
    this.contentCheck = contentCheck;
    this.audit = audit;
  }

  P create(String key, P requested) {
    Caller caller = RequestContext.currentCaller();
    caller.requireAccess(key, noun + ".key");
    T draft = toDomain.apply(requested);
    contentCheck.check(caller, null, draft);
    P created = toProto.apply(catalog.create(draft));
    audit.record(noun, key, null, created);
    return created;
  }

  P get(String key) {
    RequestContext.currentCaller().requireAccess(key, "key");
    return toProto.apply(catalog.get(key));
  }

  /** A page of the definitions the caller may see; other projects' keys are left out. */
  Page<P> list(int pageSize, String pageToken, boolean showArchived) {
    Caller caller = RequestContext.currentCaller();
    Page<T> page = catalog.list(pageSize, pageToken, showArchived, caller::mayAccess);
    return new Page<>(page.items().stream().map(toProto).toList(), page.nextPageToken());
  }

  P update(String key, FieldMask mask, P requested, long expectedVersion) {
    Caller caller = RequestContext.currentCaller();
    caller.requireAccess(key, noun + ".key");
    UnaryOperator<T> edit = edit(mask, requested);
    Revision<T> revision =
        catalog.update(
            key,
            current -> {
              T edited = edit.apply(current);
              contentCheck.check(caller, current, edited);
              return edited;
            },
            expectedVersion);
    return recorded(key, revision);
  }

  /** Archives; archiving an archived definition changes nothing and records nothing. */
  P archive(String key) {
    RequestContext.currentCaller().requireAccess(key, "key");
    Revision<T> revision = catalog.archive(key);
    T before = revision.before();
    if (before != null && before.version() == revision.after().version()) {
      return toProto.apply(revision.after());
    }
    return recorded(key, revision);
  }

  /**
   * The edit an update describes: the stored definition with the fields the mask names taken from
   * {@code requested} (every writable field for an empty mask).
   */
  UnaryOperator<T> edit(FieldMask mask, P requested) {
    return UpdateMasks.edit(mask, writableFields, requested, toProto, toDomain);
  }

  private P recorded(String key, Revision<T> revision) {
    T before = revision.before();
    P after = toProto.apply(revision.after());
    audit.record(noun, key, before == null ? null : toProto.apply(before), after);
    return after;
  }
}
