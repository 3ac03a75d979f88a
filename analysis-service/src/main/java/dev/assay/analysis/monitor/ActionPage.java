package dev.assay.analysis.monitor;

import java.util.List;
import java.util.Optional;

/**
 * One page of monitor actions, newest first.
 *
 * @param actions the page
 * @param nextPageToken where the next page starts; empty on the last
 */
public record ActionPage(List<MonitorAction> actions, Optional<String> nextPageToken) {
  /** Copies the list. */
  public ActionPage {
    actions = List.copyOf(actions);
  }
}
