package dev.assay.analysis.monitor;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The monitor's record in memory (the embedded default: one replica), the newest {@value
 * #MAX_ACTIONS} actions.
 */
public final class InMemoryMonitorActionStore implements MonitorActionStore {
  /** Actions kept; older ones are dropped. */
  public static final int MAX_ACTIONS = 100_000;

  private final Deque<MonitorAction> actions = new ArrayDeque<>();
  private final Set<String> openAlerts = new HashSet<>();
  private long lastId;

  @Override
  public synchronized MonitorAction record(
      String experimentKey,
      Instant time,
      MonitorActionKind kind,
      String reason,
      Optional<String> rolledOutVariation,
      boolean isApplied,
      Optional<String> error) {
    MonitorAction action =
        new MonitorAction(
            Long.toString(++lastId),
            experimentKey,
            time,
            kind,
            reason,
            rolledOutVariation,
            isApplied,
            error);
    actions.addFirst(action);
    if (actions.size() > MAX_ACTIONS) {
      actions.removeLast();
    }
    return action;
  }

  @Override
  public synchronized ActionPage list(
      Optional<String> experimentKey, int pageSize, Optional<Long> pageToken) {
    List<MonitorAction> page = new ArrayList<>();
    Iterator<MonitorAction> newestFirst = actions.iterator();
    while (newestFirst.hasNext()) {
      MonitorAction action = newestFirst.next();
      if (pageToken.isPresent() && Long.parseLong(action.id()) >= pageToken.get()) {
        continue;
      }
      if (experimentKey.isPresent() && !experimentKey.get().equals(action.experimentKey())) {
        continue;
      }
      if (page.size() == pageSize) {
        return new ActionPage(page, Optional.of(page.get(page.size() - 1).id()));
      }
      page.add(action);
    }
    return new ActionPage(page, Optional.empty());
  }

  @Override
  public synchronized Optional<MonitorAction> latest(String experimentKey) {
    for (MonitorAction action : actions) {
      if (action.experimentKey().equals(experimentKey)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized boolean openSampleRatioAlert(String experimentKey) {
    return openAlerts.add(experimentKey);
  }

  @Override
  public synchronized void closeSampleRatioAlert(String experimentKey) {
    openAlerts.remove(experimentKey);
  }
}
