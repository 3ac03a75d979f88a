package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import io.grpc.health.v1.HealthCheckRequest;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The generators produce only bytes the type's parser refuses, and of every kind. */
class MalformedBytesTest {
  @Property(tries = 300, seed = "20261202")
  void everyValueIsRefusedByTheParser(@ForAll("structs") byte[] bytes) {
    assertFalse(MalformedBytes.parses(Struct.getDefaultInstance(), bytes));
  }

  @Provide
  Arbitrary<byte[]> structs() {
    return MalformedBytes.forMessage(Struct.getDefaultInstance());
  }

  @Example
  void eachStructuralKindIsMalformedForAnyType() {
    for (Arbitrary<byte[]> kind :
        java.util.List.of(
            MalformedBytes.truncatedField(),
            MalformedBytes.invalidTag(),
            MalformedBytes.unmatchedGroupEnd(),
            MalformedBytes.malformedVarint(),
            MalformedBytes.deepUnknownGroups())) {
      kind.sampleStream()
          .limit(50)
          .forEach(
              bytes -> {
                assertFalse(MalformedBytes.parses(Struct.getDefaultInstance(), bytes));
                assertFalse(MalformedBytes.parses(HealthCheckRequest.getDefaultInstance(), bytes));
              });
    }
  }

  @Example
  void aValidMessageIsNotMistakenForAMalformedOne() {
    assertTrue(
        MalformedBytes.parses(
            HealthCheckRequest.getDefaultInstance(),
            MalformedBytes.populated(HealthCheckRequest.getDescriptor()).toByteArray()));
  }

  @Example
  void stringAndNestingKindsAreFoundThroughTheSchema() {
    Set<String> reasons = new HashSet<>();
    MalformedBytes.forMessage(Struct.getDefaultInstance())
        .sampleStream()
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
