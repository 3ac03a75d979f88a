package dev.assay.assignment.hashing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden files in {@code src/test/resources/growthbook/}, written by {@code
 * src/test/growthbook-vectors/generate.js} from the official GrowthBook JS SDK. Values come back as
 * plain Java (LinkedHashMap, ArrayList, String, Integer/Long/Double, Boolean, null), the same
 * shapes the assignment service passes around.
 */
public final class GrowthBookVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GrowthBookVectors() {}

  /** The whole file {@code growthbook/<name>} as a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> load(String name) {
    try (InputStream in = GrowthBookVectors.class.getResourceAsStream("/growthbook/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource growthbook/" + name);
      }
      return JSON.readValue(in, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The list stored under {@code key} in {@code growthbook/<name>}. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(String name, String key) {
    return (List<Object>) load(name).get(key);
  }

  /** A JSON number as a double, or NaN for JSON null (the SDK's null hash). */
  public static double number(Object json) {
    return json == null ? Double.NaN : ((Number) json).doubleValue();
  }

  /** A JSON array of numbers as a double[], or null for JSON null. */
  public static double[] doubles(Object json) {
    if (json == null) {
      return null;
    }
    List<?> list = (List<?>) json;
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(list.get(i));
    }
    return out;
  }
}
