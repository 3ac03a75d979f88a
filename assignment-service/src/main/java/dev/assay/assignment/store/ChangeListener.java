package dev.assay.assignment.store;

/** Receives changes from the store, on a store thread; must not block. */
public interface ChangeListener {
  /** Something was written (by this or another replica). */
  void onChange(Change change);
}
