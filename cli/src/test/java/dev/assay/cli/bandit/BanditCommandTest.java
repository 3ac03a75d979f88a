package dev.assay.cli.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.support.RealServices;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code assay bandit list|inspect} against the real bandit service. */
class BanditCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RealServices services = RealServices.shared();
  private final Map<String, String> environment = services.environment();
  private final String key = "cli-bandit-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void listAndInspectShowTheArmsPullsMeansIntervalsAndProbabilityBest() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(services.banditTarget()).usePlaintext().build();
    int pullsA = 0;
    int rewardsA = 0;
    try {
      BanditAdminServiceGrpc.newBlockingStub(channel)
          .createBandit(
              CreateBanditRequest.newBuilder()
                  .setBandit(
                      Bandit.newBuilder()
                          .setKey(key)
                          .setDescription("Hero image")
                          .addArms(Arm.newBuilder().setId("a"))
                          .addArms(Arm.newBuilder().setId("b"))
                          .setPolicy(
                              PolicyConfig.newBuilder()
                                  .setThompsonBernoulli(
                                      ThompsonBernoulli.newBuilder()
                                          .setPriorAlpha(1)
                                          .setPriorBeta(1))))
                  .build());
      BanditServiceGrpc.BanditServiceBlockingStub bandits =
          BanditServiceGrpc.newBlockingStub(channel);
      for (int i = 0; i < 40; i++) {
        SelectResponse selected =
            bandits.select(SelectRequest.newBuilder().setBanditKey(key).setUnitId("u" + i).build());
        // Arm a always pays, b never: a's mean goes to 1 and it becomes the best arm.
        double reward = selected.getArmId().equals("a") ? 1 : 0;
        if (selected.getArmId().equals("a")) {
          pullsA++;
          rewardsA++;
        }
        bandits.recordReward(
            RecordRewardRequest.newBuilder()
                .setBanditKey(key)
                .setDecisionId(selected.getDecisionId())
                .setReward(reward)
                .build());
      }
    } finally {
      channel.shutdownNow();
    }

    CliResult listed = Cli.run(environment, "bandit", "list");
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    String row = listed.out().lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
    assertTrue(row.matches(key + " +thompson_bernoulli +ACTIVE +a,b +1 +Hero image"), row);

    CliResult json = Cli.run(environment, "bandit", "inspect", key, "--output", "json");
    assertEquals(AssayCommand.OK, json.exitCode(), json::toString);
    JsonNode arms = JSON.readTree(json.out()).get("arms");
    assertEquals(pullsA, arms.get(0).get("pulls").asDouble(), 1e-9);
    // Beta(1 + rewards, 1 + failures) posterior mean.
    assertEquals((1.0 + rewardsA) / (2.0 + pullsA), arms.get(0).get("mean").asDouble(), 1e-9);
    assertTrue(arms.get(0).get("probability_best").asDouble() > 0.9, json::out);

    CliResult table = Cli.run(environment, "bandit", "inspect", key);
    List<String> lines = table.out().lines().toList();
    assertEquals("ARM  PULLS", lines.get(0).substring(0, 10));
    assertTrue(
        lines
            .get(1)
            .matches(
                "a +"
                    + pullsA
                    + " +0\\.\\d{4} +\\[0\\.\\d{4}, [01]\\.\\d{4}] +(0\\.9\\d\\d|1\\.000) +no"),
        lines.get(1));

    CliResult missing = Cli.run(environment, "bandit", "inspect", "no-such-" + key);
    assertEquals(AssayCommand.BAD_INPUT, missing.exitCode(), missing::toString);
    assertTrue(missing.err().endsWith("(NOT_FOUND)\n"), missing::err);
  }
}
