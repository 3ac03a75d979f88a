package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionCompileErrorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"$and\": [{}, {\"country\": {\"$in\": \"US\"}}]}         | $and[1].country.$in: expected"
            + " an array",
        "{\"country\": {\"$nin\": {\"a\": 1}}}                     | country.$nin: expected an"
            + " array",
        "{\"country\": {\"$foo\": 1}}                              | country.$foo: unknown operator"
            + " $foo",
        "{\"$foo\": 1}                                             | $foo: unknown operator $foo",
        "{\"$savedGroup\": {\"id\": \"g\"}}                        | $savedGroup: saved groups"
            + " ($savedGroup) are not supported",
        "{\"id\": {\"$inGroup\": \"g\"}}                           | id.$inGroup: saved groups"
            + " ($inGroup) are not supported",
        "{\"name\": {\"$regex\": \"a(\"}}                          | name.$regex: invalid regular"
            + " expression: missing ')'",
        "{\"name\": {\"$regexi\": \"[z-a]\"}}                      | name.$regexi: invalid regular"
            + " expression: range out of order in character class",
        "{\"name\": {\"$regex\": \"(x)\\\\1\"}}                    | name.$regex: invalid regular"
            + " expression: backreferences are not supported (index 3)",
        "{\"name\": {\"$regex\": 5}}                               | name.$regex: expected a"
            + " string",
        "{\"$or\": {\"a\": 1}}                                     | $or: expected an array of"
            + " conditions",
        "{\"$nor\": [1]}                                           | $nor[0]: expected an object",
        "{\"$not\": \"abc\"}                                       | $not: expected an object",
        "{\"tags\": {\"$elemMatch\": [1]}}                         | tags.$elemMatch: expected an"
            + " object",
        "{\"tags\": {\"$elemMatch\": {\"qty\": {\"$gt\": [1]}}}}  | tags.$elemMatch.qty.$gt:"
            + " expected a string, number, boolean or null",
        "{\"tags\": {\"$all\": [\"a\", {\"$bad\": 1}]}}            | tags.$all[1].$bad: unknown"
            + " operator $bad",
        "{\"age\": {\"$eq\": {\"x\": 1}}}                          | age.$eq: expected a string,"
            + " number, boolean or null",
        "{\"age\": {\"$exists\": \"yes\"}}                         | age.$exists: expected a"
            + " boolean",
        "{\"age\": {\"$type\": \"integer\"}}                       | age.$type: expected one of"
            + " array, boolean, null, number, object, string, undefined",
        "{\"v\": {\"$vgt\": [1]}}                                  | v.$vgt: expected a version"
            + " string",
        "{\"age\": {\"$not\": {\"$size\": {\"$lt\": {}}}}}         | age.$not.$size.$lt: expected a"
            + " string, number, boolean or null",
        "{\"orders\": {\"$elemMatch\": {\"$or\": [{\"a\": 1}]}}}   | orders.$elemMatch.$or: $or"
            + " combines conditions and cannot be applied to a value (the SDK never matches it"
            + " here)",
      })
  @SuppressWarnings("unchecked")
  void compileNamesThePathOfTheProblem(String json, String message) throws Exception {
    Map<String, Object> condition = JSON.readValue(json, Map.class);
    InvalidConditionException e =
        assertThrows(InvalidConditionException.class, () -> Condition.compile(condition));
    assertEquals(message, e.getMessage());
  }
}
