package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.CompareModelsRequest;
import dev.assay.analysis.v1.CompareModelsResponse;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc.ModelComparisonServiceBlockingStub;
import dev.assay.analysis.v1.ModelRecords;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model-comparison RPC over an in-process server. */
class ModelComparisonGrpcServiceTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final ModelComparisonServiceBlockingStub stub =
      grpc.stub(ModelComparisonServiceGrpc::newBlockingStub);

  private static ModelRecords records(
      String name, Random random, double noise, double latencyScale) {
    ModelRecords.Builder records = ModelRecords.newBuilder().setName(name);
    for (int i = 0; i < 500; i++) {
      double actual = 10 * random.nextGaussian();
      records
          .addActuals(actual)
          .addPredictions(actual + noise * random.nextGaussian())
          .addLatenciesMs(latencyScale * Math.exp(0.3 * random.nextGaussian()));
    }
    return records.build();
  }

  @Test
  void flagsTheSlowerVariantAndRanksAccuracy() {
    Random random = new Random(4);
    CompareModelsResponse response =
        stub.compareModels(
            CompareModelsRequest.newBuilder()
                .addVariants(records("baseline", random, 3, 20))
                .addVariants(records("slow-but-accurate", random, 1, 30))
                .addVariants(records("same-speed", random, 3, 20))
                .build());
    assertEquals(3, response.getVariantsCount());
    assertTrue(response.getVariants(1).getLatencySignificantlyWorse());
    assertFalse(response.getVariants(0).getLatencySignificantlyWorse());
    assertTrue(response.getVariants(1).getRSquared() > response.getVariants(0).getRSquared());
    assertTrue(
        response.getVariants(1).getLatencyP99Ms() > response.getVariants(1).getLatencyP50Ms());
  }

  @Test
  void namesMismatchedColumnsAndConstantActuals() {
    ModelRecords good = records("baseline", new Random(1), 1, 10);
    assertEquals(
        List.of("variants[1].latencies_ms", "variants[2].actuals"),
        invalidFields(
            () ->
                stub.compareModels(
                    CompareModelsRequest.newBuilder()
                        .addVariants(good)
                        .addVariants(
                            good.toBuilder()
                                .clearLatenciesMs()
                                .addAllLatenciesMs(good.getLatenciesMsList().subList(1, 500)))
                        .addVariants(
                            ModelRecords.newBuilder()
                                .addActuals(1)
                                .addActuals(1)
                                .addPredictions(1)
                                .addPredictions(2)
                                .addLatenciesMs(1)
                                .addLatenciesMs(2))
                        .build())));
  }
}
