package dev.assay.bandit.inspection;

import java.util.List;

/** Every arm's summary and the Monte Carlo draws behind probability-of-best (0 if not computed). */
public record Inspection(String banditKey, List<ArmSummary> arms, int probabilityBestDraws) {}
