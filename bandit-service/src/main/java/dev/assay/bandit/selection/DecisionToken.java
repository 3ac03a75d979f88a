package dev.assay.bandit.selection;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A decision, self-contained in its id: bandit key, arm, propensity, context, expiry and a random
 * nonce (the idempotency marker). Because the id carries everything a reward needs, selection
 * writes nothing to the store and never waits on Redis. The id is URL-safe base64 of a versioned
 * binary layout with a CRC-32C; it is integrity-checked, not authenticated.
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier: never compared, array never mutated
public record DecisionToken(
    String banditKey,
    String armId,
    double propensity,
    double[] context,
    long expiresAtMillis,
    long nonceHigh,
    long nonceLow) {

  private static final byte VERSION = 1;

  /** Longest bandit key and arm id in an id, in UTF-8 bytes (the definition rules allow fewer). */
  private static final int MAX_KEY_BYTES = 128;

  private static final int MAX_ARM_BYTES = 64;

  /** Most context features an id carries: the largest LinUCB dimension. */
  public static final int MAX_CONTEXT = 64;

  /**
   * Longest decision id, in characters: the base64 of the largest layout (key and arm at their
   * longest, {@link #MAX_CONTEXT} features) is 996 characters. Longer input is rejected before it
   * is decoded, so a forged id never makes decoding allocate more than this.
   */
  public static final int MAX_ID_LENGTH = 1_024;

  /** The idempotency marker of this decision (unique per decision, 22 characters). */
  public String markerId() {
    byte[] nonce = new byte[16];
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (nonceHigh >>> (56 - 8 * i));
      nonce[8 + i] = (byte) (nonceLow >>> (56 - 8 * i));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
  }

  /** The decision id handed to the caller. */
  public String encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 8 * context.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, banditKey);
      writeString(out, armId);
      out.writeDouble(propensity);
      out.writeLong(expiresAtMillis);
      out.writeLong(nonceHigh);
      out.writeLong(nonceLow);
      out.writeShort(context.length);
      for (double x : context) {
        out.writeDouble(x);
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream failed", e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  /**
   * Parses a decision id; empty if it is longer than {@link #MAX_ID_LENGTH}, malformed, fails its
   * checksum or declares a key, arm or context longer than the bounds above. Every length read from
   * the id is checked against the bytes that remain before anything is allocated for it.
   */
  public static Optional<DecisionToken> decode(String id) {
    if (id.length() > MAX_ID_LENGTH) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length < 5) {
      return Optional.empty();
    }
    CRC32C crc = new CRC32C();
    crc.update(raw, 0, raw.length - 4);
    int stored =
        ((raw[raw.length - 4] & 0xff) << 24)
            | ((raw[raw.length - 3] & 0xff) << 16)
            | ((raw[raw.length - 2] & 0xff) << 8)
            | (raw[raw.length - 1] & 0xff);
    if ((int) crc.getValue() != stored || raw[0] != VERSION) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new java.io.ByteArrayInputStream(raw, 1, raw.length - 5))) {
      String bandit = readString(in, MAX_KEY_BYTES);
      String arm = readString(in, MAX_ARM_BYTES);
      double propensity = in.readDouble();
      long expires = in.readLong();
      long high = in.readLong();
      long low = in.readLong();
      int features = in.readUnsignedShort();
      if (features > MAX_CONTEXT || features * 8 != in.available()) {
        return Optional.empty();
      }
      double[] context = new double[features];
      for (int i = 0; i < context.length; i++) {
        context[i] = in.readDouble();
      }
      return Optional.of(new DecisionToken(bandit, arm, propensity, context, expires, high, low));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in, int maxBytes) throws IOException {
    int length = in.readUnsignedShort();
    if (length > maxBytes || length > in.available()) {
      throw new IOException("string longer than allowed or than the id");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
