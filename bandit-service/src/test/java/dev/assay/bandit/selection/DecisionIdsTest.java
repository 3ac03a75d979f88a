package dev.assay.bandit.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.decisionkeys.DecisionKey;
import dev.assay.bandit.decisionkeys.DecisionKeyRing;
import dev.assay.bandit.testing.KeysFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decision ids carry the whole decision, signed; anything this service did not sign is refused. */
class DecisionIdsTest {
  private final DecisionKey key = KeysFiles.always("k1").key();
  private final DecisionKeyRing ring = DecisionKeyRing.of(List.of(key));
  private final DecisionToken token =
      new DecisionToken(
          "home-page", "blue", 0.3125, new double[] {1.5, -2}, 1_800_000_000_000L, 42L, -7L);

  private static byte[] raw(String id) {
    return Base64.getUrlDecoder().decode(id);
  }

  private static String id(byte[] raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** {@code raw} with its MAC recomputed by {@code key}: what only a key holder can make. */
  private static String resigned(byte[] raw, DecisionKey key) {
    byte[] mac = key.mac(raw, 0, raw.length - DecisionKey.MAC_BYTES);
    System.arraycopy(mac, 0, raw, raw.length - DecisionKey.MAC_BYTES, DecisionKey.MAC_BYTES);
    return id(raw);
  }

  @Test
  void roundTripsEveryFieldAndTheKeyId() {
    SignedDecision opened = DecisionIds.open(DecisionIds.issue(token, key), ring).orElseThrow();
    DecisionToken decoded = opened.token();
    assertEquals("k1", opened.keyId());
    assertEquals("home-page", decoded.banditKey());
    assertEquals("blue", decoded.armId());
    assertEquals(0.3125, decoded.propensity());
    assertArrayEquals(new double[] {1.5, -2}, decoded.context());
    assertEquals(1_800_000_000_000L, decoded.expiresAtMillis());
    assertEquals(token.markerId(), decoded.markerId());
  }

  @Test
  void differentNoncesGiveDifferentMarkers() {
    DecisionToken other =
        new DecisionToken("home-page", "blue", 0.3125, new double[0], 1L, 42L, -6L);
    assertNotEquals(token.markerId(), other.markerId());
    assertEquals(22, token.markerId().length());
  }

  @Test
  void everySingleBitFlipAnywhereIsRefused() {
    byte[] good = raw(DecisionIds.issue(token, key));
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        assertTrue(DecisionIds.open(id(bad), ring).isEmpty(), "byte " + i + " bit " + bit);
      }
    }
  }

  @Test
  void anIdSignedByAnUnknownKeyOrAnotherSecretIsRefused() {
    DecisionKey stranger = KeysFiles.always("k2").key();
    assertTrue(DecisionIds.open(DecisionIds.issue(token, stranger), ring).isEmpty());
    // same key id, another secret: the MAC fails
    DecisionKey impostor = new DecisionKey("k1", new byte[32], java.util.Optional.empty());
    assertTrue(DecisionIds.open(DecisionIds.issue(token, impostor), ring).isEmpty());
  }

  @Test
  void randomBytesAndTextAreRefused() {
    Random random = new Random(11);
    for (int n = 0; n < 2_000; n++) {
      byte[] bytes = new byte[random.nextInt(900)];
      random.nextBytes(bytes);
      if (bytes.length > 0 && random.nextBoolean()) {
        bytes[0] = 2; // the right version, to reach the key id and MAC checks
      }
      assertTrue(DecisionIds.open(id(bytes), ring).isEmpty());
    }
    assertTrue(DecisionIds.open("", ring).isEmpty());
    assertTrue(DecisionIds.open("not base64 !", ring).isEmpty());
    assertTrue(DecisionIds.open("AAAAAAAA", ring).isEmpty());
  }

  @Test
  void theLargestIdSelectCanMakeFitsTheBound() {
    DecisionKey longest = KeysFiles.always("k".repeat(32)).key();
    DecisionToken largest =
        new DecisionToken(
            "k".repeat(128),
            "a".repeat(64),
            0.5,
            new double[DecisionToken.MAX_CONTEXT],
            1L,
            1L,
            1L);
    String id = DecisionIds.issue(largest, longest);
    assertEquals(1_078, id.length());
    assertTrue(id.length() <= DecisionIds.MAX_ID_LENGTH);
    assertTrue(DecisionIds.open(id, DecisionKeyRing.of(List.of(longest))).isPresent());
  }

  @Test
  void oversizedIdsAndDeclaredLengthsAreRefusedEvenWithAValidMac() {
    assertTrue(DecisionIds.open("A".repeat(DecisionIds.MAX_ID_LENGTH + 1), ring).isEmpty());
    String tooManyFeatures =
        DecisionIds.issue(
            new DecisionToken("k", "a", 0.5, new double[DecisionToken.MAX_CONTEXT + 1], 1L, 1L, 1L),
            key);
    assertTrue(DecisionIds.open(tooManyFeatures, ring).isEmpty());
    String longKey =
        DecisionIds.issue(
            new DecisionToken("k".repeat(129), "a", 0.5, new double[0], 1L, 1L, 1L), key);
    assertTrue(DecisionIds.open(longKey, ring).isEmpty());
    // a bandit-key length far beyond the id, with a MAC that verifies
    byte[] raw = raw(DecisionIds.issue(token, key));
    int fields = 2 + "k1".length();
    raw[fields] = (byte) 0xff;
    raw[fields + 1] = (byte) 0xff;
    assertTrue(DecisionIds.open(resigned(raw, key), ring).isEmpty());
  }

  @Test
  void aKeyIdLengthOutsideOneTo32IsRefused() {
    byte[] raw = raw(DecisionIds.issue(token, key));
    for (int length : new int[] {0, 33, 255}) {
      byte[] bad = raw.clone();
      bad[1] = (byte) length;
      assertTrue(DecisionIds.open(id(bad), ring).isEmpty(), "length " + length);
    }
    assertEquals("k1", new String(raw, 2, 2, StandardCharsets.US_ASCII));
  }
}
