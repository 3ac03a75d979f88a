package dev.assay.assignment.targeting;

import java.util.Map;

/**
 * A compiled GrowthBook targeting condition: a MongoDB-like query over a unit's attributes.
 *
 * <p>{@link #matches} gives exactly the answer of the GrowthBook JS SDK's {@code evalCondition}
 * (pinned vectors from {@code @growthbook/growthbook} 1.8.0 in {@code
 * src/test/resources/growthbook/conditions.json}), including JavaScript's type coercions; see
 * {@code docs/assignment-algorithm.md} for the operator table. Deliberate differences: {@link
 * #compile} rejects what the SDK would silently evaluate to false (unknown operators, operands of
 * the wrong shape, bad regular expressions), saved groups ({@code $savedGroup}, {@code $inGroup},
 * {@code $notInGroup}) are not supported, and paths never see inherited JavaScript properties.
 *
 * <p>Instances are immutable and thread-safe; all parsing happens in {@link #compile}.
 */
public final class Condition {
  private static final Condition ALWAYS = new Condition(attributes -> true, 0);
  private static final Condition NEVER = new Condition(attributes -> false, 0);

  /** The most regular expressions one condition may hold. */
  public static final int MAX_REGEXES = ConditionCompiler.MAX_REGEXES_PER_CONDITION;

  private final ConditionCompiler.ObjectTest test;
  private final int regexCount;

  private Condition(ConditionCompiler.ObjectTest test, int regexCount) {
    this.test = test;
    this.regexCount = regexCount;
  }

  /**
   * Validates and compiles a condition given as plain JSON-like Java values ({@code Map} with
   * insertion order, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}).
   *
   * @throws InvalidConditionException naming the JSON path of the first problem found
   */
  public static Condition compile(Map<String, Object> json) {
    ConditionCompiler compiler = new ConditionCompiler();
    ConditionCompiler.ObjectTest test = compiler.condition(json, "");
    return new Condition(test, compiler.regexCount());
  }

  /** How many {@code $regex} and {@code $regexi} operators the condition holds. */
  public int regexCount() {
    return regexCount;
  }

  /** A condition no unit matches (for a stored condition that no longer compiles). */
  public static Condition never() {
    return NEVER;
  }

  /** The empty condition {@code {}}, which every unit matches. */
  public static Condition always() {
    return ALWAYS;
  }

  /**
   * Whether a unit with these attributes matches. Attribute values follow the same JSON-like types
   * as {@link #compile}; pass insertion-ordered maps where nested objects are compared whole.
   */
  public boolean matches(Map<String, Object> attributes) {
    return test.test(attributes);
  }
}
