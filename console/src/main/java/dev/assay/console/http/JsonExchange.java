package dev.assay.console.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.assay.console.bridge.BridgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading a bounded request body and writing JSON answers and errors on an {@link HttpExchange}.
 */
final class JsonExchange {
  /** Largest request body the API reads; requests to the services are small. */
  static final int MAX_BODY_BYTES = 1 << 20;

  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonExchange() {}

  /**
   * The request body as UTF-8.
   *
   * @throws BridgeException (413) when it is larger than {@link #MAX_BODY_BYTES}
   */
  static String readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new BridgeException(
            413,
            "RESOURCE_EXHAUSTED",
            "request body larger than " + MAX_BODY_BYTES + " bytes",
            java.util.List.of());
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Sends a JSON body already printed. */
  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Sends a JSON tree. */
  static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    send(exchange, status, MAPPER.writeValueAsString(body));
  }

  /** Sends {@code {code, message, fieldViolations}} with the error's HTTP status. */
  static void sendError(HttpExchange exchange, BridgeException error) throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("code", error.code());
    body.put("message", error.getMessage());
    ArrayNode violations = body.putArray("fieldViolations");
    for (BridgeException.FieldViolation v : error.fieldViolations()) {
      violations.addObject().put("field", v.field()).put("description", v.description());
    }
    send(exchange, error.httpStatus(), body);
  }
}
