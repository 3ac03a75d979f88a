package dev.assay.runtime.security;

import dev.assay.runtime.audit.AuditGrpcService;
import dev.assay.runtime.audit.AuditLog;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.audit.InMemoryAuditLog;
import dev.assay.runtime.audit.RedisAuditLog;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.SharedRedisClient;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A server's security, assembled once in {@code main}: the token registry (kept fresh every
 * second), the authentication interceptor with the service's scope table, the audit trail, and the
 * token and audit gRPC services every server carries.
 */
public final class Security implements AutoCloseable {
  private final String service;
  private final TokenStore tokenStore;
  private final AuditLog auditLog;
  private final TokenRegistry registry;
  private final AuditTrail audit;
  private final AuthInterceptor interceptor;
  private final MethodScopes scopes;
  private final Clock clock;
  private @Nullable ScheduledExecutorService refresher;

  private Security(
      String service,
      SecuritySettings settings,
      TokenStore tokenStore,
      AuditLog auditLog,
      MethodScopes serviceScopes,
      Clock clock) {
    this.service = service;
    this.tokenStore = tokenStore;
    this.auditLog = auditLog;
    this.clock = clock;
    TokensFile file = settings.tokensFile() == null ? null : new TokensFile(settings.tokensFile());
    this.registry = new TokenRegistry(tokenStore, file, clock, new SecureRandom());
    this.audit = new AuditTrail(auditLog, service, clock);
    this.scopes = PlatformScopes.TABLE.with(serviceScopes);
    JwtAuthenticator jwt =
        settings.jwt() == null ? null : new JwtAuthenticator(settings.jwt(), clock);
    this.interceptor =
        new AuthInterceptor(
            settings.authRequired() ? credential -> authenticate(credential, jwt) : null, scopes);
  }

  /** Assay tokens by their prefix; anything shaped like a JWT goes to the identity provider's. */
  private Caller authenticate(String credential, @Nullable JwtAuthenticator jwt)
      throws UnauthenticatedException {
    if (jwt != null && JwtAuthenticator.looksLikeJwt(credential)) {
      return jwt.authenticate(credential);
    }
    return registry.authenticate(credential);
  }

  /**
   * Assembles a server's security on Redis when a client is given, else in memory. The tokens file
   * was checked with the settings; should it break since, the registry keeps what it had (none at
   * start) and logs why.
   */
  public static Security create(
      String service,
      SecuritySettings settings,
      Optional<SharedRedisClient> redis,
      MethodScopes serviceScopes,
      Clock clock) {
    TokenStore tokens =
        redis.<TokenStore>map(RedisTokenStore::new).orElseGet(InMemoryTokenStore::new);
    AuditLog audit = redis.<AuditLog>map(RedisAuditLog::new).orElseGet(InMemoryAuditLog::new);
    Security security = new Security(service, settings, tokens, audit, serviceScopes, clock);
    security.registry.refresh();
    return security;
  }

  /** In memory, for tests: the given settings, this service's scopes. */
  public static Security inMemory(
      String service, SecuritySettings settings, MethodScopes serviceScopes, Clock clock) {
    return create(service, settings, Optional.empty(), serviceScopes, clock);
  }

  /** The audit trail write handlers record to. */
  public AuditTrail audit() {
    return audit;
  }

  /** The tokens this server accepts. */
  public TokenRegistry tokens() {
    return registry;
  }

  /** Authenticates and authorizes every call. */
  public AuthInterceptor interceptor() {
    return interceptor;
  }

  /** The token and audit services. */
  public List<BindableService> services() {
    return List.of(new TokenGrpcService(registry, audit, clock), new AuditGrpcService(auditLog));
  }

  /**
   * Refuses to serve a method without a scope when authentication is on, so no RPC ships open.
   *
   * @throws IllegalStateException naming the methods missing from the scope table
   */
  public void checkCovers(List<ServerServiceDefinition> services) {
    List<String> missing = scopes.missing(services);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("methods without a scope: " + missing);
    }
  }

  /** Starts refreshing tokens and flushing deferred audit entries every second; logs the mode. */
  public void start() {
    if (interceptor.isEnabled()) {
      EventLog.info("auth.on", "service", service, "tokens", registry.counts());
    } else {
      EventLog.warn(
          "auth.off",
          "service",
          service,
          "detail",
          "AUTHENTICATION IS OFF: every caller may read and change everything; set --auth=tokens");
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "assay-security-refresh");
              thread.setDaemon(true);
              return thread;
            });
    var unused = executor.scheduleWithFixedDelay(this::refreshQuietly, 1, 1, TimeUnit.SECONDS);
    refresher = executor;
  }

  private void refreshQuietly() {
    try {
      registry.refresh();
      audit.flushPending();
    } catch (RuntimeException e) {
      EventLog.error("security.refresh_failed", "error", e.toString());
    }
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    tokenStore.close();
    auditLog.close();
  }
}
