package dev.realtime.broker.redis;

import dev.realtime.testing.redis.RedisExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract on one standalone Redis server. */
class StandaloneBrokerTest extends BrokerContractTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  @Override
  RedisExtension redis() {
    return REDIS;
  }
}
