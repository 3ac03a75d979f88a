package dev.assay.bandit.store;

import dev.assay.bandit.propensity.Propensity;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link StickyAssignment} as the fields of one entry of a Redis stream: {@code u} unit, {@code
 * a} arm, {@code p}, {@code m}, {@code n}, {@code s} propensity (value, exact, samples, standard
 * error), {@code x} expiry.
 */
final class StickyCodec {
  private StickyCodec() {}

  static Map<String, String> encode(StickyAssignment a) {
    Map<String, String> body = new HashMap<>();
    body.put("u", a.unitId());
    body.put("a", a.armId());
    body.put("p", Double.toString(a.propensity().value()));
    body.put("m", a.propensity().exact() ? "1" : "0");
    body.put("n", Integer.toString(a.propensity().samples()));
    body.put("s", Double.toString(a.propensity().standardError()));
    body.put("x", Long.toString(a.expiresAtMillis()));
    return body;
  }

  static StickyAssignment decode(Map<String, String> body) {
    Propensity p =
        new Propensity(
            Double.parseDouble(field(body, "p")),
            "1".equals(field(body, "m")),
            Integer.parseInt(field(body, "n")),
            Double.parseDouble(field(body, "s")));
    return new StickyAssignment(
        field(body, "u"), field(body, "a"), p, Long.parseLong(field(body, "x")));
  }

  private static String field(Map<String, String> body, String name) {
    String value = body.get(name);
    if (value == null) {
      throw new IllegalStateException("corrupt sticky entry in store: no field '" + name + "'");
    }
    return value;
  }
}
