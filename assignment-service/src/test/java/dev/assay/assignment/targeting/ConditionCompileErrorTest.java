package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionCompileErrorTest {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  /** Conditions written with single quotes for readability, and the exact message expected. */
  static Stream<Arguments> invalidConditions() {
    return Stream.of(
        arguments(
            "{'$and': [{}, {'country': {'$in': 'US'}}]}", "$and[1].country.$in: expected an array"),
        arguments("{'country': {'$nin': {'a': 1}}}", "country.$nin: expected an array"),
        arguments("{'country': {'$foo': 1}}", "country.$foo: unknown operator $foo"),
        arguments("{'$foo': 1}", "$foo: unknown operator $foo"),
        arguments(
            "{'$savedGroup': {'id': 'g'}}",
            "$savedGroup: saved groups ($savedGroup) are not supported"),
        arguments(
            "{'id': {'$inGroup': 'g'}}", "id.$inGroup: saved groups ($inGroup) are not supported"),
        arguments(
            "{'name': {'$regex': 'a('}}", "name.$regex: invalid regular expression: missing ')'"),
        arguments(
            "{'name': {'$regexi': '[z-a]'}}",
            "name.$regexi: invalid regular expression: range out of order in character class"),
        arguments(
            "{'name': {'$regex': '(x)\\\\1'}}",
            "name.$regex: invalid regular expression: backreferences are not supported (index 3)"),
        arguments("{'name': {'$regex': 5}}", "name.$regex: expected a string"),
        arguments("{'$or': {'a': 1}}", "$or: expected an array of conditions"),
        arguments("{'$nor': [1]}", "$nor[0]: expected an object"),
        arguments("{'$not': 'abc'}", "$not: expected an object"),
        arguments("{'tags': {'$elemMatch': [1]}}", "tags.$elemMatch: expected an object"),
        arguments(
            "{'tags': {'$elemMatch': {'qty': {'$gt': [1]}}}}",
            "tags.$elemMatch.qty.$gt: expected a string, number, boolean or null"),
        arguments(
            "{'orders': {'$elemMatch': {'$or': [{'a': 1}]}}}",
            "orders.$elemMatch.$or: $or combines conditions and cannot be applied to a value"
                + " (the SDK never matches it here)"),
        arguments(
            "{'tags': {'$all': ['a', {'$bad': 1}]}}", "tags.$all[1].$bad: unknown operator $bad"),
        arguments(
            "{'age': {'$eq': {'x': 1}}}", "age.$eq: expected a string, number, boolean or null"),
        arguments("{'age': {'$exists': 'yes'}}", "age.$exists: expected a boolean"),
        arguments(
            "{'age': {'$type': 'integer'}}",
            "age.$type: expected one of array, boolean, null, number, object, string, undefined"),
        arguments("{'v': {'$vgt': [1]}}", "v.$vgt: expected a version string"),
        arguments(
            "{'age': {'$not': {'$size': {'$lt': {}}}}}",
            "age.$not.$size.$lt: expected a string, number, boolean or null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConditions")
  @SuppressWarnings("unchecked")
  void compileNamesThePathOfTheProblem(String json, String message) throws Exception {
    Map<String, Object> condition = JSON.readValue(json, Map.class);
    InvalidConditionException e =
        assertThrows(InvalidConditionException.class, () -> Condition.compile(condition));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConditions")
  @SuppressWarnings("unchecked")
  void pathNamesWhereTheMessageStarts(String json, String message) throws Exception {
    Map<String, Object> condition = JSON.readValue(json, Map.class);
    InvalidConditionException e =
        assertThrows(InvalidConditionException.class, () -> Condition.compile(condition));
    assertEquals(message.substring(0, message.indexOf(": ")), e.path());
  }
}
