package dev.assay.analysis.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The golden values of {@code src/test/resources/reference/reference.json}, written by {@code
 * generate_reference.py} from scipy and statsmodels.
 */
public final class ReferenceData {
  private static final JsonNode ROOT = load();

  private ReferenceData() {}

  /** The cases of one section, each as a single JUnit argument. */
  public static Stream<Arguments> cases(String section) {
    JsonNode cases = ROOT.get(section);
    if (cases == null || cases.isEmpty()) {
      throw new IllegalStateException("reference.json has no cases in " + section);
    }
    return StreamSupport.stream(cases.spliterator(), false).map(Arguments::of);
  }

  /** A named raw sample group ("control" or "treatment") shared by several cases. */
  public static double[] sample(String name, String group) {
    return doubles(ROOT.get("samples").get(name).get(group));
  }

  /** A JSON array of numbers as doubles. */
  public static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  /** A JSON array of integers as longs. */
  public static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }

  private static JsonNode load() {
    try (InputStream in = ReferenceData.class.getResourceAsStream("/reference/reference.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "reference/reference.json is missing from the test classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
