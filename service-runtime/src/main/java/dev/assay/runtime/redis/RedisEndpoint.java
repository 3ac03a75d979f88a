package dev.assay.runtime.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Redis URL names: one server (or a Sentinel-managed primary, which Lettuce's single-node
 * client follows by itself), or a Redis Cluster given by its seed nodes.
 *
 * <ul>
 *   <li>{@code redis://[user:password@]host:port[/db]}, {@code rediss://...} (TLS): one server;
 *   <li>{@code redis-sentinel://[:password@]host:port[,host:port...][/db]#primaryName}: Sentinel;
 *   <li>{@code redis-cluster://[user:password@]host:port[,host:port...]} ({@code rediss-cluster://}
 *       for TLS): a cluster, discovered from any of the seeds.
 * </ul>
 *
 * @param cluster whether the URL names a cluster
 * @param uris the single URI of a server or Sentinel set-up, or the cluster's seed nodes
 */
public record RedisEndpoint(boolean cluster, List<RedisURI> uris) {
  private static final String CLUSTER = "redis-cluster://";
  private static final String CLUSTER_TLS = "rediss-cluster://";

  /**
   * Parses a URL.
   *
   * @throws IllegalArgumentException if it is not one of the forms above
   */
  public static RedisEndpoint parse(String url) {
    boolean tls = url.startsWith(CLUSTER_TLS);
    if (!tls && !url.startsWith(CLUSTER)) {
      return new RedisEndpoint(false, List.of(RedisURI.create(url)));
    }
    String rest = url.substring(tls ? CLUSTER_TLS.length() : CLUSTER.length());
    int at = rest.lastIndexOf('@');
    String credentials = at < 0 ? "" : rest.substring(0, at + 1);
    String hosts = at < 0 ? rest : rest.substring(at + 1);
    if (hosts.contains("/") || hosts.contains("?") || hosts.isBlank()) {
      throw new IllegalArgumentException("a cluster URL names seed nodes only: host:port,...");
    }
    List<RedisURI> seeds = new ArrayList<>();
    for (String host : hosts.split(",", -1)) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("empty seed node");
      }
      seeds.add(RedisURI.create((tls ? "rediss://" : "redis://") + credentials + host.strip()));
    }
    return new RedisEndpoint(true, List.copyOf(seeds));
  }
}
