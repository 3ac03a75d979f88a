package dev.assay.assignment.store;

/**
 * What surrounds every Redis write: refuse it while the store is being restored, and once it is
 * applied wait for the configured replicas and record it in the store's revision, before the caller
 * hears it succeeded.
 */
interface WriteFence {
  /** Throws {@code UnavailableException} if writes are refused now. */
  void beforeWrite();

  /** Called once the write to {@code redisKey} is applied. */
  void afterWrite(String redisKey);
}
