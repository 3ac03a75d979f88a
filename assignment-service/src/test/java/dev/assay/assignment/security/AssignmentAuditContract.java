package dev.assay.assignment.security;

import static dev.assay.assignment.support.Protos.bool;
import static dev.assay.assignment.support.Protos.running;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.seeding.DefinitionsFile;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.support.TokenStubs;
import dev.assay.assignment.v1.ArchiveExperimentRequest;
import dev.assay.assignment.v1.ArchiveFeatureFlagRequest;
import dev.assay.assignment.v1.BatchSetOverridesRequest;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.DeleteOverrideRequest;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.FlagValueType;
import dev.assay.assignment.v1.Override;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.runtime.audit.AuditEntry;
import dev.assay.runtime.audit.AuditQuery;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TestTokens;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every assignment write is recorded once it succeeded: the caller's token, the method, the
 * resource, before and after as the contract's messages, and the caller's reason; a rejected write
 * records nothing. Runs on each store (and its audit log).
 */
abstract class AssignmentAuditContract {
  private static final String SERVICE = "assay.assignment.v1.";

  protected final Clock clock = MutableClock.atSystemTime();
  private AssignmentStore store;
  private Security security;
  private AssignmentReplica replica;
  private TokenStubs writer;

  /** A new, empty store. */
  protected abstract AssignmentStore newStore();

  /** The security over the same backing as the store (its audit log is what the test reads). */
  protected abstract Security newSecurity(SecuritySettings settings);

  protected void closeStore() {}

  @BeforeEach
  void start() {
    store = newStore();
    security = newSecurity(new SecuritySettings(true, null));
    replica = new AssignmentReplica(store, clock, security);
    writer =
        TokenStubs.of(
            replica.channel(),
            TestTokens.create(security, EnumSet.of(Scope.ADMIN), List.of("a.")),
            "ticket 42");
  }

  @AfterEach
  void stop() {
    replica.close();
    security.close();
    closeStore();
  }

  private List<AuditEntry> entries() {
    List<AuditEntry> all = new ArrayList<>();
    security.audit().log().export(AuditQuery.ALL, all::add);
    return all;
  }

  private AuditEntry onlyEntry() {
    List<AuditEntry> all = entries();
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  private AuditEntry last() {
    List<AuditEntry> all = entries();
    return all.get(all.size() - 1);
  }

  private void assertEntry(AuditEntry entry, String method, String type, String id) {
    assertEquals(writer.actor(), entry.actor());
    assertEquals(SERVICE + method, entry.method());
    assertEquals(type, entry.resourceType());
    assertEquals(id, entry.resourceId());
    assertEquals("ticket 42", entry.reason());
    assertEquals("assignment", entry.service());
  }

  private static <B extends Message.Builder> @Nullable B parse(@Nullable String json, B builder)
      throws IOException {
    if (json == null) {
      return null;
    }
    JsonFormat.parser().merge(json, builder);
    return builder;
  }

  private static CreateExperimentRequest experiment(String key) {
    return CreateExperimentRequest.newBuilder().setExperiment(running(key, 0.5, 0.5)).build();
  }

  private static FeatureFlag.Builder flag(String key) {
    return FeatureFlag.newBuilder()
        .setKey(key)
        .setValueType(FlagValueType.FLAG_VALUE_TYPE_BOOL)
        .setDefaultValue(bool(false));
  }

  @Test
  void experimentWritesRecordBeforeAndAfter() throws IOException {
    writer.definitions().createExperiment(experiment("a.exp"));
    AuditEntry created = onlyEntry();
    assertEntry(created, "DefinitionService/CreateExperiment", "experiment", "a.exp");
    assertNull(created.beforeJson());
    Experiment after = parse(created.afterJson(), Experiment.newBuilder()).build();
    assertEquals("a.exp", after.getKey());
    assertEquals(1, after.getVersion());

    writer
        .definitions()
        .updateExperiment(
            UpdateExperimentRequest.newBuilder()
                .setExperiment(running("a.exp", 0.5, 0.5).setName("renamed"))
                .build());
    AuditEntry updated = last();
    assertEntry(updated, "DefinitionService/UpdateExperiment", "experiment", "a.exp");
    Experiment before = parse(updated.beforeJson(), Experiment.newBuilder()).build();
    assertEquals(1, before.getVersion());
    assertEquals("", before.getName());
    after = parse(updated.afterJson(), Experiment.newBuilder()).build();
    assertEquals(2, after.getVersion());
    assertEquals("renamed", after.getName());

    writer
        .definitions()
        .archiveExperiment(ArchiveExperimentRequest.newBuilder().setKey("a.exp").build());
    AuditEntry archived = last();
    assertEntry(archived, "DefinitionService/ArchiveExperiment", "experiment", "a.exp");
    assertEquals(
        false, parse(archived.beforeJson(), Experiment.newBuilder()).build().getArchived());
    assertTrue(parse(archived.afterJson(), Experiment.newBuilder()).build().getArchived());

    // Archiving again changes nothing, so records nothing.
    writer
        .definitions()
        .archiveExperiment(ArchiveExperimentRequest.newBuilder().setKey("a.exp").build());
    assertEquals(3, entries().size());
  }

  @Test
  void flagWritesRecordBeforeAndAfter() throws IOException {
    writer
        .definitions()
        .createFeatureFlag(CreateFeatureFlagRequest.newBuilder().setFlag(flag("a.flag")).build());
    AuditEntry created = onlyEntry();
    assertEntry(created, "DefinitionService/CreateFeatureFlag", "flag", "a.flag");
    assertNull(created.beforeJson());
    assertEquals(1, parse(created.afterJson(), FeatureFlag.newBuilder()).build().getVersion());

    writer
        .definitions()
        .updateFeatureFlag(
            UpdateFeatureFlagRequest.newBuilder().setFlag(flag("a.flag").setKilled(true)).build());
    AuditEntry updated = last();
    assertEntry(updated, "DefinitionService/UpdateFeatureFlag", "flag", "a.flag");
    assertEquals(false, parse(updated.beforeJson(), FeatureFlag.newBuilder()).build().getKilled());
    FeatureFlag after = parse(updated.afterJson(), FeatureFlag.newBuilder()).build();
    assertTrue(after.getKilled());
    assertEquals(2, after.getVersion());

    writer
        .definitions()
        .archiveFeatureFlag(ArchiveFeatureFlagRequest.newBuilder().setKey("a.flag").build());
    AuditEntry archived = last();
    assertEntry(archived, "DefinitionService/ArchiveFeatureFlag", "flag", "a.flag");
    assertEquals(2, parse(archived.beforeJson(), FeatureFlag.newBuilder()).build().getVersion());
    assertTrue(parse(archived.afterJson(), FeatureFlag.newBuilder()).build().getArchived());
  }

  private static Override.Builder override(String unitId, String variation) {
    return Override.newBuilder()
        .setTarget(OverrideTarget.newBuilder().setExperimentKey("a.exp"))
        .setUnitId(unitId)
        .setVariationKey(variation);
  }

  @Test
  void overrideWritesRecordThePreviousOverride() throws IOException {
    writer.definitions().createExperiment(experiment("a.exp"));
    writer
        .overrides()
        .setOverride(SetOverrideRequest.newBuilder().setOverride(override("u1", "v1")).build());
    AuditEntry first = last();
    assertEntry(first, "OverrideService/SetOverride", "override", "experiment/a.exp/u1");
    assertNull(first.beforeJson());
    assertEquals("v1", parse(first.afterJson(), Override.newBuilder()).getVariationKey());

    writer
        .overrides()
        .setOverride(
            SetOverrideRequest.newBuilder().setOverride(override("u1", "control")).build());
    AuditEntry replaced = last();
    assertEquals("v1", parse(replaced.beforeJson(), Override.newBuilder()).getVariationKey());
    assertEquals("control", parse(replaced.afterJson(), Override.newBuilder()).getVariationKey());

    writer
        .overrides()
        .deleteOverride(
            DeleteOverrideRequest.newBuilder()
                .setTarget(OverrideTarget.newBuilder().setExperimentKey("a.exp"))
                .setUnitId("u1")
                .build());
    AuditEntry deleted = last();
    assertEntry(deleted, "OverrideService/DeleteOverride", "override", "experiment/a.exp/u1");
    assertEquals("control", parse(deleted.beforeJson(), Override.newBuilder()).getVariationKey());
    assertNull(deleted.afterJson());
    assertEquals(4, entries().size());
  }

  @Test
  void aBatchIsOneEntryWithABoundedListOfUnits() throws IOException {
    writer.definitions().createExperiment(experiment("a.exp"));
    writer
        .overrides()
        .setOverride(SetOverrideRequest.newBuilder().setOverride(override("u7", "v1")).build());
    List<String> units = IntStream.range(0, 150).mapToObj(i -> "u" + i).toList();
    writer
        .overrides()
        .batchSetOverrides(
            BatchSetOverridesRequest.newBuilder()
                .setTemplate(override("", "control"))
                .addAllUnitIds(units)
                .build());

    assertEquals(3, entries().size(), "one entry for 150 units");
    AuditEntry batch = last();
    assertEntry(batch, "OverrideService/BatchSetOverrides", "override", "experiment/a.exp/*");
    Struct after = parse(batch.afterJson(), Struct.newBuilder()).build();
    assertEquals(150, after.getFieldsOrThrow("unitCount").getNumberValue());
    assertEquals(100, after.getFieldsOrThrow("unitIds").getListValue().getValuesCount());
    assertEquals(
        "u99", after.getFieldsOrThrow("unitIds").getListValue().getValues(99).getStringValue());
    assertEquals(50, after.getFieldsOrThrow("unitIdsOmitted").getNumberValue());
    assertEquals(
        "control",
        after
            .getFieldsOrThrow("override")
            .getStructValue()
            .getFieldsOrThrow("variationKey")
            .getStringValue());
    Struct before = parse(batch.beforeJson(), Struct.newBuilder()).build();
    assertEquals(1, before.getFieldsOrThrow("replacedCount").getNumberValue());
    assertEquals(
        "v1",
        before
            .getFieldsOrThrow("replaced")
            .getListValue()
            .getValues(0)
            .getStructValue()
            .getFieldsOrThrow("variationKey")
            .getStringValue());
  }

  @Test
  void rejectedWritesRecordNothing() {
    writer.definitions().createExperiment(experiment("a.exp"));
    int before = entries().size();
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        () ->
            writer
                .definitions()
                .createExperiment(
                    CreateExperimentRequest.newBuilder()
                        .setExperiment(running("a.bad", 0.5, 0.5).setCoverage(2))
                        .build()));
    assertStatus(
        Status.Code.ALREADY_EXISTS,
        () -> writer.definitions().createExperiment(experiment("a.exp")));
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            writer
                .definitions()
                .updateExperiment(
                    UpdateExperimentRequest.newBuilder()
                        .setExperiment(running("a.missing", 0.5, 0.5))
                        .build()));
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            writer
                .overrides()
                .deleteOverride(
                    DeleteOverrideRequest.newBuilder()
                        .setTarget(OverrideTarget.newBuilder().setExperimentKey("a.exp"))
                        .setUnitId("nobody")
                        .build()));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        () ->
            writer
                .overrides()
                .setOverride(
                    SetOverrideRequest.newBuilder().setOverride(override("u1", "nope")).build()));
    assertStatus(
        Status.Code.PERMISSION_DENIED,
        () -> writer.definitions().createExperiment(experiment("b.exp")));
    assertStatus(
        Status.Code.PERMISSION_DENIED,
        () ->
            writer
                .definitions()
                .archiveFeatureFlag(ArchiveFeatureFlagRequest.newBuilder().setKey("b.f").build()));
    assertEquals(before, entries().size());
  }

  @Test
  void seedingRecordsTheDefinitionsFileAsTheActor(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("definitions.yaml");
    Files.writeString(
        file,
        """
        experiments:
          - key: seeded-exp
            status: EXPERIMENT_STATUS_RUNNING
            variations:
              - {key: control, weight: 0.5}
              - {key: green, weight: 0.5}
        flags:
          - key: seeded-flag
            valueType: FLAG_VALUE_TYPE_BOOL
            defaultValue: false
        """);
    AssignmentDomain domain =
        AssignmentDomain.wire(store, new ReplicaState(), clock, security.audit());
    domain.seeder().seed(DefinitionsFile.read(file));
    domain.seeder().seed(DefinitionsFile.read(file)); // already present: no new entries

    List<AuditEntry> all = entries();
    assertEquals(2, all.size(), all.toString());
    for (AuditEntry entry : all) {
      assertEquals("system:definitions-file", entry.actor());
      assertNull(entry.beforeJson());
    }
    assertEquals("experiment", all.get(0).resourceType());
    assertEquals("seeded-exp", parse(all.get(0).afterJson(), Experiment.newBuilder()).getKey());
    assertEquals("flag", all.get(1).resourceType());
    assertEquals("seeded-flag", all.get(1).resourceId());
  }
}
