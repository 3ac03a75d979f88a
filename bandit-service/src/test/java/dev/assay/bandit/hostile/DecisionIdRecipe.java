package dev.assay.bandit.hostile;

import dev.assay.bandit.selection.DecisionToken;
import java.util.Base64;
import java.util.List;

/**
 * How a generated request obtains its decision id: a real one from Select, a real one with one
 * character changed, a forged one (valid layout and checksum, hostile contents), random bytes, or
 * arbitrary text. Recipes are generated; ids are made when the request is sent, because real ids
 * and the service's clock exist only then.
 */
sealed interface DecisionIdRecipe {
  /** The id, given the real ids the suite collected and the service's time. */
  String id(List<String> realIds, long nowMillis);

  /** A real id. */
  record Real(int index) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, long nowMillis) {
      return realIds.get(Math.floorMod(index, realIds.size()));
    }
  }

  /** A real id with the character at {@code position} replaced. */
  record Mutated(int index, int position, char replacement) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, long nowMillis) {
      StringBuilder id = new StringBuilder(new Real(index).id(realIds, nowMillis));
      id.setCharAt(Math.floorMod(position, id.length()), replacement);
      return id.toString();
    }
  }

  /** An id with a valid layout and checksum and whatever contents a forger chooses. */
  record Forged(
      String banditKey,
      String armId,
      double propensity,
      int features,
      double feature,
      long expiresInMillis)
      implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, long nowMillis) {
      double[] context = new double[features];
      java.util.Arrays.fill(context, feature);
      return new DecisionToken(
              banditKey, armId, propensity, context, nowMillis + expiresInMillis, 7L, features)
          .encode();
    }
  }

  /** URL-safe base64 of random bytes. */
  @SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare contents
  record RandomBytes(byte[] bytes) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, long nowMillis) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
      return "RandomBytes[" + bytes.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RandomBytes other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }
  }

  /** Any text. */
  record Text(String text) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, long nowMillis) {
      return text;
    }

    @Override
    public String toString() {
      return "Text[" + (text.length() > 40 ? text.length() + " characters" : text) + "]";
    }
  }
}
