package dev.assay.analysis.api;

import dev.assay.analysis.v1.AdjustPValuesRequest;
import dev.assay.analysis.v1.AdjustPValuesResponse;
import dev.assay.analysis.v1.CheckSampleRatioRequest;
import dev.assay.analysis.v1.CheckSampleRatioResponse;
import dev.assay.analysis.v1.ChiSquareTestRequest;
import dev.assay.analysis.v1.ChiSquareTestResponse;
import dev.assay.analysis.v1.CupedTestRequest;
import dev.assay.analysis.v1.CupedTestResponse;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.MannWhitneyTestRequest;
import dev.assay.analysis.v1.MannWhitneyTestResponse;
import dev.assay.analysis.v1.ProportionIntervalRequest;
import dev.assay.analysis.v1.ProportionIntervalResponse;
import dev.assay.analysis.v1.RatioMetricTestRequest;
import dev.assay.analysis.v1.RatioMetricTestResponse;
import dev.assay.analysis.v1.Sample;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.StreamTTestResponse;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TTestResponse;
import dev.assay.analysis.v1.TwoProportionTestRequest;
import dev.assay.analysis.v1.TwoProportionTestResponse;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;

/**
 * gRPC adapter of {@code assay.analysis.v1.HypothesisTestService}: validates, translates and calls
 * the domain. Unary handlers throw validation errors, which the server's interceptor maps to
 * INVALID_ARGUMENT; streaming handlers report them through the response observer.
 */
public final class HypothesisTestGrpcService
    extends HypothesisTestServiceGrpc.HypothesisTestServiceImplBase {
  @Override
  public void tTest(TTestRequest request, StreamObserver<TTestResponse> responses) {
    responses.onNext(TTestResponse.newBuilder().setResult(TTestCalls.run(request)).build());
    responses.onCompleted();
  }

  @Override
  public StreamObserver<StreamTTestRequest> streamTTest(
      StreamObserver<StreamTTestResponse> responses) {
    return new StreamedTTest(responses);
  }

  @Override
  public void mannWhitneyTest(
      MannWhitneyTestRequest request, StreamObserver<MannWhitneyTestResponse> responses) {
    Sample control = request.getSamples().getControl();
    Sample treatment = request.getSamples().getTreatment();
    Violations violations = new Violations();
    FieldChecks.minimumSize(violations, control.getValuesCount(), 1, "samples.control.values");
    FieldChecks.minimumSize(violations, treatment.getValuesCount(), 1, "samples.treatment.values");
    FieldChecks.finiteValues(violations, control.getValuesList(), "samples.control.values");
    FieldChecks.finiteValues(violations, treatment.getValuesList(), "samples.treatment.values");
    violations.throwIfAny();
    double[] controlValues = FieldChecks.toArray(control.getValuesList());
    double[] treatmentValues = FieldChecks.toArray(treatment.getValuesList());
    responses.onNext(
        MannWhitneyTestResponse.newBuilder()
            .setResult(
                MannWhitneyCalls.test(
                    controlValues,
                    controlValues.length,
                    treatmentValues,
                    treatmentValues.length,
                    request.getOptions(),
                    "samples"))
            .build());
    responses.onCompleted();
  }

  @Override
  public StreamObserver<StreamMannWhitneyTestRequest> streamMannWhitneyTest(
      StreamObserver<StreamMannWhitneyTestResponse> responses) {
    return new StreamedMannWhitney(responses);
  }

  @Override
  public void twoProportionTest(
      TwoProportionTestRequest request, StreamObserver<TwoProportionTestResponse> responses) {
    responses.onNext(ProportionCalls.twoProportionTest(request));
    responses.onCompleted();
  }

  @Override
  public void proportionInterval(
      ProportionIntervalRequest request, StreamObserver<ProportionIntervalResponse> responses) {
    responses.onNext(ProportionCalls.proportionInterval(request));
    responses.onCompleted();
  }

  @Override
  public void chiSquareTest(
      ChiSquareTestRequest request, StreamObserver<ChiSquareTestResponse> responses) {
    responses.onNext(CountTableCalls.chiSquareTest(request));
    responses.onCompleted();
  }

  @Override
  public void checkSampleRatio(
      CheckSampleRatioRequest request, StreamObserver<CheckSampleRatioResponse> responses) {
    responses.onNext(CountTableCalls.checkSampleRatio(request));
    responses.onCompleted();
  }

  @Override
  public void cupedTest(CupedTestRequest request, StreamObserver<CupedTestResponse> responses) {
    responses.onNext(PairedCalls.cupedTest(request));
    responses.onCompleted();
  }

  @Override
  public void ratioMetricTest(
      RatioMetricTestRequest request, StreamObserver<RatioMetricTestResponse> responses) {
    responses.onNext(PairedCalls.ratioMetricTest(request));
    responses.onCompleted();
  }

  @Override
  public void adjustPValues(
      AdjustPValuesRequest request, StreamObserver<AdjustPValuesResponse> responses) {
    responses.onNext(MultiplicityCalls.adjustPValues(request));
    responses.onCompleted();
  }
}
