package dev.assay.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bearer value of an Assay token, {@code ast_<id>_<secret>}: a public 16-hex-character id to
 * find the token without a scan, and 32 random bytes (URL-safe base64) that only the holder knows.
 * Only the SHA-256 of the whole value is stored: the secret is random, so a slow password hash
 * would add nothing.
 *
 * @param id the public id
 * @param value the whole bearer value
 */
public record BearerToken(String id, String value) {
  private static final String PREFIX = "ast_";
  private static final int ID_CHARS = 16;
  private static final int SECRET_BYTES = 32;
  private static final int SECRET_CHARS = 43;
  private static final HexFormat HEX = HexFormat.of();

  /** A new random token. */
  public static BearerToken generate(SecureRandom random) {
    byte[] id = new byte[ID_CHARS / 2];
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(id);
    random.nextBytes(secret);
    String idHex = HEX.formatHex(id);
    return new BearerToken(
        idHex,
        PREFIX + idHex + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The token in {@code value}, if it has the shape of one (says nothing about validity). */
  public static Optional<BearerToken> parse(String value) {
    if (value.length() != PREFIX.length() + ID_CHARS + 1 + SECRET_CHARS
        || !value.startsWith(PREFIX)
        || value.charAt(PREFIX.length() + ID_CHARS) != '_') {
      return Optional.empty();
    }
    String id = value.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
    if (!isLowerHex(id)) {
      return Optional.empty();
    }
    return Optional.of(new BearerToken(id, value));
  }

  /** Whether {@code id} has the shape of a token id. */
  public static boolean isTokenId(String id) {
    return id.length() == ID_CHARS && isLowerHex(id);
  }

  /** The SHA-256 of the whole value in lowercase hex, as stored. */
  public String sha256Hex() {
    return sha256Hex(value);
  }

  static String sha256Hex(String text) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static boolean isLowerHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Never the secret: tokens end up in exception messages and debuggers. */
  @Override
  public String toString() {
    return "BearerToken[id=" + id + "]";
  }
}
