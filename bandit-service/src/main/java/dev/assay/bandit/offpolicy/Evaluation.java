package dev.assay.bandit.offpolicy;

import java.util.Optional;

/**
 * Results of one off-policy evaluation. Self-normalized IPS is empty when the target policy gives
 * zero probability to every logged action (its denominator is zero). {@code skipped} counts log
 * entries without a usable propensity (a Monte Carlo estimate of 0).
 */
public record Evaluation(
    int decisions,
    int skipped,
    Estimate ips,
    Optional<Estimate> selfNormalizedIps,
    Estimate doublyRobust,
    double loggedMeanReward) {}
