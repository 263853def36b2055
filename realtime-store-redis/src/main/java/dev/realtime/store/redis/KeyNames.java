package dev.realtime.store.redis;

import java.util.Objects;

/**
 * Names a store's keys: {@code PREFIX:KIND{NAME}:SUFFIX}. The braces are a Redis Cluster hash tag,
 * so all keys of one document (or of one notification store) share a slot and each script is
 * single-slot; {@code %}, <code>{</code> and <code>}</code> in the name are percent-encoded, so any
 * name is one non-empty tag and two names never share keys.
 */
final class KeyNames {
  private final String base;

  KeyNames(String prefix, String kind, String name) {
    requireNoBraces(prefix, "key prefix");
    this.base = prefix + ":" + kind + "{" + encode(Objects.requireNonNull(name, "name")) + "}";
  }

  /** The key {@code suffix} of this name. */
  String key(String suffix) {
    return base + ":" + suffix;
  }

  static void requireNoBraces(String prefix, String what) {
    Objects.requireNonNull(prefix, what);
    if (prefix.isEmpty() || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException(what + " must be non-empty and without braces: '" + prefix + "'");
    }
  }

  static String encode(String name) {
    if (name.indexOf('%') < 0 && name.indexOf('{') < 0 && name.indexOf('}') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
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
