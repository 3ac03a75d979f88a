package dev.assay.bandit.decisionkeys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 key for decision ids: its id (written into every id it signs, so a verifier knows
 * which key to check with), its secret, and when it starts signing (empty: eligible from the
 * start). The secret never leaves this class except as a MAC, and {@link #toString} omits it.
 */
public final class DecisionKey {
  /** Shortest secret, in bytes: HMAC-SHA256's output length (RFC 2104 section 3). */
  public static final int MIN_SECRET_BYTES = 32;

  /** Longest secret, in bytes; longer ones add nothing (they are hashed first). */
  public static final int MAX_SECRET_BYTES = 1_024;

  /** Length of the MAC every decision id ends with, in bytes. */
  public static final int MAC_BYTES = 32;

  /** Key ids: 1-32 characters of {@code [A-Za-z0-9._-]}, so one byte each in an id. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private static final String ALGORITHM = "HmacSHA256";

  private final String id;
  private final Optional<Instant> activateAt;
  private final Mac prototype;

  /**
   * A key; {@code secret} is copied.
   *
   * @throws IllegalArgumentException if the id does not match {@link #ID} or the secret is shorter
   *     than {@link #MIN_SECRET_BYTES} or longer than {@link #MAX_SECRET_BYTES} (the message never
   *     shows the secret)
   */
  public DecisionKey(String id, byte[] secret, Optional<Instant> activateAt) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must be 1-32 characters of A-Z a-z 0-9 . _ -");
    }
    if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "secret must be "
              + MIN_SECRET_BYTES
              + " to "
              + MAX_SECRET_BYTES
              + " bytes once decoded, got "
              + secret.length);
    }
    this.id = id;
    this.activateAt = activateAt;
    try {
      this.prototype = Mac.getInstance(ALGORITHM);
      prototype.init(new SecretKeySpec(secret, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides no " + ALGORITHM, e);
    }
  }

  /** The id written into the decision ids this key signs. */
  public String id() {
    return id;
  }

  /** When this key starts signing; empty when it is eligible from the start. */
  public Optional<Instant> activateAt() {
    return activateAt;
  }

  /** HMAC-SHA256 of {@code length} bytes of {@code data} from {@code offset}. */
  public byte[] mac(byte[] data, int offset, int length) {
    Mac mac = freshMac();
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  /** Whether {@code other} has the same secret (compared in constant time, through their MACs). */
  public boolean hasSameSecretAs(DecisionKey other) {
    byte[] probe = {'p', 'r', 'o', 'b', 'e'};
    return MessageDigest.isEqual(mac(probe, 0, probe.length), other.mac(probe, 0, probe.length));
  }

  /** A Mac of its own for the calling thread: {@code Mac} instances are not thread-safe. */
  private Mac freshMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
    }
  }

  @Override
  public String toString() {
    return "DecisionKey[id="
        + id
        + ", activateAt="
        + activateAt.map(Instant::toString).orElse("-")
        + "]";
  }
}
