package dev.realtime.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.PublishOptions;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.redis.RedisServer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract on a local Redis Cluster of three masters. */
class ClusterBrokerTest extends BrokerContractTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.cluster();

  @Override
  RedisExtension redis() {
    return REDIS;
  }

  @Test
  void eachChannelsKeysShareOneMasterAndChannelsSpreadOverSeveral() {
    RedisBroker broker = nodes.start("a");
    List<String> channels = List.of("chat.room.lobby", "chat.room.{odd}", "chat.user.ann", "x", "y", "z");
    for (String channel : channels) {
      publish(broker, channel, "hello");
      broker.publish(channel, bytes("keyed"), PublishOptions.defaults().withIdempotencyKey("k")).join();
      broker.presence().add(channel, new PresenceInfo("c1", "ann", "a", "")).join();
    }
    Map<String, Set<Integer>> mastersByChannel = new HashMap<>();
    List<RedisServer> masters = REDIS.redisCluster().nodes();
    for (int m = 0; m < masters.size(); m++) {
      for (Object key : (List<?>) masters.get(m).command("KEYS", "realtime{*")) {
        String name = (String) key;
        String channel = name.substring(name.indexOf('{') + 1, name.indexOf('}'));
        mastersByChannel.computeIfAbsent(channel, c -> new HashSet<>()).add(m);
      }
    }
    assertThat(mastersByChannel).hasSize(channels.size());
    assertThat(mastersByChannel.values()).allMatch(set -> set.size() == 1);
    Set<Integer> used = new HashSet<>();
    mastersByChannel.values().forEach(used::addAll);
    assertThat(used).hasSizeGreaterThan(1);
  }
}
