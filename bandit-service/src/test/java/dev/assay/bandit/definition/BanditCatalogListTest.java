package dev.assay.bandit.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.TestBandits;
import dev.assay.runtime.testing.Cases;
import dev.assay.runtime.testing.Gen;
import dev.assay.runtime.testing.Gens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Listing with a visibility filter (a caller's projects): the pages, followed to the end, hold
 * exactly the visible bandits in key order, each page within its size, and no call examines more
 * than its bound.
 */
class BanditCatalogListTest {
  /** A store of {@code count} bandits, those in {@code visible} seen by the filter. */
  private record Scenario(int count, Set<Integer> visible, int pageSize) {}

  private static Gen<Scenario> scenarios() {
    return random -> {
      int count = Gens.ints(0, 80).next(random);
      Set<Integer> visible = new TreeSet<>();
      int share = Gens.ints(0, 4).next(random); // 0: none visible ... 4: all visible
      for (int i = 0; i < count; i++) {
        if (Gens.ints(1, 4).next(random) <= share) {
          visible.add(i);
        }
      }
      return new Scenario(count, visible, Gens.ints(1, 12).next(random));
    };
  }

  private static String key(int i) {
    return String.format("k-%03d", i);
  }

  @Test
  void followingThePagesYieldsExactlyTheVisibleBanditsInOrder() {
    Cases.forAll(
        "filtered pages",
        20261202L,
        200,
        scenarios(),
        s -> {
          InMemoryBanditStore store = new InMemoryBanditStore(10);
          for (int i = 0; i < s.count(); i++) {
            store.create(TestBandits.bernoulli(key(i), "a"));
          }
          BanditCatalog catalog = new BanditCatalog(store, key -> {});
          Set<String> visibleKeys = new TreeSet<>();
          s.visible().forEach(i -> visibleKeys.add(key(i)));
          assertEquals(
              List.copyOf(visibleKeys), followPages(catalog, s.pageSize(), visibleKeys::contains));
        });
  }

  @Test
  void anUnfilteredPageIsFullUnlessItIsTheLast() {
    InMemoryBanditStore store = new InMemoryBanditStore(10);
    for (int i = 0; i < 7; i++) {
      store.create(TestBandits.bernoulli(key(i), "a"));
    }
    BanditCatalog catalog = new BanditCatalog(store, key -> {});
    BanditPage first = catalog.list("", 3);
    assertEquals(3, first.bandits().size());
    assertEquals(key(2), first.resumeAfter());
    BanditPage last = catalog.list(key(5), 3);
    assertEquals(List.of(key(6)), last.bandits().stream().map(BanditDefinition::key).toList());
    assertTrue(!last.hasMore());
  }

  @Test
  void oneCallExaminesAtMostItsBoundAndResumesAfterTheLastBanditExamined() {
    InMemoryBanditStore store = new InMemoryBanditStore(10);
    int hidden = BanditCatalog.MAX_SCANNED_PER_PAGE + 5;
    for (int i = 0; i < hidden; i++) {
      store.create(TestBandits.bernoulli(String.format("hidden-%05d", i), "a"));
    }
    store.create(TestBandits.bernoulli("shown", "a"));
    BanditCatalog catalog = new BanditCatalog(store, key -> {});
    Predicate<String> visible = "shown"::equals;
    BanditPage first = catalog.list("", 10, visible);
    assertEquals(List.of(), first.bandits());
    assertEquals(
        String.format("hidden-%05d", BanditCatalog.MAX_SCANNED_PER_PAGE - 1), first.resumeAfter());
    BanditPage second = catalog.list(first.resumeAfter(), 10, visible);
    assertEquals(List.of("shown"), second.bandits().stream().map(BanditDefinition::key).toList());
    assertTrue(!second.hasMore());
  }

  private static List<String> followPages(
      BanditCatalog catalog, int pageSize, Predicate<String> visible) {
    List<String> keys = new ArrayList<>();
    String after = "";
    for (int calls = 0; calls < 1_000; calls++) {
      BanditPage page = catalog.list(after, pageSize, visible);
      assertTrue(page.bandits().size() <= pageSize, "page within its size");
      page.bandits().forEach(d -> keys.add(d.key()));
      if (!page.hasMore()) {
        return keys;
      }
      after = page.resumeAfter();
    }
    throw new AssertionError("pages never ended");
  }
}
