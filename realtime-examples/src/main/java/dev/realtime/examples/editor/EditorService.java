package dev.realtime.examples.editor;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.broker.Broker;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.MessageHandler;
import dev.realtime.hub.PresenceHandler;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.InMemoryDocumentStore;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.Selection;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ProtocolException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collaborative editor on a {@link Hub}: the editor page's paths and message names, with the
 * revision and sequence numbers operational transformation needs (see docs/collaborative-editing.md).
 *
 * <p>A client connects to {@code /editor?username=U&doc=D&client=C}, where C names one page session
 * (kept across its reconnects) and a reconnecting client adds {@code version=N}, the revision it has.
 *
 * <p>On many nodes every node keeps a copy of each document its clients have open; the shared
 * {@link DocumentStore} orders operations (see {@code SharedDocument}) and the broker carries the
 * committed ones, cursors and participants to the other nodes' copies.
 */
public final class EditorService {
  /** The longest document accepted, in UTF-16 code units. */
  public static final int MAX_DOCUMENT_LENGTH = 1_000_000;
  /** The most components one operation may have. */
  public static final int MAX_OPERATION_COMPONENTS = 10_000;
  /** The most documents open at once; a connection to one more is refused. */
  public static final int MAX_DOCUMENTS = 1_000;
  /** The longest username, document id or session id. */
  public static final int MAX_NAME_LENGTH = 64;
  /** Cursor colours, one per participant by name. */
  static final List<String> COLORS =
      List.of("#FF6B6B", "#4ECDC4", "#45B7D1", "#96CEB4", "#FFEAA7", "#DDA0DD", "#98D8C8", "#F7DC6F");

  /** How many times a commit that lost the race to another node is retried, transformed further. */
  public static final int COMMIT_ATTEMPTS = 10;
  /** A snapshot is stored every this many operations (or every {@code maxHistory}, if fewer). */
  public static final int SNAPSHOT_EVERY = 500;

  /** The longest wait for the broker or the store while a document opens. */
  static final Duration WAIT = Duration.ofSeconds(5);
  /** How long an operation heard early waits for its predecessor before the store is asked. */
  static final Duration GAP_WAIT = Duration.ofMillis(200);
  /** How many times publishing a committed operation is retried before other nodes must read it from the store. */
  static final int PUBLISH_ATTEMPTS = 4;

  private static final Logger log = LoggerFactory.getLogger(EditorService.class);
  private static final String DOCUMENT = "editor.document";
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME_LENGTH + "}");
  private static final BigDecimal MAX_SEQ = BigDecimal.valueOf(1L << 53);

  private final Hub hub;
  private final DocumentStore<String, TextOperation> store;
  private final Broker broker;
  private final boolean ownBroker;
  private final boolean clustered;
  private final Executor worker;
  private final ScheduledExecutorService scheduler;
  private final int maxHistory;
  private final int maxLength;
  private final int snapshotEvery;
  private final Map<String, EditorDocument> documents = new ConcurrentHashMap<>();

  /** Builds the editor hub from {@code hub} on one node, in memory, with the default history and size bounds. */
  public EditorService(Hub.Builder hub) {
    this(hub, new InMemoryDocumentStore<>(PlainText.INSTANCE, ServerDocument.DEFAULT_MAX_HISTORY),
        ServerDocument.DEFAULT_MAX_HISTORY, MAX_DOCUMENT_LENGTH);
  }

  /**
   * Builds the editor hub on one node over {@code store}, keeping at most {@code maxHistory}
   * operations per document in memory and {@code maxLength} code units. Documents' work runs on
   * the calling threads, one task at a time per document: for stores that answer from memory.
   */
  public EditorService(
      Hub.Builder hub, DocumentStore<String, TextOperation> store, int maxHistory, int maxLength) {
    this(hub, store, Optional.empty(), MoreExecutors.directExecutor(), Optional.empty(), maxHistory, maxLength);
  }

  /**
   * Builds the editor hub as one node of a cluster: {@code store} is shared by every node (it
   * orders each document's operations), {@code broker} is the hub's and carries committed
   * operations and cursors to the other nodes; each document's work runs on {@code worker}, one
   * task at a time (store calls block, so never give a transport's threads).
   */
  public EditorService(Hub.Builder hub, DocumentStore<String, TextOperation> store, Broker broker, Executor worker,
      ScheduledExecutorService scheduler, int maxHistory, int maxLength) {
    this(hub.broker(broker), store, Optional.of(broker), worker, Optional.of(scheduler), maxHistory, maxLength);
  }

  private EditorService(Hub.Builder hub, DocumentStore<String, TextOperation> store, Optional<Broker> broker,
      Executor worker, Optional<ScheduledExecutorService> scheduler, int maxHistory, int maxLength) {
    if (maxHistory < 1 || maxLength < 1) {
      throw new IllegalArgumentException("maxHistory and maxLength must be positive");
    }
    this.store = Objects.requireNonNull(store, "store");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.clustered = broker.isPresent();
    // Alone, the documents' channels live in a broker of their own (the hub's is private to it).
    this.broker = broker.orElseGet(InMemoryBroker::create);
    this.ownBroker = broker.isEmpty();
    this.scheduler = scheduler.orElse(null);
    this.maxHistory = maxHistory;
    this.maxLength = maxLength;
    this.snapshotEvery = Math.min(SNAPSHOT_EVERY, maxHistory);
    this.hub = hub
        .onConnect(ctx -> connected(ctx.client()))
        .on("operation", this::operation)
        .on("cursor", this::cursor)
        .on("resync", ctx -> document(ctx.client()).resync(ctx.client(), ctx.id().orElse(null)))
        .onDisconnect(ctx -> disconnected(ctx.client()))
        // Presence tells who is in a document on every node, and who vanished with a node that died.
        .onPresence(this::presenceChanged)
        .build();
  }

  /** The hub to route at {@code /editor}. */
  public Hub hub() {
    return hub;
  }

  /** This node's copy of document {@code id}, if it is open here. */
  public Optional<ServerDocument<String, TextOperation>> document(String id) {
    return Optional.ofNullable(documents.get(id)).flatMap(EditorDocument::replica);
  }

  /** How many documents are open on this node (a document no client here has open leaves memory). */
  public int openDocuments() {
    return documents.size();
  }

  /** Closes the hub and what this service made for itself. */
  public void close() {
    hub.close();
    if (ownBroker) {
      broker.close();
    }
  }

  // ---- for EditorDocument ----

  DocumentStore<String, TextOperation> store() {
    return store;
  }

  Broker broker() {
    return broker;
  }

  boolean clustered() {
    return clustered;
  }

  String nodeId() {
    return broker.nodeId();
  }

  int maxHistory() {
    return maxHistory;
  }

  int maxLength() {
    return maxLength;
  }

  int commitAttempts() {
    return COMMIT_ATTEMPTS;
  }

  /** The broker channel of document {@code id}: beside the hub's own channels, never one of them. */
  String channelOf(String id) {
    return hub.name().replace("%", "%25").replace(":", "%3A") + ":document:" + id;
  }

  /** Runs {@code task} after {@code delay}, off the caller's thread. */
  void schedule(Runnable task, Duration delay) {
    if (scheduler != null) {
      scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(task);
    }
  }

  /** Stores a snapshot every {@code snapshotEvery} revisions, so late joiners load little of the log. */
  void snapshotIfDue(String id, ServerDocument<String, TextOperation> replica) {
    if (replica.revision() % snapshotEvery != 0) {
      return;
    }
    try {
      store.compact(id, replica.snapshot());
    } catch (RuntimeException e) {
      // The log still holds everything: the next snapshot covers this one.
      log.warn("document {}: the snapshot at revision {} was not stored", id, replica.revision(), e);
    }
  }

  /** The document left memory. */
  void forget(String id, EditorDocument document) {
    documents.remove(id, document);
  }

  static String colorOf(String username) {
    return COLORS.get(Math.floorMod(username.hashCode(), COLORS.size()));
  }

  private void connected(Client client) {
    String username = name(client.handshake().query("username").orElse(""), "Anonymous", "username");
    String docId = name(client.handshake().query("doc").orElse(""), "default", "doc");
    String session = client.handshake().query("client").map(String::trim).filter(s -> !s.isEmpty())
        .orElse("connection-" + client.id());
    if (!SESSION_ID.matcher(session).matches()) {
      throw ProtocolException.invalid("client must be 1 to " + MAX_NAME_LENGTH + " letters, digits, '-' or '_'");
    }
    OptionalInt knownVersion = OptionalInt.empty();
    Optional<String> version = client.handshake().query("version");
    if (version.isPresent()) {
      try {
        knownVersion = OptionalInt.of(Integer.parseInt(version.get()));
      } catch (NumberFormatException e) {
        throw ProtocolException.invalid("version must be an integer");
      }
    }
    client.setUser(username);
    EditorDocument document = reserve(docId, client);
    if (document == null) {
      client.close(CloseCodes.TRY_AGAIN_LATER, "too many open documents");
      return;
    }
    client.setAttribute(DOCUMENT, docId);
    if (!client.isOpen()) {
      // It closed meanwhile and its disconnect may have found no attribute: release it here (once).
      document.close(client);
      return;
    }
    document.open(client, new Participant(client.id(), username, colorOf(username), session, Selection.caret(0)),
        knownVersion);
  }

  /** The document {@code docId} with {@code client} counted on it, or null when too many are open. */
  private EditorDocument reserve(String docId, Client client) {
    while (true) {
      EditorDocument existing = documents.get(docId);
      if (existing != null && existing.reserve(client)) {
        return existing;
      }
      if (existing == null && documents.size() >= MAX_DOCUMENTS) {
        return null;
      }
      // A document leaving memory is replaced by one that opens once it is gone.
      EditorDocument created = new EditorDocument(this, docId, MoreExecutors.newSequentialExecutor(worker),
          existing == null ? CompletableFuture.completedFuture(null) : existing.gone());
      boolean placed = existing == null
          ? documents.putIfAbsent(docId, created) == null
          : documents.replace(docId, existing, created);
      if (placed && created.reserve(client)) {
        return created;
      }
    }
  }

  private void presenceChanged(PresenceHandler.Context ctx) {
    String room = ctx.room().name();
    if (!ctx.left().isEmpty() && room.startsWith(EditorDocument.ROOM_PREFIX)) {
      EditorDocument document = documents.get(room.substring(EditorDocument.ROOM_PREFIX.length()));
      if (document != null) {
        document.presenceLeft(ctx.left());
      }
    }
  }

  private void operation(MessageHandler.Context ctx) {
    Client client = ctx.client();
    JsonObject message = ctx.message();
    int version = (int) number(message, "version", Integer.MAX_VALUE, 0);
    long seq = number(message, "seq", MAX_SEQ.longValue(), 1);
    JsonElement operation = message.get("operation");
    IntFunction<TextOperation> parsed;
    if (operation != null && operation.isJsonArray()) {
      if (operation.getAsJsonArray().size() > MAX_OPERATION_COMPONENTS) {
        throw ProtocolException.invalid("an operation may have at most " + MAX_OPERATION_COMPONENTS + " components");
      }
      TextOperation decoded = decode(() -> TextOperationCodec.fromJson(operation));
      parsed = length -> decoded;
    } else if (operation != null && operation.isJsonObject()) {
      PositionalOperation positional = decode(() -> PositionalOperation.fromJson(operation));
      parsed = positional::toTextOperation;
    } else {
      throw ProtocolException.invalid("field 'operation' must be an array like [3,\"abc\",-2] or a positional object");
    }
    document(client).submit(client, seq, version, parsed, ctx.id().orElse(null));
  }

  private void cursor(MessageHandler.Context ctx) {
    Client client = ctx.client();
    JsonObject message = ctx.message();
    JsonElement cursor = message.get("cursor");
    if (cursor == null || !cursor.isJsonObject()) {
      throw ProtocolException.invalid("field 'cursor' must be an object");
    }
    JsonObject fields = cursor.getAsJsonObject();
    int position = (int) number(fields, "position", Integer.MAX_VALUE, 0);
    int end = fields.has("selection_end") && !fields.get("selection_end").isJsonNull()
        ? (int) number(fields, "selection_end", Integer.MAX_VALUE, 0)
        : position;
    OptionalInt version = message.has("version") && !message.get("version").isJsonNull()
        ? OptionalInt.of((int) number(message, "version", Integer.MAX_VALUE, 0))
        : OptionalInt.empty();
    document(client).moveCursor(client, new Selection(position, end), version, ctx.id().orElse(null));
  }

  private void disconnected(Client client) {
    client.<String>attribute(DOCUMENT).ifPresent(docId -> {
      EditorDocument document = documents.get(docId);
      if (document != null) {
        document.close(client);
      }
    });
  }

  private EditorDocument document(Client client) {
    return client.<String>attribute(DOCUMENT).map(documents::get)
        .orElseThrow(() -> new ProtocolException("not_joined", "this connection has no open document"));
  }

  /** Something that reads or transforms an operation and may find it invalid. */
  interface Decoder<T> {
    T decode();
  }

  /** Runs {@code decoder}, turning an invalid operation into the protocol's {@code invalid_operation}. */
  static <T> T decode(Decoder<T> decoder) {
    try {
      return decoder.decode();
    } catch (InvalidOperationException e) {
      throw new ProtocolException("invalid_operation", e.getMessage());
    }
  }

  /** Reads an integral field within [min, max]; rejects strings, fractions and huge numbers alike. */
  private static long number(JsonObject message, String field, long max, long min) {
    JsonElement value = message.get(field);
    if (value == null || !value.isJsonPrimitive() || !((JsonPrimitive) value).isNumber()) {
      throw ProtocolException.invalid("field '" + field + "' must be a number");
    }
    BigDecimal number;
    try {
      number = value.getAsBigDecimal();
    } catch (NumberFormatException e) {
      throw ProtocolException.invalid("field '" + field + "' must be a number");
    }
    if (number.scale() > 0 && number.stripTrailingZeros().scale() > 0) {
      throw ProtocolException.invalid("field '" + field + "' must be an integer");
    }
    if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw ProtocolException.invalid("field '" + field + "' must be between " + min + " and " + max);
    }
    return number.longValueExact();
  }

  private static String name(String given, String fallback, String what) {
    String trimmed = given.trim();
    if (trimmed.isEmpty()) {
      return fallback;
    }
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw ProtocolException.invalid(what + " must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }
}
