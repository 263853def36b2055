package dev.realtime.broker.redis;

import dev.realtime.testing.redis.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outage contract on a Redis without persistence: it comes back empty. */
class HubRedisOutageTest extends HubOutageContract {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  @Override
  RedisExtension redis() {
    return REDIS;
  }

  @Override
  boolean persistent() {
    return false;
  }
}
