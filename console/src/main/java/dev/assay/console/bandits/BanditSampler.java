package dev.assay.console.bandits;

import dev.assay.bandit.v1.ArmSummary;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.InspectBanditResponse;
import dev.assay.bandit.v1.ListBanditsRequest;
import dev.assay.bandit.v1.ListBanditsResponse;
import dev.assay.console.bridge.Peer;
import dev.assay.console.bridge.RpcBridge;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.log.ThrottledWarning;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples every bandit's pulls through InspectBandit into the {@link AllocationHistory}, once per
 * run. The console schedules a run every sample interval; a failed call skips that bandit's sample.
 */
public final class BanditSampler implements Runnable {
  private static final int PAGE_SIZE = 1_000;
  private static final int MAX_PAGES = 100;

  private final RpcBridge bridge;
  private final AllocationHistory history;
  private final Clock clock;
  private final ThrottledWarning warning;

  /** Samples through the bridge's bandit channel (the console's token), timed by the clock. */
  public BanditSampler(RpcBridge bridge, AllocationHistory history, Clock clock) {
    this.bridge = bridge;
    this.history = history;
    this.clock = clock;
    this.warning = new ThrottledWarning(System::nanoTime, Duration.ofMinutes(1).toMillis());
  }

  @Override
  public void run() {
    try {
      String pageToken = "";
      for (int page = 0; page < MAX_PAGES; page++) {
        ListBanditsResponse list =
            bridge.readMessage(
                BanditAdminServiceGrpc.getListBanditsMethod(),
                Peer.BANDIT,
                ListBanditsRequest.newBuilder()
                    .setPageSize(PAGE_SIZE)
                    .setPageToken(pageToken)
                    .build());
        for (Bandit bandit : list.getBanditsList()) {
          sample(bandit.getKey());
        }
        pageToken = list.getNextPageToken();
        if (pageToken.isEmpty()) {
          break;
        }
      }
    } catch (StatusRuntimeException e) {
      warning.warn(
          "console.bandit_sample_failed",
          "code",
          e.getStatus().getCode().name(),
          "message",
          String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log and keep sampling.
      EventLog.error("console.bandit_sampler_failed", "error", e.toString());
    }
  }

  private void sample(String banditKey) {
    InspectBanditResponse inspected =
        bridge.readMessage(
            BanditServiceGrpc.getInspectBanditMethod(),
            Peer.BANDIT,
            InspectBanditRequest.newBuilder().setBanditKey(banditKey).build());
    Map<String, Double> pulls = new LinkedHashMap<>();
    for (ArmSummary arm : inspected.getArmsList()) {
      pulls.put(arm.getArmId(), arm.getPulls());
    }
    history.record(banditKey, new PullSample(clock.instant(), pulls));
  }
}
