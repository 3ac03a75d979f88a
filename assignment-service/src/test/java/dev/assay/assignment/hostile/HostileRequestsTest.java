package dev.assay.assignment.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The adversarial suite's requests reach every RPC of the assignment contract. */
class HostileRequestsTest {
  @Test
  void theSuitesRequestsCoverEveryRpc() {
    Set<String> contract =
        Stream.of(
                DefinitionServiceGrpc.getServiceDescriptor(),
                OverrideServiceGrpc.getServiceDescriptor(),
                EvaluationServiceGrpc.getServiceDescriptor())
            .map(ServiceDescriptor::getMethods)
            .flatMap(methods -> methods.stream())
            .map(MethodDescriptor::getBareMethodName)
            .collect(Collectors.toCollection(TreeSet::new));

    Set<String> sent =
        HostileRequests.calls()
            .samples(AdversarialSuite.SEED)
            .limit(AdversarialSuite.REQUESTS)
            .map(HostileCall::rpc)
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(contract, sent);
  }
}
