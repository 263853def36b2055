package dev.realtime.hub;

/**
 * The broker channels of one hub.
 *
 * <p>Every name is the escaped hub name, a colon, a kind and (except for the hub-wide channel) a
 * colon and the room or user name as given: {@code chat:room:general}, {@code chat:presence:general},
 * {@code chat:user:ann}, {@code chat:all}. The hub name has {@code %} and {@code :} percent-encoded,
 * so the first colon always ends it and the kind is fixed text: two different (hub, kind, name)
 * triples never give the same channel, whatever characters rooms and users contain.
 */
final class ChannelNames {
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

  /** The channel frames for every connection of one user are published to. */
  String user(String user) {
    return prefix + "user:" + user;
  }

  /** The channel of hub-wide broadcasts. */
  String all() {
    return prefix + "all";
  }

  static String escape(String hubName) {
    return hubName.replace("%", "%25").replace(":", "%3A");
  }
}
