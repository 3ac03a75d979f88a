package dev.assay.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.runtime.config.Config;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void flagsOverrideEnvironmentWhichOverridesDefaults() {
    Config config =
        Config.load(
            new String[] {"--port=7000"},
            Map.of("ASSAY_PORT", "6000", "ASSAY_REDIS_URL", "redis://r:6379"));

    assertEquals(7000, config.getInt("port", 1));
    assertEquals("redis://r:6379", config.get("redis-url", "none"));
    assertEquals("fallback", config.get("key-prefix", "fallback"));
  }

  @Test
  void durationsAcceptMillisecondsOrIso8601() {
    Config config = Config.load(new String[] {"--a=250", "--b=PT2S"}, Map.of());
    assertEquals(Duration.ofMillis(250), config.getDuration("a", Duration.ZERO));
    assertEquals(Duration.ofSeconds(2), config.getDuration("b", Duration.ZERO));
  }

  @Test
  void badValuesNameTheSetting() {
    Config config = Config.load(new String[] {"--port=abc"}, Map.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config.getInt("port", 1));
    assertEquals("invalid value for --port / ASSAY_PORT: abc", e.getMessage());
  }
}
