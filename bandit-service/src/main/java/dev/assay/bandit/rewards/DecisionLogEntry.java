package dev.assay.bandit.rewards;

import java.util.Arrays;
import java.util.Optional;

/**
 * One rewarded decision as kept in a bandit's decision log (the input of off-policy evaluation):
 * {@code timeMillis|armId|propensity|reward|x0,x1,...}.
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier: never compared, array never mutated
public record DecisionLogEntry(
    long timeMillis, String armId, double propensity, double reward, double[] context) {

  /** The stored text form. */
  public String encode() {
    StringBuilder s = new StringBuilder(48 + 12 * context.length);
    s.append(timeMillis)
        .append('|')
        .append(armId)
        .append('|')
        .append(propensity)
        .append('|')
        .append(reward)
        .append('|');
    for (int i = 0; i < context.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(context[i]);
    }
    return s.toString();
  }

  /** Parses the stored text form; empty if it is not one. */
  public static Optional<DecisionLogEntry> decode(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 5) {
      return Optional.empty();
    }
    try {
      double[] context =
          parts[4].isEmpty()
              ? new double[0]
              : Arrays.stream(parts[4].split(",")).mapToDouble(Double::parseDouble).toArray();
      return Optional.of(
          new DecisionLogEntry(
              Long.parseLong(parts[0]),
              parts[1],
              Double.parseDouble(parts[2]),
              Double.parseDouble(parts[3]),
              context));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
