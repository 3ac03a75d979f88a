package dev.assay.runtime.security;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which scope each RPC requires. Every service declares its table beside its gRPC adapters; a
 * server with authentication on refuses to start if any method it serves is missing from it, so a
 * new RPC cannot ship open by accident.
 */
public final class MethodScopes {
  private final Map<String, Scope> byMethod;

  private MethodScopes(Map<String, Scope> byMethod) {
    this.byMethod = Map.copyOf(byMethod);
  }

  /** Starts an empty table. */
  public static Builder builder() {
    return new Builder();
  }

  /** The scope {@code fullMethodName} requires, if it is in the table. */
  public Optional<Scope> required(String fullMethodName) {
    return Optional.ofNullable(byMethod.get(fullMethodName));
  }

  /** This table and {@code other} together. */
  public MethodScopes with(MethodScopes other) {
    Map<String, Scope> merged = new HashMap<>(byMethod);
    merged.putAll(other.byMethod);
    return new MethodScopes(merged);
  }

  /** The methods of {@code services} that have no scope in this table. */
  public List<String> missing(List<ServerServiceDefinition> services) {
    List<String> missing = new ArrayList<>();
    for (ServerServiceDefinition service : services) {
      service.getMethods().stream()
          .map(m -> m.getMethodDescriptor().getFullMethodName())
          .filter(name -> !byMethod.containsKey(name))
          .forEach(missing::add);
    }
    return missing;
  }

  /** Collects method → scope pairs. */
  public static final class Builder {
    private final Map<String, Scope> byMethod = new HashMap<>();

    private Builder() {}

    /** {@code method} requires {@code scope}. */
    public Builder require(MethodDescriptor<?, ?> method, Scope scope) {
      if (byMethod.put(method.getFullMethodName(), scope) != null) {
        throw new IllegalArgumentException(method.getFullMethodName() + " listed twice");
      }
      return this;
    }

    /** Every method of {@code service} requires {@code scope}. */
    public Builder requireAll(ServiceDescriptor service, Scope scope) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        require(method, scope);
      }
      return this;
    }

    /** The table. */
    public MethodScopes build() {
      return new MethodScopes(byMethod);
    }
  }
}
