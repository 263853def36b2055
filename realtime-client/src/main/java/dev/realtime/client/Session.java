package dev.realtime.client;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's state machine: attempts, backoff, the heartbeat, delivery and close. Every method
 * whose name is not public API runs on the <b>event thread</b> — a sequential executor over the
 * client's scheduler — so the state needs no lock and callbacks never overlap. Events from the
 * JDK's threads and timers only submit work to it; a {@link Link} that is no longer the current one
 * is ignored, which is how a late event of an old connection can never disturb a new one.
 */
final class Session {
  private static final Logger log = LoggerFactory.getLogger(RealtimeClient.class);
  /** The close code the client reports (and sends) when the application heartbeat timed out. */
  static final int HEARTBEAT_TIMEOUT = 4000;
  private static final String HEARTBEAT_ID = "realtime-client-heartbeat-";

  private final RealtimeClient.Builder options;
  private final Backoff backoff;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Executor events;
  private final Outbox outbox;
  private final Rooms rooms;
  private final Listeners listeners;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  // Event-thread state; state is also read from other threads.
  private volatile State state = State.DISCONNECTED;
  private volatile boolean closing;
  private Link link;
  private boolean open;
  private int attempt;
  private long pings;
  private Future<?> retry;
  private Future<?> heartbeat;
  private Future<?> abortTimer;

  Session(RealtimeClient.Builder options) {
    this.options = options;
    this.backoff = new Backoff(options.initialDelay, options.maxDelay, options.random);
    if (options.scheduler != null) {
      this.scheduler = options.scheduler;
      this.ownsScheduler = false;
    } else {
      ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "realtime-client " + options.url.getAuthority());
        thread.setDaemon(true);
        return thread;
      });
      own.setRemoveOnCancelPolicy(true);
      own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      this.scheduler = own;
      this.ownsScheduler = true;
    }
    this.events = MoreExecutors.newSequentialExecutor(scheduler);
    this.outbox = new Outbox(options.maxQueuedMessages, options.maxQueuedChars);
    this.rooms = new Rooms(options.rooms);
    this.listeners = new Listeners(options.listeners);
  }

  // ---- public API, any thread ----

  State state() {
    return state;
  }

  void connect() {
    if (closing) {
      throw new IllegalStateException("the client is closed");
    }
    submit(this::connectNow);
  }

  SendResult send(String text) {
    return outbox.offer(text);
  }

  int queueSize() {
    return outbox.size();
  }

  void join(String room) {
    submit(() -> {
      if (state != State.CLOSED && rooms.join(room) && open) {
        outbox.offerControl(Json.encode(options.rooms.joinFrame(room, Optional.empty())));
      }
    });
  }

  void leave(String room) {
    submit(() -> {
      if (state != State.CLOSED && rooms.leave(room) && open) {
        outbox.offerControl(Json.encode(options.rooms.leaveFrame(room)));
      }
    });
  }

  Rooms rooms() {
    return rooms;
  }

  void close() {
    closing = true;
    outbox.refuseNew();
    submit(this::closeNow);
  }

  CompletionStage<Void> terminated() {
    return terminated.minimalCompletionStage();
  }

  // ---- events from links (JDK threads): handed to the event thread ----

  void opened(Link from, WebSocket socket) {
    submit(() -> {
      if (from != link) {
        socket.abort();
        return;
      }
      if (state == State.CLOSED) {
        socket.abort();
        link = null;
        finish();
        return;
      }
      open = true;
      attempt = 0;
      outbox.attach(socket, rooms.joinFrames(Json::encode));
      startHeartbeat(from);
      transition(State.CONNECTED, OptionalInt.empty(), "", Optional.empty());
    });
  }

  void received(Link from, String text, Runnable done) {
    submit(() -> {
      try {
        if (from == link && open && state == State.CONNECTED) {
          deliver(text);
        }
      } finally {
        done.run();
      }
    });
  }

  void closed(Link from, int code, String reason) {
    submit(() -> ended(from, OptionalInt.of(code), reason));
  }

  void failed(Link from, Throwable error) {
    submit(() -> ended(from, OptionalInt.of(CloseCodes.ABNORMAL), Failures.describe(error)));
  }

  void tooBig(Link from, int maxChars) {
    submit(() -> {
      if (from == link) {
        closeAndAbort(from, CloseCodes.MESSAGE_TOO_BIG, "message too big");
        ended(from, OptionalInt.of(CloseCodes.MESSAGE_TOO_BIG), "a message exceeded " + maxChars + " characters");
      }
    });
  }

  void binaryIgnored(Link from) {
    log.debug("ignored a binary message from {}: this client handles text only", options.url);
  }

  // ---- the event thread ----

  private void connectNow() {
    if (state == State.CLOSED || state == State.CONNECTED || link != null) {
      return;
    }
    cancel(retry);
    if (state == State.DISCONNECTED) {
      transition(State.CONNECTING, OptionalInt.empty(), "", Optional.empty());
    }
    startAttempt();
  }

  private void startAttempt() {
    Link attemptLink = new Link(this, options.maxMessageChars);
    link = attemptLink;
    open = false;
    CompletableFuture<Optional<String>> token;
    try {
      // A stage of our own, so the timeout never touches one the supplier may share.
      token = options.tokens.token().toCompletableFuture().thenApply(value -> value);
    } catch (RuntimeException e) {
      token = CompletableFuture.failedFuture(e);
    }
    token.orTimeout(options.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((value, failure) -> submit(() -> tokenReady(attemptLink, value, failure)));
  }

  private void tokenReady(Link attemptLink, Optional<String> token, Throwable failure) {
    if (attemptLink != link) {
      return;
    }
    if (state == State.CLOSED) {
      link = null;
      finish();
      return;
    }
    if (failure != null) {
      attemptFailed(attemptLink, "no token: " + Failures.describe(failure));
      return;
    }
    URI uri = options.rooms.connectUri(options.url, rooms.connectRooms());
    if (token.isPresent()) {
      uri = QueryParameters.with(uri, Map.of(options.tokenParameter, token.get()));
    }
    log.debug("connecting to {}{}", options.url, token.isPresent() ? " with a token" : "");
    try {
      attemptLink.open(options.httpClient(), uri, options.headers, options.connectTimeout)
          .whenComplete((socket, error) -> {
            if (error != null) {
              submit(() -> attemptFailed(attemptLink, Failures.describe(error)));
            }
          });
    } catch (RuntimeException e) {
      attemptFailed(attemptLink, Failures.describe(e));
    }
  }

  private void attemptFailed(Link attemptLink, String reason) {
    if (attemptLink != link) {
      return;
    }
    link = null;
    if (state == State.CLOSED) {
      finish();
      return;
    }
    log.debug("could not connect to {}: {}", options.url, reason);
    retryOrStop(OptionalInt.empty(), reason);
  }

  private void ended(Link from, OptionalInt code, String reason) {
    if (from != link) {
      return;
    }
    boolean wasOpen = open;
    link = null;
    open = false;
    outbox.detach();
    cancel(heartbeat);
    if (state == State.CLOSED) {
      finish();
      return;
    }
    if (!wasOpen) {
      retryOrStop(OptionalInt.empty(), reason);
      return;
    }
    log.debug("connection to {} ended: {} {}", options.url, code, reason);
    retryOrStop(code, reason == null ? "" : reason);
  }

  private void retryOrStop(OptionalInt code, String reason) {
    boolean stop = !options.reconnect || (code.isPresent() && options.stopCodes.contains(code.getAsInt()));
    if (stop) {
      transition(State.DISCONNECTED, code, reason, Optional.empty());
      return;
    }
    Duration delay = backoff.delay(attempt);
    attempt = Math.min(attempt + 1, 62);
    transition(State.CONNECTING, code, reason, Optional.of(delay));
    retry = scheduler.schedule(() -> submit(this::retryNow), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void retryNow() {
    if (state == State.CONNECTING && link == null) {
      startAttempt();
    }
  }

  private void deliver(String text) {
    JsonObject frame = null;
    try {
      JsonElement parsed = Json.parse(text);
      if (parsed.isJsonObject()) {
        frame = parsed.getAsJsonObject();
      }
    } catch (ProtocolException notJson) {
      // raw text: for the text listeners only
    }
    String type = frame == null ? null : typeOf(frame);
    if ("pong".equals(type) && isHeartbeatAnswer(frame)) {
      return;
    }
    listeners.text(text);
    if (frame == null) {
      return;
    }
    rooms.observe(frame);
    listeners.message(type == null ? "" : type, frame);
    if ("recovery".equals(type)) {
      recoveryOf(frame).ifPresent(listeners::recovery);
    }
  }

  private void startHeartbeat(Link current) {
    if (options.heartbeatInterval.isZero()) {
      return;
    }
    long every = options.heartbeatInterval.toMillis();
    heartbeat = scheduler.scheduleAtFixedRate(() -> submit(() -> beat(current)), every, every, TimeUnit.MILLISECONDS);
  }

  /** Sends a ping; if nothing at all arrives within the timeout, the server is taken for dead. */
  private void beat(Link current) {
    if (current != link || !open) {
      return;
    }
    long seen = current.life();
    JsonObject ping = new JsonObject();
    ping.addProperty("type", "ping");
    ping.addProperty("id", HEARTBEAT_ID + ++pings);
    outbox.offerControl(Json.encode(ping));
    scheduler.schedule(() -> submit(() -> checkLife(current, seen)),
        options.heartbeatTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkLife(Link current, long seen) {
    if (current != link || !open || current.life() != seen) {
      return;
    }
    log.debug("no answer from {} within {}: reconnecting", options.url, options.heartbeatTimeout);
    closeAndAbort(current, HEARTBEAT_TIMEOUT, "heartbeat timeout");
    ended(current, OptionalInt.of(HEARTBEAT_TIMEOUT),
        "heartbeat timeout: nothing received within " + options.heartbeatTimeout.toMillis() + " ms of a ping");
  }

  private void closeNow() {
    if (state == State.CLOSED) {
      return;
    }
    cancel(retry);
    cancel(heartbeat);
    transition(State.CLOSED, OptionalInt.empty(), "closed by the application", Optional.empty());
    Link current = link;
    if (current == null) {
      outbox.drain(() -> {});
      finish();
      return;
    }
    if (open) {
      int dropped = outbox.drain(() -> submit(() -> {
        if (current == link) {
          current.socket().sendClose(CloseCodes.NORMAL, "");
        }
      }));
      if (dropped > 0) {
        log.debug("dropped {} queued messages at close", dropped);
      }
    }
    // An attempt in flight finishes when it opens or fails; a peer that never answers the close
    // is cut off.
    abortTimer = scheduler.schedule(() -> submit(() -> {
      if (link != null) {
        link.abort();
        link = null;
        outbox.detach();
      }
      finish();
    }), options.closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish() {
    if (terminated.isDone()) {
      return;
    }
    cancel(abortTimer);
    outbox.drain(() -> {});
    terminated.complete(null);
    if (ownsScheduler) {
      scheduler.shutdown();
    }
  }

  private void transition(State to, OptionalInt code, String reason, Optional<Duration> retryIn) {
    State from = state;
    state = to;
    listeners.state(new StateChange(from, to, code, reason == null ? "" : reason, retryIn));
  }

  private void closeAndAbort(Link current, int code, String reason) {
    WebSocket socket = current.socket();
    if (socket == null) {
      return;
    }
    try {
      socket.sendClose(code, reason).orTimeout(1, TimeUnit.SECONDS).whenComplete((done, failure) -> socket.abort());
    } catch (RuntimeException e) {
      socket.abort();
    }
  }

  private void submit(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException finished) {
      // the client terminated: nothing left to do
    }
  }

  private static void cancel(Future<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }

  private static String typeOf(JsonObject frame) {
    JsonElement type = frame.get("type");
    return type instanceof JsonPrimitive primitive && primitive.isString() ? primitive.getAsString() : null;
  }

  private static boolean isHeartbeatAnswer(JsonObject pong) {
    JsonElement id = pong.get("id");
    return id instanceof JsonPrimitive primitive && primitive.isString() && primitive.getAsString().startsWith(HEARTBEAT_ID);
  }

  private static Optional<Recovery> recoveryOf(JsonObject frame) {
    JsonElement room = frame.get("room");
    JsonElement recovered = frame.get("recovered");
    if (!(room instanceof JsonPrimitive name) || !name.isString()
        || !(recovered instanceof JsonPrimitive flag) || !flag.isBoolean()) {
      return Optional.empty();
    }
    JsonElement reason = frame.get("reason");
    Optional<String> why = reason instanceof JsonPrimitive text && text.isString()
        ? Optional.of(text.getAsString()) : Optional.empty();
    return Optional.of(new Recovery(name.getAsString(), flag.getAsBoolean(), Rooms.positionOf(frame), why));
  }
}
