package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Posterior parameters and 95% intervals against scipy (golden/posteriors.json, from
 * posteriors.py).
 */
class PosteriorGoldenTest {
  private static JsonNode golden() throws IOException {
    try (InputStream in =
        PosteriorGoldenTest.class.getResourceAsStream("/golden/posteriors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static ArmStats rewards(JsonNode values) {
    ArmStats s = ArmStats.empty(0);
    for (JsonNode v : values) {
      s = s.plus(v.asDouble(), new double[0], 0, 0);
    }
    return s;
  }

  @Test
  void betaPosteriorsMatchScipy() throws IOException {
    for (JsonNode c : golden().get("beta")) {
      BetaPosterior p =
          BetaPosterior.of(
              c.get("prior").get(0).asDouble(),
              c.get("prior").get(1).asDouble(),
              rewards(c.get("rewards")));
      assertEquals(c.get("alpha").asDouble(), p.alpha(), 1e-12, c.toString());
      assertEquals(c.get("beta").asDouble(), p.beta(), 1e-12, c.toString());
      assertEquals(c.get("mean").asDouble(), p.mean(), 1e-12, c.toString());
      assertEquals(c.get("lower95").asDouble(), p.lower95(), 1e-7, c.toString());
      assertEquals(c.get("upper95").asDouble(), p.upper95(), 1e-7, c.toString());
    }
  }

  @Test
  void normalGammaPosteriorsMatchScipy() throws IOException {
    for (JsonNode c : golden().get("normal_gamma")) {
      JsonNode prior = c.get("prior");
      NormalGammaPosterior p =
          NormalGammaPosterior.of(
              prior.get(0).asDouble(),
              prior.get(1).asDouble(),
              prior.get(2).asDouble(),
              prior.get(3).asDouble(),
              rewards(c.get("rewards")));
      assertEquals(c.get("location").asDouble(), p.location(), 1e-10, c.toString());
      assertEquals(c.get("precision_weight").asDouble(), p.precisionWeight(), 1e-10, c.toString());
      assertEquals(c.get("shape").asDouble(), p.shape(), 1e-10, c.toString());
      assertEquals(c.get("rate").asDouble(), p.rate(), 1e-10, c.toString());
      assertEquals(c.get("lower95").asDouble(), p.lower95(), 1e-7, c.toString());
      assertEquals(c.get("upper95").asDouble(), p.upper95(), 1e-7, c.toString());
    }
  }
}
