package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.ServerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real server with authentication on, over TCP, serving only what every Assay server serves (the
 * token and audit services). Its tokens file holds one admin token, written from the output of
 * {@code assay tokens generate}.
 */
public final class SecuredServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Security security;
  private final GrpcServer server;
  private final String adminToken;
  private final String adminId;

  private SecuredServer(Security security, GrpcServer server, String adminToken, String adminId) {
    this.security = security;
    this.server = server;
    this.adminToken = adminToken;
    this.adminId = adminId;
  }

  /** Starts a server whose tokens file, in {@code directory}, has one admin token. */
  public static SecuredServer start(Path directory) throws IOException {
    return start(directory, GrpcServer.netty("127.0.0.1", 0));
  }

  /** As {@link #start(Path)}, on the given transport (a TLS one, for instance). */
  public static SecuredServer start(Path directory, ServerBuilder<?> transport) throws IOException {
    CliResult generated =
        Cli.run(
            "tokens", "generate", "--name", "test admin", "--scope", "admin", "--output", "json");
    assertEquals(AssayCommand.OK, generated.exitCode(), generated::toString);
    JsonNode result = JSON.readTree(generated.out());
    ObjectNode file = JSON.createObjectNode();
    file.putArray("tokens").add(result.get("entry"));
    Path tokensFile = directory.resolve("tokens.json");
    Files.writeString(tokensFile, file.toString());
    Security security =
        Security.inMemory(
            "test",
            new SecuritySettings(true, tokensFile),
            MethodScopes.builder().build(),
            Clock.systemUTC());
    GrpcServer server =
        GrpcServer.builder("test", transport)
            .security(security)
            .shutdownGrace(Duration.ofMillis(200))
            .build()
            .start();
    return new SecuredServer(
        security, server, result.get("secret").asText(), result.get("entry").get("id").asText());
  }

  /** {@code 127.0.0.1:<port>}. */
  public String target() {
    return "127.0.0.1:" + server.port();
  }

  /** The admin token's bearer value. */
  public String adminToken() {
    return adminToken;
  }

  /** The admin token's id. */
  public String adminId() {
    return adminId;
  }

  /** The server's security, to create tokens directly. */
  public Security security() {
    return security;
  }

  /** An environment pointing the CLI at this server with {@code token}. */
  public Map<String, String> environment(String token) {
    return Map.of("ASSAY_TARGET", target(), "ASSAY_TOKEN", token);
  }

  /** An environment pointing the CLI at this server as the admin. */
  public Map<String, String> asAdmin() {
    return environment(adminToken);
  }

  @Override
  public void close() {
    server.stop();
    security.close();
  }
}
