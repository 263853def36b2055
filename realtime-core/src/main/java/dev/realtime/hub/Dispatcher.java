package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.hub.Handlers.MessageHandler;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes, routes and runs handlers so that no handler failure escapes to the transport. */
final class Dispatcher {
  static final Logger log = LoggerFactory.getLogger(Hub.class);
  private static final String PING = "ping";

  /** Work that may throw anything. */
  interface Work {
    void run() throws Exception;
  }

  private final Hub hub;

  Dispatcher(Hub hub) {
    this.hub = hub;
  }

  void dispatchJson(Client client, String text, Map<String, MessageHandler> handlers) {
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
        handler.handle(client, message);
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
  void run(Client client, Work work) {
    try {
      work.run();
    } catch (ProtocolException e) {
      answer(client, e, null);
    } catch (Exception | StackOverflowError e) {
      internalError(client, e, null);
    }
  }

  /** Runs a connect handler; a failure refuses the client. Returns whether it may go on. */
  boolean runOnConnect(Client client, Work work) {
    try {
      work.run();
      return true;
    } catch (ProtocolException e) {
      answer(client, e, null);
      client.close(CloseCodes.POLICY_VIOLATION, truncate(e.getMessage()));
    } catch (Exception | StackOverflowError e) {
      hub.metrics().error();
      log.warn("connect handler failed for {}", client, e);
      client.close(CloseCodes.INTERNAL_ERROR, "internal error");
    }
    return false;
  }

  private void answer(Client client, ProtocolException e, JsonElement requestId) {
    hub.metrics().error();
    log.debug("{} answered {}: {}", client, e.code(), e.getMessage());
    client.send(Json.error(e.code(), e.getMessage(), requestId));
  }

  private void internalError(Client client, Throwable e, JsonElement requestId) {
    hub.metrics().error();
    log.warn("handler failed for {}", client, e);
    client.send(Json.error(ErrorCodes.INTERNAL_ERROR, "the server could not handle this message", requestId));
  }

  private static JsonObject pong(JsonElement requestId) {
    JsonObject pong = new JsonObject();
    pong.addProperty("type", "pong");
    pong.addProperty("timestamp", System.currentTimeMillis());
    if (requestId != null && !requestId.isJsonNull()) {
      pong.add("id", requestId);
    }
    return pong;
  }

  private static String truncate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }
}
