package dev.assay.bandit.hostile;

import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.runtime.testing.Gen;
import dev.assay.runtime.testing.Gen.Weighted;
import dev.assay.runtime.testing.Gens;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * How a generated request obtains its decision id: a real one from Select, a real one with one
 * character changed, a forged one (signed with the service's key, hostile contents), random bytes,
 * or arbitrary text. Recipes are generated; ids are made when the request is sent, because real ids
 * and the service's clock exist only then.
 */
sealed interface DecisionIdRecipe {
  /** Recipes of every kind, hostile contents included. */
  static Gen<DecisionIdRecipe> gen() {
    Gen<Integer> index = Gens.ints(0, 1_000);
    Gen<String> keys = HostileRequests.keys();
    Gen<String> armIds = HostileRequests.armIds();
    Gen<Double> propensities =
        Gen.frequency(
            Weighted.of(3, Gen.of(0.5, 1.0, 0.0)), Weighted.of(1, HostileRequests.doubles()));
    Gen<Integer> features = Gen.of(0, 0, 3, 3, 1, 64, 65, 1_000, 20_000);
    Gen<Double> feature = HostileRequests.doubles();
    Gen<Long> expiresIn =
        Gen.of(
            60_000L,
            -1L,
            0L,
            Duration.ofDays(30).toMillis(),
            Duration.ofDays(31).toMillis(),
            Long.MAX_VALUE / 2,
            Long.MIN_VALUE / 2);
    Gen<DecisionIdRecipe> forged =
        random ->
            new Forged(
                keys.next(random),
                armIds.next(random),
                propensities.next(random),
                features.next(random),
                feature.next(random),
                expiresIn.next(random));
    Gen<Character> chars = Gens.ints(0, 0xFFFF).map(c -> (char) c.intValue());
    Gen<DecisionIdRecipe> mutated =
        Gen.combine(index, Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE), chars, Mutated::new);
    return Gen.frequency(
        Weighted.of(4, index.map(Real::new)),
        Weighted.of(2, mutated),
        Weighted.of(4, forged),
        Weighted.of(1, Gens.bytes(0, 1_200).map(RandomBytes::new)),
        Weighted.of(1, HostileRequests.strings(List.of("", "AQ")).map(Text::new)));
  }

  /** The id, given the real ids the suite collected and the service (its time and key). */
  String id(List<String> realIds, InProcessBandit service);

  /** A real id. */
  record Real(int index) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, InProcessBandit service) {
      return realIds.get(Math.floorMod(index, realIds.size()));
    }
  }

  /** A real id with the character at {@code position} replaced. */
  record Mutated(int index, int position, char replacement) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, InProcessBandit service) {
      StringBuilder id = new StringBuilder(new Real(index).id(realIds, service));
      id.setCharAt(Math.floorMod(position, id.length()), replacement);
      return id.toString();
    }
  }

  /**
   * An id with a valid layout, signed with the service's own key, and whatever contents someone
   * holding a leaked key chooses: the contents must still be bounded like any input.
   */
  record Forged(
      String banditKey,
      String armId,
      double propensity,
      int features,
      double feature,
      long expiresInMillis)
      implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, InProcessBandit service) {
      double[] context = new double[features];
      Arrays.fill(context, feature);
      return service.sign(
          new DecisionToken(
              banditKey,
              armId,
              propensity,
              context,
              service.clock().millis() + expiresInMillis,
              7L,
              features));
    }
  }

  /** URL-safe base64 of random bytes. */
  @SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare contents
  record RandomBytes(byte[] bytes) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, InProcessBandit service) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
      return "RandomBytes[" + bytes.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RandomBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /** Any text. */
  record Text(String text) implements DecisionIdRecipe {
    @Override
    public String id(List<String> realIds, InProcessBandit service) {
      return text;
    }

    @Override
    public String toString() {
      return "Text[" + (text.length() > 40 ? text.length() + " characters" : text) + "]";
    }
  }
}
