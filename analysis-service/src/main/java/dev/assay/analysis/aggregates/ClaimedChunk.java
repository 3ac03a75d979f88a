package dev.assay.analysis.aggregates;

import dev.assay.analysis.outcomes.OutcomeEvent;
import java.util.List;

/**
 * The events one claim script claimed for a request, with, per event, the owners it was taken over
 * from (space-separated; empty for an id claimed fresh). The chunk's index names it in its owner
 * text {@code TOKEN:INDEX}.
 */
record ClaimedChunk(int index, List<OutcomeEvent> events, List<String> earlierOwners) {
  ClaimedChunk {
    events = List.copyOf(events);
    earlierOwners = List.copyOf(earlierOwners);
  }

  /** The chunk's owner text for a request. */
  String owner(String token) {
    return token + ":" + index;
  }
}
