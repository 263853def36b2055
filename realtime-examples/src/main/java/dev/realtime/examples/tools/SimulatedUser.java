package dev.realtime.examples.tools;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.client.RealtimeClient;
import dev.realtime.client.SendResult;
import dev.realtime.client.State;
import dev.realtime.client.StateChange;
import dev.realtime.client.TokenSupplier;
import dev.realtime.protocol.CloseCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated chat user: a {@link RealtimeClient} in its rooms, sending a numbered message to
 * them in turn and counting what it receives. Tokens: it first connects without one; a refusal
 * with 4001 before any token was tried tells the simulation that the server wants them, and it
 * connects again with one fetched for its name (fetched again on every later attempt).
 */
final class SimulatedUser {
  /** The error code of a server that wants a token: the question, not a failure. */
  private static final String MISSING_TOKEN = "missing_token";

  private final Simulation simulation;
  private final String name;
  private final List<String> rooms;
  private final RealtimeClient client;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger turn = new AtomicInteger();
  private volatile boolean triedToken;
  private volatile boolean attempted;

  SimulatedUser(Simulation simulation, String name, List<String> rooms) {
    this.simulation = simulation;
    this.name = name;
    this.rooms = List.copyOf(rooms);
    this.client = RealtimeClient.builder(Urls.with(simulation.settings.url(), Map.of("username", name, "room", rooms.get(0))))
        .httpClient(simulation.http)
        .scheduler(simulation.clientThreads)
        .token(this::token)
        .on("message", this::message)
        .on("error", this::error)
        .onStateChange(this::changed)
        .build();
  }

  /** Connects and asks to join the rooms after the first (sent on every connection). */
  void start() {
    client.connect();
    rooms.subList(1, rooms.size()).forEach(client::join);
  }

  /** Connected and in every room: the client has a position in each, from its own join notice at least. */
  boolean ready() {
    return client.state() == State.CONNECTED && rooms.stream().allMatch(room -> client.position(room).isPresent());
  }

  /** Sends the next message, to the next of its rooms. */
  void sendOne() {
    String room = rooms.get(Math.floorMod(turn.getAndIncrement(), rooms.size()));
    String content = name + " #" + sequence.incrementAndGet();
    int members = simulation.roomSizes.get(room);
    // Registered before sending: the first copy may arrive before send returns.
    simulation.inFlight.put(content, new Simulation.InFlight(System.nanoTime(), new AtomicInteger(members)));
    JsonObject metadata = new JsonObject();
    metadata.addProperty("room", room);
    JsonObject message = new JsonObject();
    message.addProperty("type", "message");
    message.addProperty("content", content);
    message.add("metadata", metadata);
    SendResult result = client.send(message);
    if (result.accepted()) {
      simulation.sent.increment();
      simulation.expected.add(members);
    } else {
      simulation.inFlight.remove(content);
      simulation.refused.increment();
    }
  }

  void close() {
    client.close();
  }

  void awaitClosed() throws InterruptedException {
    try {
      client.terminated().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      simulation.err.println("* " + name + " did not close in time");
    }
  }

  private CompletionStage<Optional<String>> token() {
    if (!simulation.tokensNeeded.get()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    triedToken = true;
    return TokenSupplier.fromEndpoint(simulation.http, simulation.tokenEndpoint(name)).token();
  }

  private void message(JsonObject message) {
    if (!(message.get("content") instanceof JsonPrimitive content) || !content.isString()) {
      return;
    }
    Simulation.InFlight sent = simulation.inFlight.get(content.getAsString());
    if (sent == null) {
      return; // not one of this simulation's, or a second copy
    }
    long micros = (System.nanoTime() - sent.sentNanos()) / 1000;
    simulation.received.increment();
    simulation.second.record(micros);
    simulation.all.record(micros);
    if (sent.remaining().decrementAndGet() == 0) {
      simulation.inFlight.remove(content.getAsString());
    }
  }

  private void error(JsonObject error) {
    JsonElement code = error.get("code");
    String text = code instanceof JsonPrimitive primitive && primitive.isString() ? primitive.getAsString() : "?";
    if (text.equals(MISSING_TOKEN) && !triedToken) {
      return;
    }
    simulation.errorFrames.increment();
    simulation.errorCodes.computeIfAbsent(text, c -> new LongAdder()).increment();
  }

  private void changed(StateChange change) {
    if (change.current() == State.CONNECTED) {
      simulation.anyConnected.set(true);
      simulation.connected.incrementAndGet();
    }
    if (change.previous() == State.CONNECTED) {
      simulation.connected.decrementAndGet();
      if (change.current() == State.CONNECTING) {
        simulation.reconnects.increment();
      }
    }
    if (change.previous() == State.CONNECTING && change.current() == State.CONNECTING) {
      simulation.failedAttempts.increment();
      if (!attempted) {
        attempted = true;
        simulation.firstAttemptFailed(change.reason());
      }
    }
    if (change.current() == State.DISCONNECTED) {
      if (change.closeCode().orElse(0) == CloseCodes.UNAUTHORIZED && !triedToken) {
        simulation.tokensRequired();
        client.connect();
      } else {
        simulation.stopped.increment();
        simulation.err.println("* " + name + " stopped: " + FrameFormat.escape(change.toString()));
      }
    }
  }
}
