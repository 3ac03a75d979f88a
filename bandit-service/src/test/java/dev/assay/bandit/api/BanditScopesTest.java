package dev.assay.bandit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bandit RPC requires the scope its table (and docs/security.md) says, and no other. */
class BanditScopesTest {
  /** The documented table, method by method: what the code must match. */
  private static final Map<String, Scope> EXPECTED =
      Map.ofEntries(
          Map.entry("Select", Scope.BANDIT_SELECT),
          Map.entry("RecordReward", Scope.BANDIT_REWARD),
          Map.entry("RecordRewards", Scope.BANDIT_REWARD),
          Map.entry("StreamRewards", Scope.BANDIT_REWARD),
          Map.entry("BackfillRewards", Scope.BANDIT_ADMIN),
          Map.entry("InspectBandit", Scope.BANDIT_READ),
          Map.entry("CreateBandit", Scope.BANDIT_ADMIN),
          Map.entry("GetBandit", Scope.BANDIT_READ),
          Map.entry("ListBandits", Scope.BANDIT_READ),
          Map.entry("UpdateBandit", Scope.BANDIT_ADMIN),
          Map.entry("ArchiveBandit", Scope.BANDIT_ADMIN),
          Map.entry("ResetBandit", Scope.BANDIT_ADMIN),
          Map.entry("EvaluatePolicy", Scope.BANDIT_READ));

  private InProcessBandit replica;

  @BeforeEach
  void start() {
    replica =
        new InProcessBandit(
            new InMemoryBanditStore(100),
            Duration.ofMillis(20),
            clock ->
                Security.inMemory(
                    "bandit", new SecuritySettings(true, null), BanditScopes.TABLE, clock));
  }

  @AfterEach
  void stop() {
    replica.close();
  }

  @Test
  void everyMethodAnswersByTheAuthMatrix() {
    List<MethodDescriptor<?, ?>> methods = RawCalls.methods(replica.services());
    assertEquals(13, methods.size(), "bandit methods served");
    int calls =
        AuthMatrix.check(replica.channel(), replica.security(), BanditScopes.TABLE, methods);
    assertEquals(13 * 7, calls);
  }

  @Test
  void theTableSaysWhatTheDocumentedTableSays() {
    List<MethodDescriptor<?, ?>> methods = RawCalls.methods(replica.services());
    Map<String, Scope> actual = new TreeMap<>();
    for (MethodDescriptor<?, ?> method : methods) {
      actual.put(
          method.getBareMethodName(),
          BanditScopes.TABLE.required(method.getFullMethodName()).orElseThrow());
    }
    assertEquals(new TreeMap<>(EXPECTED), actual);
    List<io.grpc.ServerServiceDefinition> definitions =
        replica.services().stream().map(BindableService::bindService).toList();
    assertTrue(BanditScopes.TABLE.missing(definitions).isEmpty());
  }

  @Test
  void docsSecurityListsEachMethodUnderItsScope() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "security.md"));
    int start = docs.indexOf("### Bandit service");
    assertTrue(start >= 0, "docs/security.md has a Bandit service section");
    int end = docs.indexOf("\n#", start + 1);
    String section = docs.substring(start, end < 0 ? docs.length() : end);
    Map<String, Scope> documented = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z:]+)` \\| (.+) \\|$").matcher(section);
    while (row.find()) {
      Scope scope = Scope.fromWireName(row.group(1)).orElseThrow();
      Matcher method = Pattern.compile("`(\\w+)`").matcher(row.group(2));
      while (method.find()) {
        documented.put(method.group(1), scope);
      }
    }
    assertEquals(new TreeMap<>(EXPECTED), documented);
  }
}
