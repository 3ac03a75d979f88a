package dev.assay.console.http;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.GetExperimentResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateExperimentResponse;
import dev.assay.bandit.v1.ArmSummary;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.InspectBanditResponse;
import dev.assay.bandit.v1.ListBanditsRequest;
import dev.assay.bandit.v1.ListBanditsResponse;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Small in-process fakes of the services, recording what the console sent them. */
final class FakeServices {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<EvaluateRequest> evaluations = new CopyOnWriteArrayList<>();
  final List<UpdateExperimentRequest> updates = new CopyOnWriteArrayList<>();
  final AtomicInteger getExperimentCalls = new AtomicInteger();
  volatile double pulls = 10;

  /** Records each call's authorization header ("" when none). */
  ServerInterceptor recordAuthorization() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String value = headers.get(AUTHORIZATION);
        authorizations.add(value == null ? "" : value);
        return next.startCall(call, headers);
      }
    };
  }

  List<BindableService> all() {
    return List.of(
        definitions(),
        evaluation(),
        banditAdmin(),
        bandit(),
        new MetricServiceGrpc.MetricServiceImplBase() {});
  }

  private BindableService definitions() {
    return new DefinitionServiceGrpc.DefinitionServiceImplBase() {
      @Override
      public void getExperiment(
          GetExperimentRequest request, StreamObserver<GetExperimentResponse> out) {
        getExperimentCalls.incrementAndGet();
        switch (request.getKey()) {
          case "bad key" -> {
            com.google.rpc.Status status =
                com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE)
                    .setMessage("key: must match [A-Za-z0-9_.-]+")
                    .addDetails(
                        Any.pack(
                            BadRequest.newBuilder()
                                .addFieldViolations(
                                    BadRequest.FieldViolation.newBuilder()
                                        .setField("key")
                                        .setDescription("must match [A-Za-z0-9_.-]+"))
                                .build()))
                    .build();
            out.onError(StatusProto.toStatusRuntimeException(status));
          }
          case "missing" ->
              out.onError(
                  Status.NOT_FOUND.withDescription("no experiment missing").asRuntimeException());
          case "down" ->
              out.onError(Status.UNAVAILABLE.withDescription("redis down").asRuntimeException());
          default -> {
            out.onNext(
                GetExperimentResponse.newBuilder()
                    .setExperiment(Experiment.newBuilder().setKey(request.getKey()).setVersion(3))
                    .build());
            out.onCompleted();
          }
        }
      }

      @Override
      public void updateExperiment(
          UpdateExperimentRequest request, StreamObserver<UpdateExperimentResponse> out) {
        updates.add(request);
        out.onNext(
            UpdateExperimentResponse.newBuilder().setExperiment(request.getExperiment()).build());
        out.onCompleted();
      }
    };
  }

  private BindableService evaluation() {
    return new EvaluationServiceGrpc.EvaluationServiceImplBase() {
      @Override
      public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
        evaluations.add(request);
        out.onNext(EvaluateResponse.getDefaultInstance());
        out.onCompleted();
      }
    };
  }

  private BindableService banditAdmin() {
    return new BanditAdminServiceGrpc.BanditAdminServiceImplBase() {
      @Override
      public void listBandits(ListBanditsRequest request, StreamObserver<ListBanditsResponse> out) {
        out.onNext(
            ListBanditsResponse.newBuilder()
                .addBandits(Bandit.newBuilder().setKey("hero"))
                .build());
        out.onCompleted();
      }
    };
  }

  private BindableService bandit() {
    return new BanditServiceGrpc.BanditServiceImplBase() {
      @Override
      public void inspectBandit(
          InspectBanditRequest request, StreamObserver<InspectBanditResponse> out) {
        out.onNext(
            InspectBanditResponse.newBuilder()
                .setBanditKey(request.getBanditKey())
                .addArms(ArmSummary.newBuilder().setArmId("a").setPulls(pulls))
                .addArms(ArmSummary.newBuilder().setArmId("b").setPulls(2 * pulls))
                .build());
        out.onCompleted();
      }
    };
  }
}
