package dev.assay.analysis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TwoSummaries;
import dev.assay.runtime.testing.Cases;
import dev.assay.runtime.testing.Gen;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adversarial suite of the analysis service: seeded random requests for every unary and
 * client-streaming RPC of every analysis service (the statistics from {@link
 * AnalysisApi#services()} and the experiment loop's services on in-memory stores, found from the
 * bound descriptors, so a new RPC is covered without touching this class), built by {@link
 * HostileRequests}, sent to the real services on an in-process server. After each input: the status
 * is OK or a precise client error (never {@code INTERNAL} or {@code UNKNOWN}; {@code
 * INVALID_ARGUMENT} names at least one field), an OK answer holds no NaN or infinity anywhere, the
 * call took under a second, and the server still answers.
 *
 * <p>Each test runs {@value #TRIES} seeded inputs through {@link Cases#forAll} (2,000 in all, 6 to
 * 13 s on the shared 2-core build machine); a failure names the seed, the case and the call. A
 * longer run: {@code ./mvnw -B -pl analysis-service -am verify -Dbuf.skip=true
 * -Dtest=AdversarialAnalysisTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dassay.adversarial.tries=100000} (add {@code -Dassay.adversarial.seed=N} for other inputs).
 */
class AdversarialAnalysisTest {
  /** Inputs per test: 1,000 unary calls spread over every RPC, 1,000 client streams. */
  private static final int TRIES = 1_000;

  private static final long MAX_CALL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * Client errors a hostile request may get; anything else (INTERNAL, UNKNOWN, ...) fails. The
   * loop's resources add NOT_FOUND (an unknown experiment or metric), ALREADY_EXISTS (a metric
   * created twice) and ABORTED (a stale expected_version).
   */
  private static final Set<Status.Code> CLIENT_ERRORS =
      Set.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.OUT_OF_RANGE,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.ABORTED);

  private static final List<BindableService> SERVICES = new ArrayList<>();
  private static InMemoryLoopServices loop;
  private static InProcessGrpc server;

  @BeforeAll
  static void startServer() {
    loop = new InMemoryLoopServices(Clock.systemUTC());
    SERVICES.addAll(AnalysisApi.services());
    SERVICES.addAll(loop.services());
    server = InProcessGrpc.start("analysis", SERVICES);
  }

  @AfterAll
  static void stopServer() {
    server.close();
    loop.close();
  }

  @Test
  void everyUnaryRpcAnswersHostileInputPrecisely() {
    Cases.forAll(
        "hostile unary calls",
        20261202L,
        TRIES,
        calls(MethodDescriptor.MethodType.UNARY),
        AdversarialAnalysisTest::callUnary);
  }

  @Test
  void everyStreamingRpcAnswersHostileInputPrecisely() {
    Cases.forAll(
        "hostile client streams",
        20261203L,
        TRIES,
        calls(MethodDescriptor.MethodType.CLIENT_STREAMING),
        AdversarialAnalysisTest::callStreaming);
  }

  private static void callUnary(Call call) {
    long start = System.nanoTime();
    Outcome outcome;
    try {
      Message response =
          ClientCalls.blockingUnaryCall(
              server.channel(), call.method(), options(), call.requests().get(0));
      outcome = Outcome.ok(response);
    } catch (StatusRuntimeException e) {
      outcome = Outcome.failed(e);
    }
    check(call, outcome, System.nanoTime() - start);
  }

  private static void callStreaming(Call call) {
    long start = System.nanoTime();
    CompletableFuture<Message> answer = new CompletableFuture<>();
    ClientCall<Message, Message> clientCall = server.channel().newCall(call.method(), options());
    StreamObserver<Message> requests =
        ClientCalls.asyncClientStreamingCall(clientCall, observer(answer));
    for (Message chunk : call.requests()) {
      requests.onNext(chunk);
    }
    requests.onCompleted();
    Outcome outcome;
    try {
      outcome = Outcome.ok(answer.get(5, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      outcome = Outcome.failed(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(call.method().getBareMethodName() + " did not answer in 5 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + call.method().getBareMethodName(), e);
    }
    check(call, outcome, System.nanoTime() - start);
  }

  /**
   * Calls of a random RPC of {@code type}: one {@link HostileRequests hostile request} for a unary
   * RPC, zero to four for a client stream.
   */
  private static Gen<Call> calls(MethodDescriptor.MethodType type) {
    List<MethodDescriptor<Message, Message>> methods = methods(type);
    assertFalse(methods.isEmpty(), "no " + type + " RPC found");
    Gen<MethodDescriptor<Message, Message>> rpcs = Gen.of(methods);
    return random -> {
      MethodDescriptor<Message, Message> method = rpcs.next(random);
      Message prototype = prototype(method);
      HostileRequests generator = new HostileRequests(random);
      int messages = type == MethodDescriptor.MethodType.UNARY ? 1 : random.nextInt(5);
      List<Message> requests = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        requests.add(generator.next(prototype));
      }
      return new Call(method, requests);
    };
  }

  /** Every RPC of {@code type} the analysis server binds. */
  @SuppressWarnings("unchecked") // The analysis services' RPCs all take and return messages.
  private static List<MethodDescriptor<Message, Message>> methods(
      MethodDescriptor.MethodType type) {
    List<MethodDescriptor<Message, Message>> methods = new ArrayList<>();
    for (BindableService service : SERVICES) {
      for (MethodDescriptor<?, ?> method :
          service.bindService().getServiceDescriptor().getMethods()) {
        if (method.getType() == type) {
          methods.add((MethodDescriptor<Message, Message>) method);
        }
      }
    }
    return methods;
  }

  private static Message prototype(MethodDescriptor<Message, Message> method) {
    return (Message)
        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
  }

  private static CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static void check(Call call, Outcome outcome, long nanos) {
    // Built only on failure: describing a request of 60,000 numbers on every call costs time.
    Supplier<String> what = call::toString;
    if (outcome.error() != null) {
      Status status = Status.fromThrowable(outcome.error());
      assertTrue(CLIENT_ERRORS.contains(status.getCode()), () -> what.get() + " -> " + status);
      if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
        assertFalse(GrpcAssertions.invalidFields(outcome.error()).isEmpty(), what);
      }
    } else {
      List<String> bad = new ArrayList<>();
      nonFinite(outcome.response(), "", bad);
      assertEquals(List.of(), bad, () -> what.get() + " answered OK with NaN or infinity");
    }
    assertTrue(
        nanos < MAX_CALL_NANOS,
        () -> what.get() + " took " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
    assertServerAnswers();
  }

  /** A known-good call still gets its answer. */
  private static void assertServerAnswers() {
    SampleSummary summary =
        SampleSummary.newBuilder().setCount(10).setMean(1).setVariance(1).build();
    double statistic =
        HypothesisTestServiceGrpc.newBlockingStub(server.channel())
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .tTest(
                TTestRequest.newBuilder()
                    .setSummaries(
                        TwoSummaries.newBuilder().setControl(summary).setTreatment(summary))
                    .build())
            .getResult()
            .getStatistic();
    assertEquals(0.0, statistic);
  }

  /** Independently of the server's guard: every NaN or infinite number in {@code message}. */
  private static void nonFinite(Message message, String prefix, List<String> bad) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      List<?> values = field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
      for (int i = 0; i < values.size(); i++) {
        String path = prefix + field.getName() + (field.isRepeated() ? "[" + i + "]" : "");
        Object value = values.get(i);
        if (value instanceof Message nested) {
          nonFinite(nested, path + ".", bad);
        } else if ((value instanceof Double d && !Double.isFinite(d))
            || (value instanceof Float f && !Float.isFinite(f))) {
          bad.add(path + "=" + value);
        }
      }
    }
  }

  private static StreamObserver<Message> observer(CompletableFuture<Message> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(Message value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        answer.complete(null);
      }
    };
  }

  /** One generated call: the RPC and its request messages (one for unary RPCs). */
  record Call(MethodDescriptor<Message, Message> method, List<Message> requests) {
    String describe() {
      String text = requests.toString().replace('\n', ' ');
      return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    @Override
    public String toString() {
      return method.getBareMethodName() + " " + describe();
    }
  }

  /** A response, or the error that ended the call. */
  private record Outcome(Message response, Throwable error) {
    static Outcome ok(Message response) {
      return new Outcome(response, null);
    }

    static Outcome failed(Throwable error) {
      return new Outcome(null, error);
    }
  }
}
