package dev.assay.assignment.support;

import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.redis.RedisConnector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real Redis on 127.0.0.1:6379, shared with other tests: each instance uses its own key prefix
 * and deletes only its own keys.
 */
public final class TestRedis implements AutoCloseable {
  public static final String URL = "redis://127.0.0.1:6379";

  private final String prefix = "test:" + UUID.randomUUID();
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<RedisAssignmentStore> stores = new ArrayList<>();

  public String prefix() {
    return prefix;
  }

  /** A store on this instance's prefix, through {@code url} (the real Redis or a proxy to it). */
  public RedisAssignmentStore newStore(String url) {
    RedisClient client = RedisConnector.connect(url, Duration.ofSeconds(5));
    clients.add(client);
    RedisAssignmentStore store =
        new RedisAssignmentStore(client, url, prefix, new ProtoStoreCodec());
    stores.add(store);
    return store;
  }

  public RedisAssignmentStore newStore() {
    return newStore(URL);
  }

  @Override
  public void close() {
    stores.forEach(RedisAssignmentStore::close);
    clients.forEach(RedisClient::shutdown);
    RedisClient cleaner = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = cleaner.connect()) {
      ScanIterator<String> keys =
          ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*"));
      while (keys.hasNext()) {
        connection.sync().del(keys.next());
      }
    } finally {
      cleaner.shutdown();
    }
  }
}
