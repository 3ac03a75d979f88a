package dev.assay.bandit.selection;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A decision, self-contained in its id: bandit key, arm, propensity, context, expiry and a random
 * nonce (the idempotency marker). Because the id carries everything a reward needs, selection
 * writes nothing to the store and never waits on Redis. {@link DecisionIds} turns it into the
 * signed id the caller gets, and back.
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

  /** Longest bandit key and arm id in an id, in UTF-8 bytes (the definition rules allow fewer). */
  private static final int MAX_KEY_BYTES = 128;

  private static final int MAX_ARM_BYTES = 64;

  /** Most context features an id carries: the largest LinUCB dimension. */
  public static final int MAX_CONTEXT = 64;

  /** The idempotency marker of this decision (unique per decision, 22 characters). */
  public String markerId() {
    byte[] nonce = new byte[16];
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (nonceHigh >>> (56 - 8 * i));
      nonce[8 + i] = (byte) (nonceLow >>> (56 - 8 * i));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
  }

  /**
   * Writes the decision's fields: bandit key and arm id (each a 2-byte length and UTF-8), then
   * propensity, expiry and the two nonce halves (8 bytes each, big-endian), then the number of
   * context features (2 bytes) and the features (8 bytes each). At most 742 bytes.
   */
  void writeTo(DataOutputStream out) throws IOException {
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
  }

  /**
   * Reads the fields {@link #writeTo} wrote as exactly {@code length} bytes of {@code raw} from
   * {@code offset}; empty if they are not such fields or declare a key, arm or context longer than
   * the bounds above. Every length read is checked against the bytes that remain before anything is
   * allocated for it.
   */
  static Optional<DecisionToken> readFrom(byte[] raw, int offset, int length) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw, offset, length))) {
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
