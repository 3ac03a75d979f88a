package dev.assay.bandit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Durations;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.EpsilonGreedy;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sticky selection: a unit keeps its first arm for the bandit's sticky duration. */
class StickySelectionApiTest {
  private InProcessBandit service;

  @BeforeEach
  void start() {
    service = new InProcessBandit(new InMemoryBanditStore(100), Duration.ofMillis(20));
    // epsilon 1: every fresh choice is uniform over four arms, so only stickiness keeps a unit's
    // arm
    Bandit.Builder b =
        Bandit.newBuilder()
            .setKey("sticky")
            .setStickyDuration(Durations.fromSeconds(600))
            .setPolicy(
                PolicyConfig.newBuilder()
                    .setEpsilonGreedy(EpsilonGreedy.newBuilder().setEpsilon(1)));
    for (String arm : new String[] {"a", "b", "c", "d"}) {
      b.addArms(Arm.newBuilder().setId(arm));
    }
    service.admin().createBandit(CreateBanditRequest.newBuilder().setBandit(b).build());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private SelectResponse select(String unit) {
    return service
        .bandits()
        .select(SelectRequest.newBuilder().setBanditKey("sticky").setUnitId(unit).build());
  }

  @Test
  void aUnitKeepsItsFirstArmWithItsOriginalPropensity() {
    SelectResponse first = select("user-1");
    assertFalse(first.getSticky());
    for (int i = 0; i < 30; i++) {
      SelectResponse again = select("user-1");
      assertTrue(again.getSticky());
      assertEquals(first.getArmId(), again.getArmId());
      assertEquals(first.getPropensity(), again.getPropensity());
      assertFalse(
          first.getDecisionId().equals(again.getDecisionId()),
          "every selection is its own decision");
    }
  }

  @Test
  void requestsWithoutAUnitAndExpiredAssignmentsChooseAfresh() {
    Set<String> anonymous = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      SelectResponse s = select("");
      assertFalse(s.getSticky());
      anonymous.add(s.getArmId());
    }
    assertEquals(4, anonymous.size());
    select("user-2");
    service.clock().advance(Duration.ofSeconds(601));
    assertFalse(select("user-2").getSticky());
    assertTrue(select("user-2").getSticky());
  }
}
