package dev.realtime.hub;

/**
 * The broker channels of one hub.
 *
 * <p>Every name is the escaped hub name, a colon, a kind and (except for the hub-wide channel) a
 * colon and the room name as given or the user bucket's number: {@code chat:room:general}, {@code
 * chat:presence:general}, {@code chat:users:225}, {@code chat:all}. The hub name has {@code %} and
 * {@code :} percent-encoded, so the first colon always ends it and the kind is fixed text: two
 * different (hub, kind, name) triples never give the same channel, whatever characters rooms
 * contain.
 *
 * <p>Users share {@value #USER_BUCKETS} channels, by a hash of the name, instead of a channel each:
 * a node then holds at most that many user subscriptions (and Redis as many channels per node),
 * however many users are connected, where a channel per user cost every idle connection a
 * subscription (~300 bytes on the node, a channel in Redis). The price is that a user's message
 * reaches every node with a connection of any user of its bucket, which drops it when the user has
 * none there. The number is fixed: every node of a cluster must hash users to the same channels.
 */
final class ChannelNames {
  /** How many channels users are spread over. */
  static final int USER_BUCKETS = 256;

  private final String prefix;

  ChannelNames(String hubName) {
    this.prefix = escape(hubName) + ":";
  }

  /** The channel a room's frames are published to; also the key of its presence. */
  String room(String room) {
    return prefix + "room:" + room;
  }

  /** The channel a room's presence changes (joins and leaves) are published to. */
  String presence(String room) {
    return prefix + "presence:" + room;
  }

  /**
   * The channel frames for every connection of {@code user} are published to, shared with the
   * other users of its bucket ({@link String#hashCode} is specified, so every JVM agrees).
   */
  String user(String user) {
    return prefix + "users:" + Math.floorMod(user.hashCode(), USER_BUCKETS);
  }

  /** The channel of hub-wide broadcasts. */
  String all() {
    return prefix + "all";
  }

  static String escape(String hubName) {
    return hubName.replace("%", "%25").replace(":", "%3A");
  }
}
