package dev.assay.bandit.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Decision ids carry the whole decision and reject tampering or garbage. */
class DecisionTokenTest {
  private final DecisionToken token =
      new DecisionToken(
          "home-page", "blue", 0.3125, new double[] {1.5, -2}, 1_800_000_000_000L, 42L, -7L);

  @Test
  void roundTripsEveryField() {
    DecisionToken decoded = DecisionToken.decode(token.encode()).orElseThrow();
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
  void tamperedOrMalformedIdsAreUnknown() {
    byte[] raw = Base64.getUrlDecoder().decode(token.encode());
    raw[5] ^= 1;
    assertTrue(
        DecisionToken.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))
            .isEmpty());
    assertTrue(DecisionToken.decode("").isEmpty());
    assertTrue(DecisionToken.decode("not base64 !").isEmpty());
    assertTrue(DecisionToken.decode("AAAAAAAA").isEmpty());
  }

  @Test
  void oversizedIdsAndDeclaredLengthsAreRejectedBeforeAnythingIsAllocated() {
    assertTrue(
        DecisionToken.decode(
                new DecisionToken("k", "a", 0.5, new double[20_000], 1L, 1L, 1L).encode())
            .isEmpty());
    assertTrue(DecisionToken.decode("A".repeat(DecisionToken.MAX_ID_LENGTH + 1)).isEmpty());
    assertTrue(
        DecisionToken.decode(
                new DecisionToken(
                        "k", "a", 0.5, new double[DecisionToken.MAX_CONTEXT + 1], 1L, 1L, 1L)
                    .encode())
            .isEmpty());
    assertTrue(
        DecisionToken.decode(
                new DecisionToken("k".repeat(129), "a", 0.5, new double[0], 1L, 1L, 1L).encode())
            .isEmpty());
    // the largest id Select can make still fits
    DecisionToken largest =
        new DecisionToken(
            "k".repeat(128),
            "a".repeat(64),
            0.5,
            new double[DecisionToken.MAX_CONTEXT],
            1L,
            1L,
            1L);
    assertTrue(largest.encode().length() <= DecisionToken.MAX_ID_LENGTH);
    assertTrue(DecisionToken.decode(largest.encode()).isPresent());
  }

  @Test
  void aLengthPrefixLargerThanTheIdIsRejected() {
    byte[] raw = Base64.getUrlDecoder().decode(token.encode());
    raw[1] = (byte) 0xff; // key length high byte: 65,280+ bytes declared, a few present
    raw[2] = (byte) 0xff;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(raw, 0, raw.length - 4);
    int c = (int) crc.getValue();
    raw[raw.length - 4] = (byte) (c >>> 24);
    raw[raw.length - 3] = (byte) (c >>> 16);
    raw[raw.length - 2] = (byte) (c >>> 8);
    raw[raw.length - 1] = (byte) c;
    assertTrue(
        DecisionToken.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))
            .isEmpty());
  }
}
