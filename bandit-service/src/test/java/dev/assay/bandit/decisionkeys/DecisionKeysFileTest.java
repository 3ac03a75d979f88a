package dev.assay.bandit.decisionkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.testing.KeysFiles;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys file's rules, which key signs when, and the polling that picks up a change. */
class DecisionKeysFileTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
  private static final String SECRET = KeysFiles.always("x").secretBase64();

  @TempDir Path dir;

  private String problem(String json) {
    Path file = KeysFiles.writeText(dir.resolve("keys.json"), json);
    String message =
        assertThrows(InvalidKeysFileException.class, () -> DecisionKeysFile.read(file))
            .getMessage();
    assertFalse(message.contains(SECRET.substring(0, 12)), message);
    return message;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"SECRET\"}  | not valid JSON at line 1",
        "{\"keys\":[{\"id\":\"a\",\"secret\":SECRET}]} | not valid JSON at line 1",
        "[] | must be a JSON object",
        "{\"keys\":[]} | keys: must be a non-empty list",
        "{\"keys\":[],\"extra\":1} | unknown field 'extra'",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"SECRET\",\"note\":1}]} | keys[0]: unknown field 'note'",
        "{\"keys\":[{\"id\":\"a b\",\"secret\":\"SECRET\"}]} | keys[0].id: must be 1-32 characters",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"!!\"}]} | keys[0].secret (key 'a'): not base64",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"AAAA\"}]} | keys[0].secret (key 'a'): must be 32 to 1024 bytes once decoded, got 3",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"SECRET\",\"activate_at\":\"tomorrow\"}]} | keys[0].activate_at (key 'a'): must be a UTC time",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"SECRET\"},{\"id\":\"a\",\"secret\":\"SECRET\",\"activate_at\":\"2026-12-01T00:00:00Z\"}]} | key id 'a' appears twice",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"SECRET\"},{\"id\":\"b\",\"secret\":\"SECRET\"}]} | undecidable",
        "{\"keys\":[{\"id\":\"a\",\"secret\":\"SECRET\",\"id\":\"b\"}]} | not valid JSON",
      })
  void aBadFileIsRefusedWithItsEntryAndFieldNamedAndNoSecret(String json, String expected) {
    String message = problem(json.replace("SECRET", SECRET));
    assertTrue(message.contains(expected), message);
    assertTrue(message.startsWith("decision keys file " + dir.resolve("keys.json")), message);
  }

  @Test
  void theLatestActivatedKeySignsAndEveryKeyVerifies() {
    DecisionKeyRing ring =
        DecisionKeysFile.read(
            KeysFiles.write(
                dir.resolve("keys.json"),
                KeysFiles.from("k3", T.plus(Duration.ofDays(30))),
                KeysFiles.always("k1"),
                KeysFiles.from("k2", T)));
    assertEquals("k1", ring.signingKeyAt(T.minusMillis(1)).orElseThrow().id());
    assertEquals("k2", ring.signingKeyAt(T).orElseThrow().id());
    assertEquals("k3", ring.signingKeyAt(T.plus(Duration.ofDays(31))).orElseThrow().id());
    assertTrue(ring.find("k3").isPresent());
    assertEquals(Optional.empty(), ring.supersededAt("k1", T.minusMillis(1)));
    assertEquals(Optional.of(T), ring.supersededAt("k1", T));
    assertEquals(Optional.empty(), ring.supersededAt("k2", T));
    assertEquals(Optional.empty(), ring.supersededAt("k3", T.plus(Duration.ofDays(31))));
    assertEquals(
        Optional.empty(),
        DecisionKeyRing.of(List.of(KeysFiles.from("k", T).key())).signingKeyAt(T.minusMillis(1)));
  }

  @Test
  void aFileWithNoKeyActiveNowDoesNotStart() {
    Path file = KeysFiles.write(dir.resolve("keys.json"), KeysFiles.from("k2", T));
    String message =
        assertThrows(
                InvalidKeysFileException.class,
                () -> DecisionKeys.fromFile(file, new MutableClock(T.minusSeconds(1))))
            .getMessage();
    assertTrue(message.contains("no key is active"), message);
  }

  @Test
  void theSchedulerPicksUpAChangedFileWithinAFewPolls() throws Exception {
    Path file = KeysFiles.write(dir.resolve("keys.json"), KeysFiles.always("k1"));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (DecisionKeys keys =
        DecisionKeys.fromFile(file, new MutableClock(T))
            .pollEvery(Duration.ofMillis(20), scheduler)) {
      KeysFiles.write(file, KeysFiles.always("k1"), KeysFiles.from("k2", T.minusSeconds(1)));
      Await.awaitWithin(
          Duration.ofSeconds(5), "k2 signs", () -> keys.signingKey().id().equals("k2"));
      assertEquals(2, keys.ring().keys().size());
    } finally {
      scheduler.shutdownNow();
    }
  }
}
