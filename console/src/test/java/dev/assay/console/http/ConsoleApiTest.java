package dev.assay.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.console.ConsoleServer;
import dev.assay.console.bandits.AllocationHistory;
import dev.assay.console.bandits.BanditSampler;
import dev.assay.console.bridge.MethodAllowlist;
import dev.assay.console.bridge.Peer;
import dev.assay.console.bridge.RpcBridge;
import dev.assay.runtime.client.PeerChannel;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's HTTP API over fakes of the services on an in-process gRPC server. */
class ConsoleApiTest {
  private static final String READ = "/api/rpc/assay.assignment.v1.DefinitionService/GetExperiment";
  private static final String STOP =
      "/api/actions/assay.assignment.v1.DefinitionService/UpdateExperiment";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeServices fakes = new FakeServices();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final AllocationHistory history = new AllocationHistory(10);
  private RpcBridge bridge;
  private String base = "";

  private void start(boolean actionsEnabled, Duration cacheTtl) throws Exception {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    for (BindableService service : fakes.all()) {
      builder.addService(ServerInterceptors.intercept(service, fakes.recordAuthorization()));
    }
    Server server = builder.build().start();
    closeables.add(server::shutdownNow);
    PeerChannel channel =
        PeerChannel.of(
            InProcessChannelBuilder.forName(name).directExecutor().build(),
            Optional.of("console-read-token"));
    closeables.add(channel);
    bridge =
        new RpcBridge(
            Map.of(Peer.ASSIGNMENT, channel, Peer.BANDIT, channel, Peer.ANALYSIS, channel),
            Duration.ofSeconds(5),
            cacheTtl);
    ApiHandler api =
        new ApiHandler(
            bridge,
            MethodAllowlist.reads(),
            MethodAllowlist.actions(),
            actionsEnabled,
            history,
            Duration.ofSeconds(1));
    ConsoleServer console =
        ConsoleServer.start(0, api, new StaticFiles(getClass().getClassLoader()), 0);
    closeables.add(console);
    base = "http://127.0.0.1:" + console.port();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postFromConsole(String path, String body, String... extra)
      throws Exception {
    List<String> headers =
        new ArrayList<>(List.of("Content-Type", "application/json", "X-Assay-Console", "1"));
    headers.addAll(List.of(extra));
    return post(path, body, headers.toArray(String[]::new));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void anAllowedReadGoesOutWithTheConsolesTokenAndComesBackAsProto3Json() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> response = postFromConsole(READ, "{\"key\":\"checkout\"}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("checkout", json(response).at("/experiment/key").asText());
    assertEquals("3", json(response).at("/experiment/version").asText());
    assertEquals(List.of("Bearer console-read-token"), fakes.authorizations);
  }

  @Test
  void aMethodOutsideTheAllowlistIsRefusedWithoutCallingTheService() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> response =
        postFromConsole("/api/rpc/assay.assignment.v1.DefinitionService/UpdateExperiment", "{}");
    assertEquals(404, response.statusCode());
    assertEquals("NOT_FOUND", json(response).get("code").asText());
    assertTrue(fakes.updates.isEmpty());
    assertEquals(404, postFromConsole("/api/rpc/nothing", "{}").statusCode());
  }

  @Test
  void grpcErrorsMapToHttpStatusesWithTheFieldsNamed() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> invalid = postFromConsole(READ, "{\"key\":\"bad key\"}");
    assertEquals(400, invalid.statusCode());
    assertEquals("INVALID_ARGUMENT", json(invalid).get("code").asText());
    assertEquals("key", json(invalid).at("/fieldViolations/0/field").asText());
    assertEquals(404, postFromConsole(READ, "{\"key\":\"missing\"}").statusCode());
    HttpResponse<String> down = postFromConsole(READ, "{\"key\":\"down\"}");
    assertEquals(503, down.statusCode());
    assertEquals("UNAVAILABLE", json(down).get("code").asText());
  }

  @Test
  void malformedJsonAndUnknownFieldsAreOneReadableError() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> malformed = postFromConsole(READ, "{\"key\":");
    assertEquals(400, malformed.statusCode());
    assertEquals("body", json(malformed).at("/fieldViolations/0/field").asText());
    HttpResponse<String> unknown = postFromConsole(READ, "{\"colour\":\"red\"}");
    assertEquals(400, unknown.statusCode());
    assertTrue(json(unknown).get("message").asText().contains("colour"), unknown.body());
    assertEquals(0, fakes.getExperimentCalls.get());
  }

  @Test
  void explainingAUnitNeverRecordsAnExposure() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> response =
        postFromConsole(
            "/api/rpc/assay.assignment.v1.EvaluationService/Evaluate",
            "{\"unitId\":\"u1\",\"skipExposures\":false}");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(fakes.evaluations.get(0).getSkipExposures());
  }

  @Test
  void readsAreCachedForTheirTimeToLive() throws Exception {
    start(false, Duration.ofMinutes(1));
    postFromConsole(READ, "{\"key\":\"a\"}");
    postFromConsole(READ, "{\"key\":\"a\"}");
    postFromConsole(READ, "{\"key\":\"b\"}");
    assertEquals(2, fakes.getExperimentCalls.get());
  }

  @Test
  void actionsAreOffByDefault() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> response =
        postFromConsole(STOP, stopBody(), "Authorization", "Bearer user-token");
    assertEquals(403, response.statusCode());
    assertTrue(json(response).get("message").asText().contains("--enable-actions"));
    assertTrue(fakes.updates.isEmpty());
  }

  @Test
  void anActionCarriesTheUsersOwnTokenNeverTheConsoles() throws Exception {
    start(true, Duration.ZERO);
    assertEquals(401, postFromConsole(STOP, stopBody()).statusCode());
    assertTrue(fakes.updates.isEmpty());
    HttpResponse<String> response =
        postFromConsole(STOP, stopBody(), "Authorization", "Bearer user-token");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(1, fakes.updates.size());
    assertEquals(List.of("Bearer user-token"), fakes.authorizations);
  }

  @Test
  void theStopActionChangesNothingButTheStatus() throws Exception {
    start(true, Duration.ZERO);
    HttpResponse<String> response =
        postFromConsole(
            STOP,
            "{\"experiment\":{\"key\":\"e\",\"status\":\"EXPERIMENT_STATUS_STOPPED\"},"
                + "\"updateMask\":\"status,variations\"}",
            "Authorization",
            "Bearer user-token");
    assertEquals(400, response.statusCode());
    assertEquals("update_mask", json(response).at("/fieldViolations/0/field").asText());
    HttpResponse<String> running =
        postFromConsole(
            STOP,
            "{\"experiment\":{\"key\":\"e\",\"status\":\"EXPERIMENT_STATUS_RUNNING\"},"
                + "\"updateMask\":\"status\"}",
            "Authorization",
            "Bearer user-token");
    assertEquals("experiment.status", json(running).at("/fieldViolations/0/field").asText());
    assertTrue(fakes.updates.isEmpty());
  }

  @Test
  void crossSiteRequestsAreRefused() throws Exception {
    start(true, Duration.ZERO);
    String token = "Bearer user-token";
    assertEquals(
        403,
        post(STOP, stopBody(), "Content-Type", "application/json", "Authorization", token)
            .statusCode(),
        "without the console's header");
    assertEquals(
        403,
        post(
                STOP,
                stopBody(),
                "Content-Type",
                "text/plain",
                "X-Assay-Console",
                "1",
                "Authorization",
                token)
            .statusCode(),
        "not JSON");
    assertEquals(
        403,
        postFromConsole(STOP, stopBody(), "Authorization", token, "Origin", "https://evil.test")
            .statusCode(),
        "foreign origin");
    assertEquals(
        403,
        postFromConsole(STOP, stopBody(), "Authorization", token, "Sec-Fetch-Site", "cross-site")
            .statusCode(),
        "cross-site fetch");
    assertTrue(fakes.updates.isEmpty());
    assertEquals(
        200,
        postFromConsole(
                STOP,
                stopBody(),
                "Authorization",
                token,
                "Origin",
                base,
                "Sec-Fetch-Site",
                "same-origin")
            .statusCode(),
        "same origin");
  }

  @Test
  void theSamplerKeepsABoundedPullHistoryServedAsJson() throws Exception {
    start(false, Duration.ZERO);
    BanditSampler sampler = new BanditSampler(bridge, history, Clock.systemUTC());
    for (int i = 1; i <= 12; i++) {
      fakes.pulls = i;
      sampler.run();
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/bandits/hero/allocation")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode samples = json(response).get("samples");
    assertEquals(10, samples.size(), "bounded to the capacity");
    assertEquals(3.0, samples.get(0).at("/pulls/a").asDouble(), "the oldest went first");
    assertEquals(24.0, samples.get(9).at("/pulls/b").asDouble());
    assertEquals(List.of(), history.samples("unknown"));
  }

  @Test
  void theUiIsServedFromTheJarAndNothingElse() throws Exception {
    start(false, Duration.ZERO);
    HttpResponse<String> index =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, index.statusCode());
    assertTrue(index.body().contains("<main id=\"view\""));
    assertTrue(index.headers().firstValue("Content-Security-Policy").isPresent());
    for (String path : List.of("/nothing.html", "/%2e%2e/pom.xml", "/js/../../pom.xml")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, response.statusCode(), path);
    }
  }

  private static String stopBody() {
    return "{\"experiment\":{\"key\":\"e\",\"status\":\"EXPERIMENT_STATUS_STOPPED\"},"
        + "\"updateMask\":\"status\"}";
  }
}
