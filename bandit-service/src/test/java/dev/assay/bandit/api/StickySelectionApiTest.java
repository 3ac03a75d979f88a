package dev.assay.bandit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.testing.ProtoBandits;
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
    service.create(ProtoBandits.uniformSticky("sticky"));
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
