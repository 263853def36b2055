package dev.realtime.store.redis;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.realtime.notify.Notification;
import dev.realtime.notify.store.NotificationStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link NotificationStore} in Redis that every node of a cluster shares: notifications in
 * publication order, bounded to a capacity, with read state per user and an expiry index; every
 * write is one Lua script.
 *
 * <pre>
 * PREFIX:notify{NAME}:seq       STRING the last sequence number given
 * PREFIX:notify{NAME}:order     ZSET sequence number -> id (publication order)
 * PREFIX:notify{NAME}:bodies    HASH id -> "seq json"
 * PREFIX:notify{NAME}:expiry    ZSET expiry (epoch ms) -> id
 * PREFIX:notify{NAME}:read:ID   SET user ids who read notification ID
 * </pre>
 *
 * <p>Paging reads batches of 100 in one round trip each; while a page is read, the center's
 * per-candidate {@link #isRead} questions on that thread are answered for the whole batch at
 * once. Parsed notifications are cached by their stored text (they never change). Calls block for
 * their round trips and must not run on an event loop; they fail with {@link RedisStoreException}
 * when Redis cannot answer in time. Thread-safe.
 */
public final class RedisNotificationStore implements NotificationStore, AutoCloseable {

  private static final StoreScripts.Script ADD = new StoreScripts.Script("note_add.lua");
  private static final StoreScripts.Script MARK = new StoreScripts.Script("note_mark.lua");
  private static final StoreScripts.Script READ = new StoreScripts.Script("note_read.lua");
  private static final StoreScripts.Script REMOVE = new StoreScripts.Script("note_remove.lua");
  private static final StoreScripts.Script PAGE = new StoreScripts.Script("note_page.lua");
  private static final int BATCH = 100;

  /** One batch being paged through on a thread, with the read state fetched for it per user. */
  private static final class Batch {
    final List<String> ids = new ArrayList<>();
    final Set<String> idSet = new HashSet<>();
    final Map<String, Set<String>> readBy = new HashMap<>();
  }

  private final StoreConnection connection;
  private final StoreScripts scripts;
  private final int capacity;
  private final String seq;
  private final String order;
  private final String bodies;
  private final String expiry;
  private final String readPrefix;
  private final Cache<String, Notification> parsed;
  private final ThreadLocal<Batch> paging = new ThreadLocal<>();

  private RedisNotificationStore(Builder builder, StoreConnection connection) {
    this.connection = connection;
    this.scripts = new StoreScripts(connection.commands());
    scripts.load(ADD, MARK, READ, REMOVE, PAGE);
    this.capacity = builder.capacity;
    KeyNames names = new KeyNames(builder.keyPrefix, "notify", builder.name);
    this.seq = names.key("seq");
    this.order = names.key("order");
    this.bodies = names.key("bodies");
    this.expiry = names.key("expiry");
    this.readPrefix = names.key("read:");
    this.parsed = CacheBuilder.newBuilder().maximumSize(Math.min(2L * capacity, 100_000)).build();
  }

  /** Returns a builder for a store on the Redis at {@code uri}. */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  @Override
  public boolean add(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    Long given = scripts.run(ADD, ScriptOutputType.INTEGER, new String[] {seq, order, bodies, expiry},
        notification.id(), NotificationCodec.encode(notification),
        notification.expiresAt().map(at -> Long.toString(at.toEpochMilli())).orElse(""),
        Integer.toString(capacity), readPrefix);
    return given > 0;
  }

  @Override
  public Optional<Notification> find(String id) {
    Objects.requireNonNull(id, "id");
    String stored = call(() -> commands().hget(bodies, id));
    return stored == null ? Optional.empty() : Optional.of(parse(stored));
  }

  @Override
  public List<Notification> newestFirst(Optional<String> beforeId, Predicate<Notification> include, int limit) {
    Objects.requireNonNull(beforeId, "beforeId");
    Objects.requireNonNull(include, "include");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    List<Notification> page = new ArrayList<>(Math.min(limit, 64));
    String before = "";
    Batch outer = paging.get();
    try {
      while (page.size() < limit) {
        List<Object> reply = scripts.run(PAGE, ScriptOutputType.MULTI, new String[] {order, bodies},
            beforeId.orElse(""), before, Integer.toString(BATCH));
        if (((Long) reply.get(0)) == 0 || reply.size() == 1) {
          break;
        }
        Batch batch = new Batch();
        List<String> stored = new ArrayList<>();
        for (int i = 1; i < reply.size(); i += 2) {
          batch.ids.add((String) reply.get(i));
          stored.add((String) reply.get(i + 1));
        }
        batch.idSet.addAll(batch.ids);
        paging.set(batch);
        for (String text : stored) {
          Notification notification = parse(text);
          if (include.test(notification)) {
            page.add(notification);
            if (page.size() == limit) {
              break;
            }
          }
        }
        String last = stored.get(stored.size() - 1);
        before = last.substring(0, last.indexOf(' '));
        if (stored.size() < BATCH) {
          break;
        }
      }
    } finally {
      if (outer == null) {
        paging.remove();
      } else {
        paging.set(outer);
      }
    }
    return List.copyOf(page);
  }

  @Override
  public int removeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    List<String> due = call(() -> commands().zrangebyscore(expiry, Range.create(Double.NEGATIVE_INFINITY,
        (double) now.toEpochMilli())));
    if (due.isEmpty()) {
      return 0;
    }
    List<KeyValue<String, String>> stored = call(() -> commands().hmget(bodies, due.toArray(String[]::new)));
    List<String> arguments = new ArrayList<>();
    arguments.add(readPrefix);
    for (KeyValue<String, String> entry : stored) {
      // Millisecond scores find candidates; the instant itself decides.
      if (entry.hasValue() && parse(entry.getValue()).isExpiredAt(now)) {
        arguments.add(entry.getKey());
        arguments.add(entry.getValue().substring(0, entry.getValue().indexOf(' ')));
      }
    }
    if (arguments.size() == 1) {
      return 0;
    }
    Long removed = scripts.run(REMOVE, ScriptOutputType.INTEGER, new String[] {order, bodies, expiry},
        arguments.toArray(String[]::new));
    return Math.toIntExact(removed);
  }

  @Override
  public boolean markRead(String userId, String notificationId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(notificationId, "notificationId");
    Long added = scripts.run(MARK, ScriptOutputType.INTEGER, new String[] {bodies}, notificationId, userId, readPrefix);
    Batch batch = paging.get();
    Set<String> known = batch == null ? null : batch.readBy.get(userId);
    if (known != null && added > 0) {
      known.add(notificationId);
    }
    return added > 0;
  }

  @Override
  public boolean isRead(String userId, String notificationId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(notificationId, "notificationId");
    Batch batch = paging.get();
    if (batch != null && batch.idSet.contains(notificationId)) {
      return batch.readBy.computeIfAbsent(userId, user -> readAmong(user, batch.ids)).contains(notificationId);
    }
    return call(() -> commands().sismember(readPrefix + notificationId, userId));
  }

  @Override
  public int size() {
    return Math.toIntExact(call(() -> commands().zcard(order)));
  }

  @Override
  public int capacity() {
    return capacity;
  }

  /** Closes the connection. */
  @Override
  public void close() {
    connection.close();
  }

  private Set<String> readAmong(String userId, List<String> ids) {
    String[] arguments = new String[ids.size() + 2];
    arguments[0] = userId;
    arguments[1] = readPrefix;
    for (int i = 0; i < ids.size(); i++) {
      arguments[i + 2] = ids.get(i);
    }
    List<Object> flags = scripts.run(READ, ScriptOutputType.MULTI, new String[] {bodies}, arguments);
    Set<String> read = new HashSet<>();
    for (int i = 0; i < flags.size(); i++) {
      if (((Long) flags.get(i)) == 1) {
        read.add(ids.get(i));
      }
    }
    return read;
  }

  private Notification parse(String stored) {
    Notification cached = parsed.getIfPresent(stored);
    if (cached != null) {
      return cached;
    }
    Notification notification = NotificationCodec.decode(stored.substring(stored.indexOf(' ') + 1));
    parsed.put(stored, notification);
    return notification;
  }

  private RedisClusterCommands<String, String> commands() {
    return connection.commands();
  }

  private static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new RedisStoreException(e.getMessage(), e);
    }
  }

  /** Configures a {@link RedisNotificationStore}; every setting but the URI has a default. */
  public static final class Builder {
    private final String uri;
    private boolean cluster;
    private String keyPrefix = "realtime";
    private String name = "notifications";
    private int capacity = 1_000;
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(2);

    private Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Connects to a Redis Cluster (the URI names seed nodes) instead of one server. */
    public Builder cluster(boolean enabled) {
      this.cluster = enabled;
      return this;
    }

    /** Sets the prefix of every key (default {@code realtime}; no braces). */
    public Builder keyPrefix(String prefix) {
      KeyNames.requireNoBraces(prefix, "key prefix");
      this.keyPrefix = prefix;
      return this;
    }

    /** Names this store (default {@code notifications}): stores of other names share nothing. */
    public Builder name(String storeName) {
      Objects.requireNonNull(storeName, "name");
      if (storeName.isEmpty()) {
        throw new IllegalArgumentException("name must not be empty");
      }
      this.name = storeName;
      return this;
    }

    /** Sets how many notifications are kept (default 1,000); every node sharing the store should agree. */
    public Builder capacity(int notifications) {
      if (notifications < 1) {
        throw new IllegalArgumentException("capacity must be positive, was " + notifications);
      }
      this.capacity = notifications;
      return this;
    }

    /** Sets how long a call may wait for Redis before it fails (default 2 s). */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = RedisDocumentStore.positive(timeout, "commandTimeout");
      return this;
    }

    /** Sets how long connecting may take (default 2 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = RedisDocumentStore.positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Connects and returns the store; close it at the end.
     *
     * @throws RedisStoreException if Redis cannot be reached
     */
    public RedisNotificationStore connect() {
      StoreConnection connection = StoreConnection.open(uri, cluster, commandTimeout, connectTimeout);
      try {
        return new RedisNotificationStore(this, connection);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    }
  }
}
