package dev.realtime.broker.redis;

import java.util.Objects;

/**
 * Names the Redis keys and the pub/sub channel of a broker channel.
 *
 * <p>Every name of channel {@code C} is {@code PREFIX + "{" + C' + "}" + SUFFIX}, where {@code C'}
 * is {@code C} with {@code %}, <code>{</code> and <code>}</code> percent-encoded. The braces are a
 * Redis Cluster hash tag: all of a channel's keys hash to one slot, so its Lua scripts are
 * single-slot; and because the encoded name holds no brace, any name the hub chooses is a valid,
 * non-empty tag. The prefix may not contain braces either.
 *
 * <pre>
 * PREFIX{C}:stream        XADD entries, id = offset, fields d (payload), t (ms), x (excluded)
 * PREFIX{C}:meta          HASH e (epoch), o (top offset)
 * PREFIX{C}:idem:KEY      STRING "offset epoch" of a publish with idempotency key KEY
 * PREFIX{C}:presence      HASH client id -> JSON info
 * PREFIX{C}:presence:exp  ZSET client id -> expiry (ms, server clock)
 * PREFIX{C}               the pub/sub channel (plain PUBLISH/SUBSCRIBE)
 * </pre>
 */
final class Keys {

  private final String prefix;

  Keys(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("key prefix must not contain braces: " + prefix);
    }
    this.prefix = prefix;
  }

  /** The pub/sub channel name, which is also the common beginning of the channel's keys. */
  String pubSub(String channel) {
    return prefix + "{" + encode(channel) + "}";
  }

  String stream(String channel) {
    return pubSub(channel) + ":stream";
  }

  String meta(String channel) {
    return pubSub(channel) + ":meta";
  }

  String idempotency(String channel, String key) {
    return pubSub(channel) + ":idem:" + key;
  }

  String presence(String channel) {
    return pubSub(channel) + ":presence";
  }

  String presenceExpiry(String channel) {
    return pubSub(channel) + ":presence:exp";
  }

  static String encode(String channel) {
    if (channel.indexOf('%') < 0 && channel.indexOf('{') < 0 && channel.indexOf('}') < 0) {
      return channel;
    }
    StringBuilder out = new StringBuilder(channel.length() + 8);
    for (int i = 0; i < channel.length(); i++) {
      char c = channel.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '{' -> out.append("%7B");
        case '}' -> out.append("%7D");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
