package dev.assay.runtime.security;

import dev.assay.runtime.errors.PermissionDeniedException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling and what they may do: the actor recorded in the audit trail, the scopes granted
 * (already expanded), and the key prefixes ("projects") the caller may touch.
 *
 * @param actor {@code token:<id>}, {@code jwt:<subject>}, {@code anonymous} or {@code
 *     system:<name>}
 * @param scopes every scope held, implied ones included
 * @param projects key prefixes the caller may touch; empty means every key
 */
public record Caller(String actor, Set<Scope> scopes, List<String> projects) {
  /** The caller when authentication is off: may do everything. */
  public static final Caller ANONYMOUS =
      new Caller("anonymous", EnumSet.allOf(Scope.class), List.of());

  public Caller {
    scopes = Set.copyOf(scopes);
    projects = List.copyOf(projects);
  }

  /** A caller inside the service itself (a seeder, a monitor), with every scope. */
  public static Caller system(String name) {
    return new Caller("system:" + name, EnumSet.allOf(Scope.class), List.of());
  }

  /** Whether the caller holds {@code scope}. */
  public boolean holds(Scope scope) {
    return scopes.contains(scope);
  }

  /** Whether the caller may touch the experiment, flag or bandit with this key. */
  public boolean mayAccess(String key) {
    if (projects.isEmpty()) {
      return true;
    }
    for (String prefix : projects) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses a key outside the caller's projects, before anything is looked up, so the answer is the
   * same whether the key exists or not.
   *
   * @throws PermissionDeniedException naming the field
   */
  public void requireAccess(String key, String field) {
    if (!mayAccess(key)) {
      throw new PermissionDeniedException(
          field + ": outside the projects this token may touch " + projects);
    }
  }

  /** Whether every key this other token could touch, this caller could touch too. */
  public boolean covers(List<String> otherProjects) {
    if (projects.isEmpty()) {
      return true;
    }
    if (otherProjects.isEmpty()) {
      return false;
    }
    return otherProjects.stream().allMatch(this::mayAccess);
  }
}
