package dev.assay.analysis.api;

import dev.assay.analysis.monitor.MonitorAction;
import dev.assay.analysis.v1.MonitorActionKind;
import dev.assay.runtime.proto.ProtoTime;

/** Monitor actions → {@code assay.analysis.v1.MonitorAction}. */
public final class MonitorProtos {
  private MonitorProtos() {}

  /** The action as the contract shows it. */
  public static dev.assay.analysis.v1.MonitorAction toProto(MonitorAction action) {
    return dev.assay.analysis.v1.MonitorAction.newBuilder()
        .setId(action.id())
        .setExperimentKey(action.experimentKey())
        .setTime(ProtoTime.timestamp(action.time()))
        .setKind(
            switch (action.kind()) {
              case STOPPED_GUARDRAIL_BREACH ->
                  MonitorActionKind.MONITOR_ACTION_KIND_STOPPED_GUARDRAIL_BREACH;
              case STOPPED_SUCCESS -> MonitorActionKind.MONITOR_ACTION_KIND_STOPPED_SUCCESS;
              case ALERT_SAMPLE_RATIO_MISMATCH ->
                  MonitorActionKind.MONITOR_ACTION_KIND_ALERT_SAMPLE_RATIO_MISMATCH;
            })
        .setReason(action.reason())
        .setRolledOutVariation(action.rolledOutVariation().orElse(""))
        .setApplied(action.isApplied())
        .setError(action.error().orElse(""))
        .build();
  }
}
