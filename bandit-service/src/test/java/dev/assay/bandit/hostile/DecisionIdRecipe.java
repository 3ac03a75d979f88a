package dev.assay.bandit.hostile;

import dev.assay.bandit.selection.DecisionToken;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * How a generated request obtains its decision id: a real one from Select, a real one with one
 * character changed, a forged one (valid layout and checksum, hostile contents), random bytes, or
 * arbitrary text. Recipes are generated; ids are made when the request is sent, because real ids
 * and the service's clock exist only then.
 */
sealed interface DecisionIdRecipe {
  /** Recipes of every kind, hostile contents included. */
  static Arbitrary<DecisionIdRecipe> arbitrary() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 1_000);
    Arbitrary<DecisionIdRecipe> forged =
        Combinators.combine(
                HostileRequests.keys(),
                HostileRequests.armIds(),
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.of(0.5, 1.0, 0.0)),
                    Tuple.of(1, HostileRequests.doubles())),
                Arbitraries.of(0, 0, 3, 3, 1, 64, 65, 1_000, 20_000),
                HostileRequests.doubles(),
                Arbitraries.of(
                    60_000L,
                    -1L,
                    0L,
                    java.time.Duration.ofDays(30).toMillis(),
                    java.time.Duration.ofDays(31).toMillis(),
                    Long.MAX_VALUE / 2,
                    Long.MIN_VALUE / 2))
            .as(DecisionIdRecipe.Forged::new);
    return Arbitraries.frequencyOf(
        Tuple.of(4, index.map(DecisionIdRecipe.Real::new)),
        Tuple.of(
            2,
            Combinators.combine(index, Arbitraries.integers(), Arbitraries.chars())
                .as(DecisionIdRecipe.Mutated::new)),
        Tuple.of(4, forged),
        Tuple.of(
            1,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(1_200)
                .map(DecisionIdRecipe.RandomBytes::new)),
        Tuple.of(1, HostileRequests.strings(List.of("", "AQ")).map(DecisionIdRecipe.Text::new)));
  }

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
