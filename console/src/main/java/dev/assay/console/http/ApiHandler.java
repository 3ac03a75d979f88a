package dev.assay.console.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.assay.console.bandits.AllocationHistory;
import dev.assay.console.bandits.PullSample;
import dev.assay.console.bridge.BridgeException;
import dev.assay.console.bridge.BridgedMethod;
import dev.assay.console.bridge.MethodAllowlist;
import dev.assay.console.bridge.RpcBridge;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.security.BearerCredentials;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The console's JSON API under {@code /api/}:
 *
 * <ul>
 *   <li>{@code GET /api/config}: what the UI needs to know (are actions on, sampling interval);
 *   <li>{@code POST /api/rpc/<package.Service>/<Method>}: an allowlisted read, proto3 JSON in and
 *       out;
 *   <li>{@code POST /api/actions/<package.Service>/<Method>}: an allowlisted action with the
 *       caller's own {@code Authorization: Bearer} token, only when actions are enabled;
 *   <li>{@code GET /api/bandits/<key>/allocation}: the sampled pulls history of one bandit.
 * </ul>
 */
public final class ApiHandler implements HttpHandler {
  private final RpcBridge bridge;
  private final MethodAllowlist reads;
  private final MethodAllowlist actions;
  private final boolean actionsEnabled;
  private final AllocationHistory history;
  private final Duration sampleInterval;

  /** The API over a bridge, its allowlists and the bandit history. */
  public ApiHandler(
      RpcBridge bridge,
      MethodAllowlist reads,
      MethodAllowlist actions,
      boolean actionsEnabled,
      AllocationHistory history,
      Duration sampleInterval) {
    this.bridge = bridge;
    this.reads = reads;
    this.actions = actions;
    this.actionsEnabled = actionsEnabled;
    this.history = history;
    this.sampleInterval = sampleInterval;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (BridgeException e) {
        JsonExchange.sendError(exchange, e);
      } catch (RuntimeException e) {
        // A bug: the caller gets an id, the log the details.
        String errorId = UUID.randomUUID().toString();
        EventLog.error("console.api_failed", "error_id", errorId, "error", e.toString());
        JsonExchange.sendError(
            exchange,
            new BridgeException(500, "INTERNAL", "internal error, id " + errorId, List.of()));
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String verb = exchange.getRequestMethod();
    if (path.equals("/api/config")) {
      requireMethod(verb, "GET");
      ObjectNode config = JsonExchange.MAPPER.createObjectNode();
      config.put("actionsEnabled", actionsEnabled);
      config.put("banditSampleIntervalSeconds", sampleInterval.toMillis() / 1000.0);
      JsonExchange.send(exchange, 200, config);
    } else if (path.startsWith("/api/rpc/")) {
      requireMethod(verb, "POST");
      CsrfGuard.check(exchange.getRequestHeaders());
      BridgedMethod method = find(reads, path.substring("/api/rpc/".length()), "read");
      JsonExchange.send(exchange, 200, bridge.read(method, JsonExchange.readBody(exchange)));
    } else if (path.startsWith("/api/actions/")) {
      requireMethod(verb, "POST");
      CsrfGuard.check(exchange.getRequestHeaders());
      if (!actionsEnabled) {
        throw new BridgeException(
            403,
            "PERMISSION_DENIED",
            "actions are off in this console (start it with --enable-actions)",
            List.of());
      }
      BridgedMethod method = find(actions, path.substring("/api/actions/".length()), "action");
      BearerCredentials caller =
          callerToken(exchange.getRequestHeaders().getFirst("Authorization"));
      JsonExchange.send(exchange, 200, bridge.act(method, JsonExchange.readBody(exchange), caller));
    } else if (path.startsWith("/api/bandits/") && path.endsWith("/allocation")) {
      requireMethod(verb, "GET");
      String key =
          URLDecoder.decode(
              path.substring("/api/bandits/".length(), path.length() - "/allocation".length()),
              StandardCharsets.UTF_8);
      JsonExchange.send(exchange, 200, allocation(key));
    } else {
      throw new BridgeException(404, "NOT_FOUND", "no API at " + path, List.of());
    }
  }

  private ObjectNode allocation(String banditKey) {
    ObjectNode body = JsonExchange.MAPPER.createObjectNode();
    body.put("banditKey", banditKey);
    body.put("sampleIntervalSeconds", sampleInterval.toMillis() / 1000.0);
    ArrayNode samples = body.putArray("samples");
    for (PullSample sample : history.samples(banditKey)) {
      ObjectNode node = samples.addObject();
      node.put("time", sample.time().toString());
      ObjectNode pulls = node.putObject("pulls");
      for (Map.Entry<String, Double> arm : sample.pullsByArm().entrySet()) {
        pulls.put(arm.getKey(), arm.getValue());
      }
    }
    return body;
  }

  private static BridgedMethod find(MethodAllowlist allowlist, String fullName, String kind) {
    return allowlist
        .find(fullName)
        .orElseThrow(
            () ->
                new BridgeException(
                    404,
                    "NOT_FOUND",
                    "not an allowed console " + kind + ": " + truncate(fullName),
                    List.of()));
  }

  /** The caller's own token: actions carry the caller's identity, never the console's. */
  static BearerCredentials callerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new BridgeException(
          401,
          "UNAUTHENTICATED",
          "actions need your own token: enter it in the console (Authorization: Bearer ...)",
          List.of());
    }
    String token = authorization.substring(7).trim();
    if (token.isEmpty() || token.length() > 8_192) {
      throw new BridgeException(
          401, "UNAUTHENTICATED", "the bearer token is empty or too long", List.of());
    }
    return new BearerCredentials(token);
  }

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new BridgeException(
          405, "UNIMPLEMENTED", "use " + expected + " here, not " + truncate(actual), List.of());
    }
  }

  private static String truncate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
