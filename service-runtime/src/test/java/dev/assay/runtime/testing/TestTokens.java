package dev.assay.runtime.testing;

import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import java.util.List;
import java.util.Set;

/** Creates tokens directly in a server's registry, as an administrator would through the API. */
public final class TestTokens {
  private TestTokens() {}

  /** A new token's bearer value with {@code scopes}, limited to {@code projects} (empty: none). */
  public static String create(Security security, Set<Scope> scopes, List<String> projects) {
    return security
        .tokens()
        .create(Caller.system("test"), "test token", scopes, projects, null)
        .bearer();
  }
}
