package dev.assay.assignment.definitions;

import java.time.Instant;

/**
 * What experiments and flags share as stored definitions: a key, a version that every write raises,
 * archival, and the time of the last write. Catalogs and stores handle both kinds through it.
 *
 * @param <T> the definition type itself
 */
public interface Definition<T extends Definition<T>> {
  /** The unique key. */
  String key();

  /** Raised by one on every write; 1 when created. */
  long version();

  /** Archived definitions are kept but never evaluated. */
  boolean archived();

  /** When it was last written. */
  Instant updateTime();

  /** A copy with new bookkeeping fields, as a write stores it. */
  T withBookkeeping(long newVersion, boolean isArchived, Instant time);
}
