package dev.realtime.examples.tours;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.examples.feed.Selection;
import dev.realtime.examples.tours.inventory.Availability;
import dev.realtime.examples.tours.inventory.Tour;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The frames of {@code /random} and {@code /tours}, in the exercises' wire format. */
final class TourFrames {
  /** Timestamps as JavaScript's {@code toISOString()} writes them: always three fraction digits. */
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  static final String WELCOME = "WELCOME";
  static final String INITIAL_STATE = "INITIAL_STATE";
  static final String AVAILABILITY_UPDATE = "AVAILABILITY_UPDATE";
  static final String RANDOM_NUMBER = "RANDOM_NUMBER";

  private TourFrames() {}

  static String timestamp(Instant at) {
    return ISO.format(at);
  }

  /** {@code {"type":"WELCOME","message":…,"timestamp":…}}. */
  static JsonObject welcome(String message, Instant now) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", WELCOME);
    frame.addProperty("message", message);
    frame.addProperty("timestamp", timestamp(now));
    return frame;
  }

  /** {@code {"type":"RANDOM_NUMBER","value":N,"timestamp":…}}. */
  static JsonObject randomNumber(int value, Instant at) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", RANDOM_NUMBER);
    frame.addProperty("value", value);
    frame.addProperty("timestamp", timestamp(at));
    return frame;
  }

  /**
   * {@code INITIAL_STATE} or {@code AVAILABILITY_UPDATE}: {@code tourId}, {@code tourName},
   * {@code availableSeats}, {@code timestamp} (when the seats last changed) and {@code version}.
   */
  static JsonObject state(String type, Tour tour, Availability availability) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", type);
    frame.addProperty("tourId", tour.id());
    frame.addProperty("tourName", tour.name());
    frame.addProperty("availableSeats", availability.availableSeats());
    frame.addProperty("timestamp", timestamp(availability.changedAt()));
    frame.addProperty("version", availability.version());
    return frame;
  }

  /** {@code {"type":"PONG","timestamp":…}}, the answer to {@code PING}. */
  static JsonObject pong(Instant now) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "PONG");
    frame.addProperty("timestamp", timestamp(now));
    return frame;
  }

  /**
   * {@code {"type":"SUBSCRIBED"|"UNSUBSCRIBED","tourId":…,"subscriptions":{…}}}: the tour named and
   * the selection in force after the change ({@code {"all":true,"except":[…]}} or {@code
   * {"all":false,"tours":[…]}}).
   */
  static JsonObject subscriptions(String type, String tourId, Selection selection) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", type);
    frame.addProperty("tourId", tourId);
    JsonObject inForce = new JsonObject();
    inForce.addProperty("all", selection.all());
    JsonArray names = new JsonArray();
    selection.sortedNames().forEach(names::add);
    inForce.add(selection.all() ? "except" : "tours", names);
    frame.add("subscriptions", inForce);
    return frame;
  }
}
