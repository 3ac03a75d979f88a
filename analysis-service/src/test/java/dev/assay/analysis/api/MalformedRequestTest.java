package dev.assay.analysis.api;

import dev.assay.runtime.testing.Cases;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MalformedBytes;
import dev.assay.runtime.testing.MalformedRequests;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.MethodDescriptor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bytes that are not a valid request are INVALID_ARGUMENT on every analysis RPC. */
class MalformedRequestTest {
  private static final List<MethodDescriptor<?, ?>> METHODS =
      RawCalls.methods(AnalysisApi.services());
  private static InProcessGrpc grpc;

  @BeforeAll
  static void start() {
    grpc = InProcessGrpc.start("analysis", AnalysisApi.services());
    MalformedRequests.warmUp(grpc.channel(), METHODS);
  }

  @AfterAll
  static void stop() {
    grpc.close();
  }

  @Test
  void everyMethodAnswersGarbageWithInvalidArgument() {
    MalformedRequests.assertEveryMethodRejectsGarbage(grpc.channel(), METHODS);
  }

  @Test
  void malformedRequestsAreInvalidArgument() {
    Cases.forAll(
        "malformed requests",
        20261202L,
        500,
        MalformedBytes.forMethods(METHODS),
        request -> MalformedRequests.assertRejected(grpc.channel(), request));
  }
}
