package dev.assay.bandit.testing;

import com.google.protobuf.util.Durations;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.EpsilonGreedy;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.bandit.v1.ThompsonGaussian;

/** Bandits as API requests carry them, for tests through gRPC. */
public final class ProtoBandits {
  private ProtoBandits() {}

  /** A bandit with the given policy and active arms. */
  public static Bandit.Builder bandit(String key, PolicyConfig policy, String... arms) {
    Bandit.Builder b = Bandit.newBuilder().setKey(key).setPolicy(policy);
    for (String arm : arms) {
      b.addArms(Arm.newBuilder().setId(arm));
    }
    return b;
  }

  /** Thompson sampling on Bernoulli rewards with the default Beta(1, 1) prior. */
  public static PolicyConfig thompsonBernoulli() {
    return PolicyConfig.newBuilder()
        .setThompsonBernoulli(ThompsonBernoulli.getDefaultInstance())
        .build();
  }

  /** Thompson sampling on Normal rewards with the default Normal-Gamma prior. */
  public static PolicyConfig thompsonGaussian() {
    return PolicyConfig.newBuilder()
        .setThompsonGaussian(ThompsonGaussian.getDefaultInstance())
        .build();
  }

  /**
   * Bandit {@code key} over arms a, b, c and d, sticky for 600 s, with epsilon-greedy at epsilon 1:
   * every fresh choice is uniform over the four arms, so only stickiness keeps a unit's arm.
   */
  public static Bandit.Builder uniformSticky(String key) {
    return bandit(
            key,
            PolicyConfig.newBuilder()
                .setEpsilonGreedy(EpsilonGreedy.newBuilder().setEpsilon(1))
                .build(),
            "a",
            "b",
            "c",
            "d")
        .setStickyDuration(Durations.fromSeconds(600));
  }
}
