package dev.assay.assignment.evaluation;

import java.util.List;

/** Everything evaluated for one unit: experiments then flags, in request (or key) order. */
public record Evaluation(List<Assignment> assignments, List<FlagResult> flags) {}
