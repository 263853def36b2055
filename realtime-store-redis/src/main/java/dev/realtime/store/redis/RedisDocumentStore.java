package dev.realtime.store.redis;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link DocumentStore} in Redis that servers on many nodes share: each document's snapshot and
 * bounded operation log, with {@link #commit} one Lua script, so Redis alone decides the order of
 * a document's operations.
 *
 * <pre>
 * PREFIX:doc{ID}:meta      HASH v (end of the log), b (revision of its first entry), s (snapshot revision)
 * PREFIX:doc{ID}:log       LIST entries, oldest first ("seq len:client operation")
 * PREFIX:doc{ID}:snapshot  HASH r (revision), c (content)
 * PREFIX:doc{ID}:seqs      HASH client -> "seq produced": its last entry, for deduplication
 * PREFIX:doc{ID}:clients   ZSET client -> produced: to forget clients whose last entry is trimmed
 * </pre>
 *
 * <p>The log keeps at most {@code logLimit} entries (more while the snapshot is older), trimmed
 * when a snapshot is stored. Calls block for one round trip and must not run on an event loop;
 * they fail with {@link RedisStoreException} when Redis cannot answer within the command timeout
 * (a commit may then have happened: committing again answers {@link CommitResult.Duplicate}).
 * Thread-safe.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public final class RedisDocumentStore<S, O> implements DocumentStore<S, O>, AutoCloseable {

  private static final StoreScripts.Script COMMIT = new StoreScripts.Script("doc_commit.lua");
  private static final StoreScripts.Script COMPACT = new StoreScripts.Script("doc_compact.lua");
  private static final StoreScripts.Script LOAD = new StoreScripts.Script("doc_load.lua");
  private static final StoreScripts.Script SINCE = new StoreScripts.Script("doc_since.lua");

  private final StoreConnection connection;
  private final StoreScripts scripts;
  private final OperationTransformer<S, O> transformer;
  private final ValueCodec<S> contents;
  private final ValueCodec<O> operations;
  private final String prefix;
  private final String logLimit;

  private RedisDocumentStore(Builder<S, O> builder, StoreConnection connection) {
    this.connection = connection;
    this.scripts = new StoreScripts(connection.commands());
    scripts.load(COMMIT, COMPACT, LOAD, SINCE);
    this.transformer = builder.transformer;
    this.contents = builder.contents;
    this.operations = builder.operations;
    this.prefix = builder.keyPrefix;
    this.logLimit = Integer.toString(builder.logLimit);
  }

  /** Returns a builder for a store of plain-text documents on the Redis at {@code uri}. */
  public static Builder<String, TextOperation> plainText(String uri) {
    return builder(uri, PlainText.INSTANCE, ValueCodec.text(), ValueCodec.textOperations());
  }

  /**
   * Returns a builder for documents of {@code transformer}'s type, written with the two codecs, on
   * the Redis at {@code uri} ({@code redis://[:password@]host:port[/db]}, {@code rediss://} for TLS).
   */
  public static <S, O> Builder<S, O> builder(
      String uri, OperationTransformer<S, O> transformer, ValueCodec<S> contents, ValueCodec<O> operations) {
    return new Builder<>(uri, transformer, contents, operations);
  }

  @Override
  public Optional<StoredDocument<S, O>> load(String documentId) {
    String[] keys = keys(documentId, "meta", "log", "snapshot");
    List<Object> reply = scripts.run(LOAD, ScriptOutputType.MULTI, keys);
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    int snapshotRevision = number(reply.get(1));
    S content = number(reply.get(2)) == 1 ? contents.decode((String) reply.get(3)) : transformer.empty();
    return Optional.of(new StoredDocument<>(new DocumentSnapshot<>(snapshotRevision, content),
        entries(reply.get(4), snapshotRevision)));
  }

  @Override
  public void append(String documentId, HistoryEntry<O> entry) {
    CommitResult result = commit(documentId, entry, entry.revision());
    if (!(result instanceof CommitResult.Committed)) {
      throw new IllegalStateException("log of " + documentId + " does not take an entry at revision "
          + entry.revision() + ": " + result);
    }
  }

  @Override
  public void compact(String documentId, DocumentSnapshot<S> snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    String[] keys = keys(documentId, "meta", "log", "snapshot", "seqs", "clients");
    Long stored = scripts.run(COMPACT, ScriptOutputType.INTEGER, keys,
        Integer.toString(snapshot.revision()), contents.encode(snapshot.content()), logLimit);
    if (stored < 0) {
      throw new IllegalStateException("snapshot revision " + snapshot.revision() + " is beyond the log of " + documentId);
    }
  }

  @Override
  public CommitResult commit(String documentId, HistoryEntry<O> entry, int baseRevision) {
    Objects.requireNonNull(entry, "entry");
    if (baseRevision < 0 || baseRevision > entry.revision()) {
      throw new IllegalArgumentException("baseRevision " + baseRevision + " must be between 0 and the entry's revision "
          + entry.revision());
    }
    String[] keys = keys(documentId, "meta", "log", "seqs", "clients");
    List<Object> reply = scripts.run(COMMIT, ScriptOutputType.MULTI, keys, Integer.toString(entry.revision()),
        Integer.toString(baseRevision), entry.clientId(), Long.toString(entry.seq()), encode(entry));
    int revision = number(reply.get(1));
    return switch (number(reply.get(0))) {
      case 0 -> new CommitResult.Committed(revision);
      case 1 -> new CommitResult.Duplicate(revision < 0 ? OptionalInt.empty() : OptionalInt.of(revision));
      case 2 -> new CommitResult.Conflict(revision);
      default -> new CommitResult.Stale(revision);
    };
  }

  @Override
  public Optional<List<HistoryEntry<O>>> entriesSince(String documentId, int revision) {
    List<Object> reply = scripts.run(SINCE, ScriptOutputType.MULTI, keys(documentId, "meta", "log"),
        Integer.toString(revision));
    if (number(reply.get(0)) == 0) {
      return Optional.empty();
    }
    return Optional.of(entries(reply.get(1), revision));
  }

  /** Closes the connection. */
  @Override
  public void close() {
    connection.close();
  }

  private String[] keys(String documentId, String... suffixes) {
    KeyNames names = new KeyNames(prefix, "doc", Objects.requireNonNull(documentId, "documentId"));
    String[] keys = new String[suffixes.length];
    for (int i = 0; i < suffixes.length; i++) {
      keys[i] = names.key(suffixes[i]);
    }
    return keys;
  }

  private String encode(HistoryEntry<O> entry) {
    return entry.seq() + " " + entry.clientId().length() + ":" + entry.clientId() + operations.encode(entry.operation());
  }

  private List<HistoryEntry<O>> entries(Object reply, int firstRevision) {
    List<?> raw = (List<?>) reply;
    List<HistoryEntry<O>> entries = new ArrayList<>(raw.size());
    int revision = firstRevision;
    for (Object item : raw) {
      String text = (String) item;
      int space = text.indexOf(' ');
      int colon = text.indexOf(':', space);
      int length = Integer.parseInt(text, space + 1, colon, 10);
      String clientId = text.substring(colon + 1, colon + 1 + length);
      entries.add(new HistoryEntry<>(clientId, Long.parseLong(text, 0, space, 10), revision++,
          operations.decode(text.substring(colon + 1 + length))));
    }
    return entries;
  }

  private static int number(Object reply) {
    return Math.toIntExact((Long) reply);
  }

  /**
   * Configures a {@link RedisDocumentStore}; every setting but the URI, the type and its codecs
   * has a default.
   *
   * @param <S> the content type
   * @param <O> the operation type
   */
  public static final class Builder<S, O> {
    private final String uri;
    private final OperationTransformer<S, O> transformer;
    private final ValueCodec<S> contents;
    private final ValueCodec<O> operations;
    private boolean cluster;
    private String keyPrefix = "realtime";
    private int logLimit = 10_000;
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(2);

    private Builder(String uri, OperationTransformer<S, O> transformer, ValueCodec<S> contents, ValueCodec<O> operations) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.transformer = Objects.requireNonNull(transformer, "transformer");
      this.contents = Objects.requireNonNull(contents, "contents");
      this.operations = Objects.requireNonNull(operations, "operations");
    }

    /** Connects to a Redis Cluster (the URI names seed nodes) instead of one server. */
    public Builder<S, O> cluster(boolean enabled) {
      this.cluster = enabled;
      return this;
    }

    /** Sets the prefix of every key (default {@code realtime}; no braces). */
    public Builder<S, O> keyPrefix(String prefix) {
      KeyNames.requireNoBraces(prefix, "key prefix");
      this.keyPrefix = prefix;
      return this;
    }

    /**
     * Sets how many entries each document's log keeps (default 10,000; more while the snapshot is
     * older): clients that far behind can still catch up, and their resubmissions are recognised.
     */
    public Builder<S, O> logLimit(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("logLimit must not be negative, was " + entries);
      }
      this.logLimit = entries;
      return this;
    }

    /** Sets how long a call may wait for Redis before it fails (default 2 s). */
    public Builder<S, O> commandTimeout(Duration timeout) {
      this.commandTimeout = positive(timeout, "commandTimeout");
      return this;
    }

    /** Sets how long connecting may take (default 2 s). */
    public Builder<S, O> connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Connects and returns the store; close it at the end.
     *
     * @throws RedisStoreException if Redis cannot be reached
     */
    public RedisDocumentStore<S, O> connect() {
      StoreConnection connection = StoreConnection.open(uri, cluster, commandTimeout, connectTimeout);
      try {
        return new RedisDocumentStore<>(this, connection);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    }
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
