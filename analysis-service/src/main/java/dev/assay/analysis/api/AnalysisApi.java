package dev.assay.analysis.api;

import static dev.assay.analysis.v1.BayesianServiceGrpc.getCompareMeansMethod;
import static dev.assay.analysis.v1.BayesianServiceGrpc.getCompareProportionsMethod;
import static dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc.getAnalyzeExperimentMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getAdjustPValuesMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getCheckSampleRatioMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getChiSquareTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getCupedTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getMannWhitneyTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getProportionIntervalMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getRatioMetricTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getStreamMannWhitneyTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getStreamTTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getTTestMethod;
import static dev.assay.analysis.v1.HypothesisTestServiceGrpc.getTwoProportionTestMethod;
import static dev.assay.analysis.v1.ModelComparisonServiceGrpc.getCompareModelsMethod;
import static dev.assay.analysis.v1.PowerServiceGrpc.getSolveMeanPowerMethod;
import static dev.assay.analysis.v1.PowerServiceGrpc.getSolveProportionPowerMethod;
import static dev.assay.analysis.v1.SequentialTestServiceGrpc.getAnalyzeAlwaysValidMethod;
import static dev.assay.analysis.v1.SequentialTestServiceGrpc.getComputeBoundariesMethod;

import com.google.protobuf.Message;
import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;

/**
 * The analysis service's gRPC API: every RPC of {@code assay.analysis.v1}, bound to the function
 * that answers it. Those functions (in a {@code *Calls} class per family of RPCs) validate the
 * whole request, naming every bad field; translate it to domain types; call the domain; and
 * translate the answer back. What they throw, the server's error mapping turns into a status.
 */
public final class AnalysisApi {
  private AnalysisApi() {}

  /**
   * Every gRPC service of the analysis service, for {@code GrpcServer.Builder.addServices}: the
   * servers {@code main} starts, the tests and the benchmarks all run exactly these.
   */
  public static List<BindableService> services() {
    return services(StreamMemoryBudget.ofHeap());
  }

  /** The services, with the memory budget that client streams share. */
  static List<BindableService> services(StreamMemoryBudget streamMemory) {
    return List.of(
        service(
            HypothesisTestServiceGrpc.getServiceDescriptor(),
            unary(getTTestMethod(), TTestCalls::tTest),
            clientStreaming(getStreamTTestMethod(), StreamedTTest::new),
            unary(getMannWhitneyTestMethod(), MannWhitneyCalls::mannWhitneyTest),
            clientStreaming(
                getStreamMannWhitneyTestMethod(),
                responses -> new StreamedMannWhitney(responses, streamMemory)),
            unary(getTwoProportionTestMethod(), ProportionCalls::twoProportionTest),
            unary(getProportionIntervalMethod(), ProportionCalls::proportionInterval),
            unary(getChiSquareTestMethod(), CountTableCalls::chiSquareTest),
            unary(getCheckSampleRatioMethod(), CountTableCalls::checkSampleRatio),
            unary(getCupedTestMethod(), PairedCalls::cupedTest),
            unary(getRatioMetricTestMethod(), PairedCalls::ratioMetricTest),
            unary(getAdjustPValuesMethod(), MultiplicityCalls::adjustPValues)),
        service(
            PowerServiceGrpc.getServiceDescriptor(),
            unary(getSolveProportionPowerMethod(), PowerCalls::solveProportionPower),
            unary(getSolveMeanPowerMethod(), PowerCalls::solveMeanPower)),
        service(
            BayesianServiceGrpc.getServiceDescriptor(),
            unary(getCompareProportionsMethod(), BayesianCalls::compareProportions),
            unary(getCompareMeansMethod(), BayesianCalls::compareMeans)),
        service(
            SequentialTestServiceGrpc.getServiceDescriptor(),
            unary(getAnalyzeAlwaysValidMethod(), SequentialCalls::analyzeAlwaysValid),
            unary(getComputeBoundariesMethod(), SequentialCalls::computeBoundaries)),
        service(
            ExperimentAnalysisServiceGrpc.getServiceDescriptor(),
            unary(getAnalyzeExperimentMethod(), ExperimentCalls::analyzeExperiment)),
        service(
            ModelComparisonServiceGrpc.getServiceDescriptor(),
            unary(getCompareModelsMethod(), ModelComparisonCalls::compareModels)));
  }

  /** One RPC and the handler that answers it. */
  private record Rpc<Q, R>(MethodDescriptor<Q, R> method, ServerCallHandler<Q, R> handler) {
    void addTo(ServerServiceDefinition.Builder service) {
      service.addMethod(method, handler);
    }
  }

  /** A service binding {@code rpcs}; starting a server fails if one of its RPCs is left out. */
  private static BindableService service(ServiceDescriptor descriptor, Rpc<?, ?>... rpcs) {
    return () -> {
      ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(descriptor);
      for (Rpc<?, ?> rpc : rpcs) {
        rpc.addTo(service);
      }
      return service.build();
    };
  }

  /**
   * A unary RPC answered by {@code answer} through {@link FiniteAnswers}: its result is the
   * response once every number in it is finite; what it throws closes the call with the mapped
   * status.
   */
  private static <Q, R extends Message> Rpc<Q, R> unary(
      MethodDescriptor<Q, R> method, Function<Q, R> answer) {
    String name = method.getBareMethodName();
    return new Rpc<>(
        method,
        ServerCalls.asyncUnaryCall(
            (request, responses) -> {
              responses.onNext(FiniteAnswers.answer(name, () -> answer.apply(request)));
              responses.onCompleted();
            }));
  }

  /** A client-streaming RPC: {@code stream} takes the chunks and answers once they are done. */
  private static <Q, R> Rpc<Q, R> clientStreaming(
      MethodDescriptor<Q, R> method, Function<StreamObserver<R>, StreamObserver<Q>> stream) {
    return new Rpc<>(method, ServerCalls.asyncClientStreamingCall(stream::apply));
  }
}
