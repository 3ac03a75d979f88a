package dev.assay.console.http;

import com.sun.net.httpserver.Headers;
import dev.assay.console.bridge.BridgeException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Refuses API calls a page of another site could make in the user's browser. Every API POST must
 * carry the custom header {@value #HEADER} (which a cross-site form cannot send, and which makes a
 * cross-site fetch need a CORS preflight the console never grants) and JSON, and its {@code Origin}
 * and {@code Sec-Fetch-Site}, when the browser sends them, must say same origin.
 */
final class CsrfGuard {
  /** The header the console's own pages send with every API call. */
  static final String HEADER = "X-Assay-Console";

  private CsrfGuard() {}

  /**
   * Returns normally when the request may be served.
   *
   * @throws BridgeException (403) naming what is missing or foreign
   */
  static void check(Headers headers) {
    if (!"1".equals(headers.getFirst(HEADER))) {
      throw refused("missing header " + HEADER + ": 1 (API calls come from the console's pages)");
    }
    String contentType = headers.getFirst("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw refused("Content-Type must be application/json");
    }
    String fetchSite = headers.getFirst("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      throw refused("cross-site request refused (Sec-Fetch-Site: " + fetchSite + ")");
    }
    String origin = headers.getFirst("Origin");
    if (origin != null && !origin.equals("null")) {
      String host = headers.getFirst("Host");
      if (host == null || !host.equalsIgnoreCase(authority(origin))) {
        throw refused("cross-origin request refused (Origin " + origin + ")");
      }
    } else if (origin != null) {
      throw refused("cross-origin request refused (Origin null)");
    }
  }

  private static String authority(String origin) {
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority == null ? "" : authority;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static BridgeException refused(String message) {
    return new BridgeException(403, "PERMISSION_DENIED", message, List.of());
  }
}
