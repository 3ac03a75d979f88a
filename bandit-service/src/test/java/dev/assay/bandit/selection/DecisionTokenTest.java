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
}
