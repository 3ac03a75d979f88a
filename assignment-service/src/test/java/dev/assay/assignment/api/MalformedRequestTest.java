package dev.assay.assignment.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.support.Protos;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.runtime.testing.Cases;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MalformedBytes;
import dev.assay.runtime.testing.MalformedRequests;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not a valid request are INVALID_ARGUMENT on every assignment RPC, and what an
 * error echoes stays small.
 */
class MalformedRequestTest {
  private static List<MethodDescriptor<?, ?>> methods = List.of();
  private static InProcessGrpc grpc;

  @BeforeAll
  static void start() {
    AssignmentDomain domain =
        AssignmentDomain.wire(
            new InMemoryAssignmentStore(), new ReplicaState(), MutableClock.atSystemTime());
    methods = RawCalls.methods(domain.services());
    grpc = InProcessGrpc.start("assignment", domain.services());
    MalformedRequests.warmUp(grpc.channel(), methods);
  }

  @AfterAll
  static void stop() {
    grpc.close();
  }

  @Test
  void everyMethodAnswersGarbageWithInvalidArgument() {
    MalformedRequests.assertEveryMethodRejectsGarbage(grpc.channel(), methods);
  }

  @Test
  void aFortyThousandCharacterUpdateMaskPathGetsASmallTrailer() {
    DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions =
        DefinitionServiceGrpc.newBlockingStub(grpc.channel());
    definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(Protos.running("e", 0.5, 0.5)).build());

    StatusRuntimeException error =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                definitions.updateExperiment(
                    UpdateExperimentRequest.newBuilder()
                        .setExperiment(Protos.running("e", 0.5, 0.5))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("a".repeat(40_000)))
                        .build()));

    assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode(), error.toString());
    int bytes = GrpcAssertions.trailerBytes(error);
    assertTrue(bytes < 2_000, "trailer of " + bytes + " bytes");
  }

  @Test
  void malformedRequestsAreInvalidArgument() {
    Cases.forAll(
        "malformed requests",
        20261202L,
        500,
        MalformedBytes.forMethods(methods),
        request -> MalformedRequests.assertRejected(grpc.channel(), request));
  }
}
