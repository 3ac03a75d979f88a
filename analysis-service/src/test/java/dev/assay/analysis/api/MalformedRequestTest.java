package dev.assay.analysis.api;

import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MalformedBytes;
import dev.assay.runtime.testing.MalformedBytes.RawRequest;
import dev.assay.runtime.testing.MalformedRequests;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.MethodDescriptor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Bytes that are not a valid request are INVALID_ARGUMENT on every analysis RPC. */
class MalformedRequestTest {
  private static final List<MethodDescriptor<?, ?>> METHODS =
      RawCalls.methods(AnalysisApi.services());
  private static InProcessGrpc grpc;

  @BeforeContainer
  static void start() {
    grpc = InProcessGrpc.start("analysis", AnalysisApi.services());
    MalformedRequests.warmUp(grpc.channel(), METHODS);
  }

  @AfterContainer
  static void stop() {
    grpc.close();
  }

  @Example
  void everyMethodAnswersGarbageWithInvalidArgument() {
    MalformedRequests.assertEveryMethodRejectsGarbage(grpc.channel(), METHODS);
  }

  @Property(tries = 500, seed = "20261202")
  void malformedRequestsAreInvalidArgument(@ForAll("requests") RawRequest request) {
    MalformedRequests.assertRejected(grpc.channel(), request);
  }

  @Provide
  Arbitrary<RawRequest> requests() {
    return MalformedBytes.forMethods(METHODS);
  }
}
