package dev.assay.cli.tokens;

import dev.assay.runtime.security.Scope;
import java.util.Arrays;
import java.util.Iterator;

/** Every scope's wire name, for {@code --scope}'s help and shell completion. */
public final class ScopeNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(Scope.values()).map(Scope::wireName).iterator();
  }
}
