package dev.realtime.broker.redis;

import dev.realtime.testing.redis.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outage contract on a Redis with an append-only file: it comes back with every stream. */
class HubPersistentOutageTest extends HubOutageContract {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.persistent();

  @Override
  RedisExtension redis() {
    return REDIS;
  }

  @Override
  boolean persistent() {
    return true;
  }
}
