package dev.assay.bandit.selection;

import dev.assay.bandit.decisionkeys.DecisionKey;
import dev.assay.bandit.decisionkeys.DecisionKeyRing;
import dev.assay.bandit.decisionkeys.DecisionKeys;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs decisions into ids and verifies ids back into decisions. An id is the URL-safe base64
 * (without padding) of
 *
 * <pre>
 *   version (1 byte, 2) | key id length (1 byte, 1-32) | key id (ASCII)
 *   | decision fields ({@link DecisionToken#writeTo}) | HMAC-SHA256 of everything before it (32 bytes)
 * </pre>
 *
 * Verification reads only the version and the key id before the MAC is checked (in constant time);
 * no decision field is read from an id whose MAC does not verify.
 */
public final class DecisionIds {
  /**
   * Longest decision id, in characters: the largest layout (key id, bandit key and arm id at their
   * longest, {@link DecisionToken#MAX_CONTEXT} features) is 808 bytes, 1,078 characters. Longer
   * input is rejected before it is decoded, so no id makes decoding allocate more than this.
   */
  public static final int MAX_ID_LENGTH = 1_100;

  private static final byte VERSION = 2;

  /** Version, key id length, a one-byte key id, and the MAC: nothing shorter can be an id. */
  private static final int MIN_BYTES = 3 + DecisionKey.MAC_BYTES;

  private final DecisionKeys keys;

  /** Ids signed with the current signing key of {@code keys}, verified against all of them. */
  public DecisionIds(DecisionKeys keys) {
    this.keys = keys;
  }

  /** The keys ids are signed and verified with, as they are now. */
  public DecisionKeyRing ring() {
    return keys.ring();
  }

  /** The id of {@code token}, signed with the key that signs now. */
  public String issue(DecisionToken token) {
    return issue(token, keys.signingKey());
  }

  /** The id of {@code token} signed with {@code key} (tests sign with keys of their choosing). */
  public static String issue(DecisionToken token, DecisionKey key) {
    byte[] keyId = key.id().getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(64 + keyId.length + 8 * token.context().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(keyId.length);
      out.write(keyId);
      token.writeTo(out);
      byte[] signed = bytes.toByteArray();
      out.write(key.mac(signed, 0, signed.length));
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream failed", e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  /**
   * The decision in {@code id} if {@code ring} holds the key it names and its MAC verifies; empty
   * if it is longer than {@link #MAX_ID_LENGTH}, not base64, not laid out as above, names an
   * unknown key, fails its MAC, or carries fields longer than {@link DecisionToken}'s bounds.
   */
  public static Optional<SignedDecision> open(String id, DecisionKeyRing ring) {
    if (id.length() > MAX_ID_LENGTH) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length < MIN_BYTES || raw[0] != VERSION) {
      return Optional.empty();
    }
    int keyIdLength = raw[1] & 0xff;
    int fieldsStart = 2 + keyIdLength;
    int macStart = raw.length - DecisionKey.MAC_BYTES;
    if (keyIdLength == 0 || keyIdLength > 32 || fieldsStart > macStart) {
      return Optional.empty();
    }
    String keyId = new String(raw, 2, keyIdLength, StandardCharsets.US_ASCII);
    Optional<DecisionKey> key = ring.find(keyId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] expected = key.get().mac(raw, 0, macStart);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, macStart, raw.length))) {
      return Optional.empty();
    }
    return DecisionToken.readFrom(raw, fieldsStart, macStart - fieldsStart)
        .map(token -> new SignedDecision(token, keyId));
  }
}
