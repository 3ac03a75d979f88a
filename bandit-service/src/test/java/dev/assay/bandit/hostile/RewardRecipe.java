package dev.assay.bandit.hostile;

import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.runtime.testing.Gen;
import dev.assay.runtime.testing.Gen.Weighted;
import java.util.Collections;
import java.util.List;

/**
 * One generated reward of RecordRewards or StreamRewards: how to obtain its decision id, and the
 * reward. Like {@link DecisionIdRecipe}, it becomes a {@link RewardEntry} only when sent.
 */
record RewardRecipe(DecisionIdRecipe id, double reward) {
  /** Hostile ids with hostile rewards. */
  static Gen<RewardRecipe> gen() {
    return Gen.combine(DecisionIdRecipe.gen(), HostileRequests.doubles(), RewardRecipe::new);
  }

  /** Batches: up to six rewards, or one more than a batch may carry. */
  static Gen<List<RewardRecipe>> batches() {
    // short ids: the count is what is tested, not the transport of a 1 MB batch
    List<RewardRecipe> tooMany =
        Collections.nCopies(10_001, new RewardRecipe(new DecisionIdRecipe.Text("x"), 1.0));
    return Gen.frequency(Weighted.of(8, gen().list(0, 6)), Weighted.of(1, Gen.constant(tooMany)));
  }

  /** Streams: up to four messages of up to three rewards each. */
  static Gen<List<List<RewardRecipe>>> streams() {
    return gen().list(0, 3).list(0, 4);
  }

  /** The entries of {@code recipes}, given the real ids the suite collected and the service. */
  static List<RewardEntry> entries(
      List<RewardRecipe> recipes, List<String> realIds, InProcessBandit service) {
    return recipes.stream()
        .map(
            r ->
                RewardEntry.newBuilder()
                    .setDecisionId(r.id().id(realIds, service))
                    .setReward(r.reward())
                    .build())
        .toList();
  }
}
