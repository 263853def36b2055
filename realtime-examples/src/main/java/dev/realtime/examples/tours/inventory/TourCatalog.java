package dev.realtime.examples.tours.inventory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tours on offer, in the order pages show them, read from a small JSON file:
 * {@code {"tours":[{"id":"tour_paris","name":"Paris City Tour","capacity":20}, …]}}.
 *
 * @param tours the tours, ids unique
 */
public record TourCatalog(List<Tour> tours) {
  /** The most tours a catalog may hold. */
  public static final int MAX_TOURS = 1_000;
  private static final String DEFAULT_RESOURCE = "/tours/tours.json";

  /** Copies the list and checks ids are unique. */
  public TourCatalog {
    tours = List.copyOf(tours);
    if (tours.isEmpty() || tours.size() > MAX_TOURS) {
      throw new IllegalArgumentException("a catalog has 1 to " + MAX_TOURS + " tours");
    }
    Set<String> ids = new HashSet<>();
    for (Tour tour : tours) {
      if (!ids.add(tour.id())) {
        throw new IllegalArgumentException("tour id '" + tour.id() + "' appears twice");
      }
    }
  }

  /** Paris (20 seats), London (15) and Rome (18): the exercise's three tours. */
  public static TourCatalog defaults() {
    try (InputStream in = TourCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a catalog file; throws {@link IllegalArgumentException} saying what is wrong with it. */
  public static TourCatalog load(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a catalog; throws {@link IllegalArgumentException} saying what is wrong with it. */
  public static TourCatalog parse(String json) {
    JsonObject root;
    try {
      root = Json.parseObject(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    JsonElement list = root.get("tours");
    if (list == null || !list.isJsonArray()) {
      throw new IllegalArgumentException("expected {\"tours\":[…]}");
    }
    List<Tour> tours = new ArrayList<>();
    for (JsonElement entry : (JsonArray) list) {
      if (!entry.isJsonObject()) {
        throw new IllegalArgumentException("every tour is an object with id, name and capacity");
      }
      JsonObject tour = entry.getAsJsonObject();
      tours.add(new Tour(text(tour, "id"), text(tour, "name"), number(tour, "capacity")));
    }
    return new TourCatalog(tours);
  }

  /** The tour with {@code id}. */
  public Optional<Tour> tour(String id) {
    return tours.stream().filter(tour -> tour.id().equals(id)).findFirst();
  }

  private static String text(JsonObject tour, String field) {
    JsonElement value = tour.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException("every tour needs a string '" + field + "'");
    }
    return value.getAsString();
  }

  private static int number(JsonObject tour, String field) {
    JsonElement value = tour.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException("every tour needs a whole number '" + field + "'");
    }
    try {
      return value.getAsBigDecimal().intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number", e);
    }
  }
}
