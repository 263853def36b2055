package dev.realtime.examples.editor;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.MessageHandler;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The collaborative editor on a {@link Hub}: the editor page's paths and message names, with the
 * revision and sequence numbers operational transformation needs (see docs/collaborative-editing.md).
 *
 * <p>A client connects to {@code /editor?username=U&doc=D&client=C}, where C names one page session
 * (kept across its reconnects) and a reconnecting client adds {@code version=N}, the revision it has.
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

  private static final String DOCUMENT = "editor.document";
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME_LENGTH + "}");
  private static final BigDecimal MAX_SEQ = BigDecimal.valueOf(1L << 53);

  private final Hub hub;
  private final DocumentStore<String, TextOperation> store;
  private final int maxHistory;
  private final int maxLength;
  private final Map<String, EditorDocument> documents = new ConcurrentHashMap<>();

  /** Builds the editor hub from {@code hub} with an in-memory store and the default history and size bounds. */
  public EditorService(Hub.Builder hub) {
    this(hub, new InMemoryDocumentStore<>(PlainText.INSTANCE), ServerDocument.DEFAULT_MAX_HISTORY,
        MAX_DOCUMENT_LENGTH);
  }

  /** Builds the editor hub keeping at most {@code maxHistory} operations per document and {@code maxLength} code units. */
  public EditorService(
      Hub.Builder hub, DocumentStore<String, TextOperation> store, int maxHistory, int maxLength) {
    this.store = store;
    this.maxHistory = maxHistory;
    this.maxLength = maxLength;
    this.hub = hub
        .onConnect(ctx -> connected(ctx.client()))
        .on("operation", this::operation)
        .on("cursor", this::cursor)
        .on("resync", ctx -> document(ctx.client()).resync(ctx.client()))
        .onDisconnect(ctx -> disconnected(ctx.client()))
        .build();
  }

  /** The hub to route at {@code /editor}. */
  public Hub hub() {
    return hub;
  }

  /** The server state of document {@code id}, if open or stored. */
  public Optional<ServerDocument<String, TextOperation>> document(String id) {
    return Optional.ofNullable(documents.get(id)).map(EditorDocument::document);
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
    EditorDocument document = open(docId);
    if (document == null) {
      client.close(CloseCodes.TRY_AGAIN_LATER, "too many open documents");
      return;
    }
    client.setUser(username);
    client.setAttribute(DOCUMENT, docId);
    String color = COLORS.get(Math.floorMod(username.hashCode(), COLORS.size()));
    document.open(new Participant(client, client.id(), username, color, session, Selection.caret(0)), knownVersion);
  }

  private EditorDocument open(String docId) {
    EditorDocument existing = documents.get(docId);
    if (existing != null || documents.size() >= MAX_DOCUMENTS) {
      return existing;
    }
    return documents.computeIfAbsent(docId, id -> new EditorDocument(hub, id,
        ServerDocument.load(PlainText.INSTANCE, store, id, maxHistory), maxLength));
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
    document(client).submit(client, seq, version, parsed);
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
    document(client).moveCursor(client, new Selection(position, end), version);
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

  private interface Decoder<T> {
    T decode();
  }

  private static <T> T decode(Decoder<T> decoder) {
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
