package dev.assay.bandit.offpolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three estimators over logged decisions, given the target policy's probabilities {@code
 * target[i][a]} over {@code arms} for each decision i: IPS (Horvitz and Thompson 1952),
 * self-normalized IPS (Swaminathan and Joachims 2015, eq. 3; interval by the delta method) and
 * doubly robust (Dudik, Langford and Li 2011, eq. 3) with a per-arm mean reward model fitted on the
 * same log.
 */
final class OffPolicyEstimators {
  private OffPolicyEstimators() {}

  /** Evaluates; {@code skipped} is passed through to the result. Needs at least two decisions. */
  static Evaluation evaluate(
      List<LoggedDecision> log, List<String> arms, double[][] target, int skipped) {
    int n = log.size();
    int[] armOf = armIndices(log, arms);
    double[] sums = new double[arms.size()];
    double[] counts = new double[arms.size()];
    double total = 0;
    for (int i = 0; i < n; i++) {
      LoggedDecision d = log.get(i);
      int a = armOf[i];
      sums[a] += d.reward();
      counts[a]++;
      total += d.reward();
    }
    double overall = total / n;
    double[] model = new double[arms.size()];
    for (int a = 0; a < model.length; a++) {
      model[a] = counts[a] > 0 ? sums[a] / counts[a] : overall;
    }
    double[] ips = new double[n];
    double[] dr = new double[n];
    double[] weights = new double[n];
    double weightSum = 0;
    double weightedRewards = 0;
    for (int i = 0; i < n; i++) {
      LoggedDecision d = log.get(i);
      int a = armOf[i];
      double w = target[i][a] / d.propensity();
      weights[i] = w;
      weightSum += w;
      weightedRewards += w * d.reward();
      ips[i] = w * d.reward();
      double direct = 0;
      for (int b = 0; b < arms.size(); b++) {
        direct += target[i][b] * model[b];
      }
      dr[i] = direct + w * (d.reward() - model[a]);
    }
    Optional<Estimate> snips = Optional.empty();
    if (weightSum > 0) {
      double v = weightedRewards / weightSum;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double t = weights[i] * (log.get(i).reward() - v);
        ss += t * t;
      }
      snips = Optional.of(Estimate.of(v, Math.sqrt(ss) / weightSum));
    }
    return new Evaluation(n, skipped, Estimate.meanOf(ips), snips, Estimate.meanOf(dr), overall);
  }

  /** The position in {@code arms} of each decision's arm. */
  private static int[] armIndices(List<LoggedDecision> log, List<String> arms) {
    Map<String, Integer> index = new HashMap<>();
    for (int a = 0; a < arms.size(); a++) {
      index.put(arms.get(a), a);
    }
    int[] out = new int[log.size()];
    for (int i = 0; i < out.length; i++) {
      Integer a = index.get(log.get(i).armId());
      if (a == null) {
        throw new IllegalArgumentException(
            "arm '" + log.get(i).armId() + "' is not among the candidate arms");
      }
      out[i] = a;
    }
    return out;
  }
}
