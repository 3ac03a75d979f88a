package dev.assay.analysis.api;

import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.SolveMeanPowerRequest;
import dev.assay.analysis.v1.SolveMeanPowerResponse;
import dev.assay.analysis.v1.SolveProportionPowerRequest;
import dev.assay.analysis.v1.SolveProportionPowerResponse;
import io.grpc.stub.StreamObserver;

/** gRPC adapter of {@code assay.analysis.v1.PowerService}. */
public final class PowerGrpcService extends PowerServiceGrpc.PowerServiceImplBase {
  @Override
  public void solveProportionPower(
      SolveProportionPowerRequest request, StreamObserver<SolveProportionPowerResponse> responses) {
    responses.onNext(PowerCalls.solveProportionPower(request));
    responses.onCompleted();
  }

  @Override
  public void solveMeanPower(
      SolveMeanPowerRequest request, StreamObserver<SolveMeanPowerResponse> responses) {
    responses.onNext(PowerCalls.solveMeanPower(request));
    responses.onCompleted();
  }
}
