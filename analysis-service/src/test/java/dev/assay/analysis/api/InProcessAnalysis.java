package dev.assay.analysis.api;

import dev.assay.runtime.testing.InProcessGrpc;
import io.grpc.Channel;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The analysis services exactly as {@code main} builds them ({@link AnalysisApi#services()}),
 * behind the production interceptors on an in-process server that the tests of one class share (the
 * services keep no state). Register it with {@code @RegisterExtension static final
 * InProcessAnalysis grpc = new InProcessAnalysis();} and take stubs from {@link #stub}.
 */
final class InProcessAnalysis implements BeforeAllCallback, AfterAllCallback {
  private InProcessGrpc server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = InProcessGrpc.start("analysis", AnalysisApi.services());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  /** A stub on the server, e.g. {@code grpc.stub(PowerServiceGrpc::newBlockingStub)}. */
  <S> S stub(Function<Channel, S> newStub) {
    return newStub.apply(server.channel());
  }
}
