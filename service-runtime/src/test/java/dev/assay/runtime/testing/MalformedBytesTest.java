package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import io.grpc.health.v1.HealthCheckRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generators produce only bytes the type's parser refuses, and of every kind. */
class MalformedBytesTest {
  private static final long SEED = 20261202L;

  @Test
  void everyValueIsRefusedByTheParser() {
    Cases.forAll(
        "malformed Struct bytes",
        SEED,
        300,
        MalformedBytes.forMessage(Struct.getDefaultInstance()),
        bytes -> assertFalse(MalformedBytes.parses(Struct.getDefaultInstance(), bytes)));
  }

  @Test
  void eachStructuralKindIsMalformedForAnyType() {
    for (Gen<byte[]> kind :
        List.of(
            MalformedBytes.truncatedField(),
            MalformedBytes.invalidTag(),
            MalformedBytes.unmatchedGroupEnd(),
            MalformedBytes.malformedVarint(),
            MalformedBytes.deepUnknownGroups())) {
      kind.samples(SEED)
          .limit(50)
          .forEach(
              bytes -> {
                assertFalse(MalformedBytes.parses(Struct.getDefaultInstance(), bytes));
                assertFalse(MalformedBytes.parses(HealthCheckRequest.getDefaultInstance(), bytes));
              });
    }
  }

  @Test
  void aValidMessageIsNotMistakenForAMalformedOne() {
    assertTrue(
        MalformedBytes.parses(
            HealthCheckRequest.getDefaultInstance(),
            MalformedBytes.populated(HealthCheckRequest.getDescriptor()).toByteArray()));
  }

  @Test
  void stringAndNestingKindsAreFoundThroughTheSchema() {
    Set<String> reasons = new HashSet<>();
    MalformedBytes.forMessage(Struct.getDefaultInstance())
        .samples(SEED)
        .limit(400)
        .forEach(bytes -> reasons.add(reason(bytes)));
    assertTrue(reasons.contains("utf-8"), reasons.toString());
    assertTrue(reasons.contains("nesting"), reasons.toString());
    assertFalse(reasons.contains("parsed"), reasons.toString());
  }

  private static String reason(byte[] bytes) {
    try {
      return Struct.parseFrom(bytes).isInitialized() ? "parsed" : "uninitialized";
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      String text = String.valueOf(e.getMessage());
      return text.contains("UTF-8") ? "utf-8" : text.contains("nesting") ? "nesting" : "other";
    }
  }
}
