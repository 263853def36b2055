package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a hub's handlers: decodes a text frame once, routes it by {@code type}, and turns every
 * failure into an error frame so that no handler exception escapes to the transport.
 */
final class Dispatcher {
  static final Logger log = LoggerFactory.getLogger(Hub.class);
  private static final String PING = "ping";

  /** Work that may throw anything. */
  private interface Work {
    void run() throws Exception;
  }

  private final Hub hub;
  private final RealtimeMetrics metrics;
  private final Clock clock;
  private final Map<String, MessageHandler> handlers;
  private final TextHandler textHandler;
  private final BinaryHandler binaryHandler;
  private final List<ConnectHandler> connectHandlers;
  private final List<DisconnectHandler> disconnectHandlers;
  private final List<RoomHandler> joinHandlers;
  private final List<RoomHandler> leaveHandlers;

  Dispatcher(Hub hub, Hub.Builder builder) {
    this.hub = hub;
    this.metrics = builder.metrics;
    this.clock = builder.clock;
    this.handlers = Map.copyOf(builder.handlers);
    this.textHandler = builder.textHandler;
    this.binaryHandler = builder.binaryHandler;
    this.connectHandlers = List.copyOf(builder.connectHandlers);
    this.disconnectHandlers = List.copyOf(builder.disconnectHandlers);
    this.joinHandlers = List.copyOf(builder.joinHandlers);
    this.leaveHandlers = List.copyOf(builder.leaveHandlers);
  }

  /** Runs the connect handlers in order; returns false if one refused the client (it is closing). */
  boolean connected(Client client) {
    ConnectHandler.Context context = new ConnectHandler.Context(client);
    for (ConnectHandler handler : connectHandlers) {
      if (!runOnConnect(client, () -> handler.handle(context))) {
        return false;
      }
    }
    return true;
  }

  /** Hands a text frame to the raw text handler, or decodes it and routes it by type. */
  void text(Client client, String text) {
    if (textHandler != null) {
      run(client, () -> textHandler.handle(new TextHandler.Context(client, text)));
    } else {
      dispatchJson(client, text);
    }
  }

  /** Hands a binary frame to the binary handler; false if the hub has none. */
  boolean binary(Client client, ByteBuffer data) {
    if (binaryHandler == null) {
      return false;
    }
    run(client, () -> binaryHandler.handle(new BinaryHandler.Context(client, data)));
    return true;
  }

  void joined(Client client, String room) {
    fire(joinHandlers, client, room);
  }

  void left(Client client, String room) {
    fire(leaveHandlers, client, room);
  }

  void disconnected(Client client, Set<String> rooms, int code, String reason, boolean remote) {
    DisconnectHandler.Context context =
        new DisconnectHandler.Context(client, rooms, code, reason == null ? "" : reason, remote);
    for (DisconnectHandler handler : disconnectHandlers) {
      run(client, () -> handler.handle(context));
    }
  }

  private void fire(List<RoomHandler> roomHandlers, Client client, String room) {
    if (roomHandlers.isEmpty()) {
      return;
    }
    RoomHandler.Context context = new RoomHandler.Context(client, hub.room(room));
    for (RoomHandler handler : roomHandlers) {
      run(client, () -> handler.handle(context));
    }
  }

  private void dispatchJson(Client client, String text) {
    JsonElement requestId = null;
    try {
      JsonObject message = Json.parseObject(text);
      requestId = message.get("id");
      JsonElement type = message.get("type");
      if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
        throw new ProtocolException(ErrorCodes.MISSING_TYPE, "field 'type' must be a string");
      }
      String name = type.getAsString();
      MessageHandler handler = handlers.get(name);
      if (handler != null) {
        handler.handle(new MessageHandler.Context(client, name, message));
      } else if (PING.equals(name)) {
        client.send(pong(requestId));
      } else {
        throw new ProtocolException(ErrorCodes.UNKNOWN_TYPE, "unknown message type '" + truncate(name) + "'");
      }
    } catch (ProtocolException e) {
      answer(client, e, requestId);
    } catch (Exception | StackOverflowError e) {
      internalError(client, e, requestId);
    }
  }

  /** Runs work for a client, answering failures with an error frame; never throws. */
  private void run(Client client, Work work) {
    try {
      work.run();
    } catch (ProtocolException e) {
      answer(client, e, null);
    } catch (Exception | StackOverflowError e) {
      internalError(client, e, null);
    }
  }

  /** Runs a connect handler; a failure refuses the client. Returns whether it may go on. */
  private boolean runOnConnect(Client client, Work work) {
    try {
      work.run();
      return true;
    } catch (ProtocolException e) {
      answer(client, e, null);
      client.close(CloseCodes.POLICY_VIOLATION, truncate(e.getMessage()));
    } catch (Exception | StackOverflowError e) {
      metrics.error();
      log.warn("connect handler failed for {}", client, e);
      client.close(CloseCodes.INTERNAL_ERROR, "internal error");
    }
    return false;
  }

  private void answer(Client client, ProtocolException e, JsonElement requestId) {
    metrics.error();
    log.debug("{} answered {}: {}", client, e.code(), e.getMessage());
    client.send(Json.error(e.code(), e.getMessage(), requestId));
  }

  private void internalError(Client client, Throwable e, JsonElement requestId) {
    metrics.error();
    log.warn("handler failed for {}", client, e);
    client.send(Json.error(ErrorCodes.INTERNAL_ERROR, "the server could not handle this message", requestId));
  }

  private JsonObject pong(JsonElement requestId) {
    JsonObject pong = new JsonObject();
    pong.addProperty("type", "pong");
    pong.addProperty("timestamp", clock.millis());
    if (requestId != null && !requestId.isJsonNull()) {
      pong.add("id", requestId);
    }
    return pong;
  }

  static String truncate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }
}
