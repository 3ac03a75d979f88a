package dev.assay.console.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the UI from the jar's {@code console/} resources: HTML, CSS, ES modules and the vendored
 * uPlot. Unknown paths get 404; nothing outside {@code console/} is reachable.
 */
public final class StaticFiles implements HttpHandler {
  private static final String ROOT = "console";
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final ClassLoader loader;

  /** Serves resources from this class loader (the jar's). */
  public StaticFiles(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        sendText(exchange, 405, "use GET");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/") || path.isEmpty()) {
        path = "/index.html";
      }
      String extension = path.substring(path.lastIndexOf('.') + 1);
      String type = CONTENT_TYPES.get(extension);
      if (path.contains("..") || path.contains("//") || path.contains("\\") || type == null) {
        sendText(exchange, 404, "not found");
        return;
      }
      try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
        if (in == null) {
          sendText(exchange, 404, "not found");
          return;
        }
        byte[] body = in.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", type);
        // Pages and modules change with each release; a reload must see the new ones.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (method.equals("HEAD")) {
          exchange.sendResponseHeaders(200, -1);
          return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
