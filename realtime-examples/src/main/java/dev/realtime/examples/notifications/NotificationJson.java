package dev.realtime.examples.notifications;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.realtime.notify.Audience;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationLimits;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.UserNotification;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps notifications and filters to and from the notification JSON wire format (snake_case field names,
 * RFC 3339 timestamps). Parsing errors are {@link NotificationValidationException}s naming the wire
 * field, so a server can answer them as a 400 or an error frame.
 */
public final class NotificationJson {

  // Long enough for any int or ISO timestamp; refusing longer literals up front keeps a hostile
  // "1e999999999" from costing BigDecimal arithmetic.
  private static final int MAX_INTEGER_LITERAL = 20;
  private static final int MAX_NUMBER_LITERAL = 40;
  private static final int MAX_TIMESTAMP_LENGTH = 64;

  private NotificationJson() {}

  /**
   * Returns {@code notification} as its wire JSON object, with {@code is_read} for the receiving
   * user.
   */
  public static JsonObject toJson(Notification notification, boolean read) {
    Objects.requireNonNull(notification, "notification");
    JsonObject json = new JsonObject();
    json.addProperty("id", notification.id());
    json.addProperty("type", notification.type().wireName());
    json.addProperty("title", notification.title());
    json.addProperty("message", notification.message());
    Audience audience = notification.audience();
    if (audience instanceof Audience.Users users) {
      if (users.userIds().size() == 1) {
        json.addProperty("user_id", users.userIds().iterator().next());
      } else {
        JsonArray ids = new JsonArray();
        users.userIds().stream().sorted().forEach(ids::add);
        json.add("user_id", ids);
      }
    } else if (audience instanceof Audience.Role role) {
      json.addProperty("user_role", role.name());
    }
    json.addProperty("created_at", DateTimeFormatter.ISO_INSTANT.format(notification.createdAt()));
    notification
        .expiresAt()
        .ifPresent(at -> json.addProperty("expires_at", DateTimeFormatter.ISO_INSTANT.format(at)));
    json.addProperty("is_read", read);
    json.addProperty("priority", notification.priority());
    notification.category().ifPresent(c -> json.addProperty("category", c));
    notification.actionUrl().ifPresent(u -> json.addProperty("action_url", u));
    if (!notification.metadata().isEmpty()) {
      JsonObject metadata = new JsonObject();
      for (Map.Entry<String, Object> entry : notification.metadata().entrySet()) {
        metadata.add(entry.getKey(), toPrimitive(entry.getValue()));
      }
      json.add("metadata", metadata);
    }
    return json;
  }

  /**
   * Returns the notifications as a JSON array of {@link #toJson(Notification, boolean)} objects.
   */
  public static JsonArray toJsonArray(List<UserNotification> notifications) {
    JsonArray array = new JsonArray();
    for (UserNotification entry : notifications) {
      array.add(toJson(entry.notification(), entry.read()));
    }
    return array;
  }

  /**
   * Parses {@code text} as one JSON object.
   *
   * @throws NotificationValidationException with field {@code "body"} if it is not a JSON object
   */
  public static JsonObject parseObject(String text) {
    Objects.requireNonNull(text, "text");
    JsonElement element;
    try {
      element = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new NotificationValidationException("body", "is not valid JSON");
    }
    if (!element.isJsonObject()) {
      throw new NotificationValidationException("body", "must be a JSON object");
    }
    return element.getAsJsonObject();
  }

  /**
   * Reads a notification draft, as POSTed by a client: {@code type}, {@code title} and {@code
   * message} are required; {@code id} and {@code created_at} are assigned on publish if absent;
   * {@code user_id} (a string or array of strings) targets users, {@code user_role} a role, neither
   * everyone; {@code is_read} and unknown fields are ignored; null or {@code ""} means absent.
   * Value rules (lengths, priority range, expiry) are checked when the draft is built or published.
   *
   * @throws NotificationValidationException naming the field whose JSON is missing or of the wrong
   *     shape
   */
  public static Notification.Builder fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    Notification.Builder draft = Notification.builder();
    optionalString(json, "id").ifPresent(draft::id);
    String typeName =
        optionalString(json, "type")
            .orElseThrow(() -> new NotificationValidationException("type", "is required"));
    draft.type(parseType("type", typeName));
    draft.title(
        optionalString(json, "title")
            .orElseThrow(() -> new NotificationValidationException("title", "is required")));
    draft.message(
        optionalString(json, "message")
            .orElseThrow(() -> new NotificationValidationException("message", "is required")));
    if (present(json, "priority")) {
      draft.priority(integer(json, "priority", 1, 5));
    }
    optionalString(json, "category").ifPresent(draft::category);
    optionalString(json, "action_url").ifPresent(draft::actionUrl);
    optionalTimestamp(json, "created_at").ifPresent(draft::createdAt);
    optionalTimestamp(json, "expires_at").ifPresent(draft::expiresAt);
    Optional<Audience> users = userAudience(json);
    Optional<String> role = optionalString(json, "user_role");
    if (users.isPresent() && role.isPresent()) {
      throw new NotificationValidationException("user_id", "cannot be combined with user_role");
    }
    users.ifPresent(draft::audience);
    role.ifPresent(r -> draft.audience(Audience.role(r)));
    if (present(json, "metadata")) {
      readMetadata(json.get("metadata"), draft);
    }
    return draft;
  }

  /**
   * Reads a filter {@code {"types":[…],"categories":[…],"min_priority":N,"only_unread":bool}};
   * absent or null fields mean "any", and a {@code min_priority} of 0 means no minimum.
   *
   * @throws NotificationValidationException naming the field that is of the wrong shape or value
   */
  public static NotificationFilter filterFromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
    for (String name : stringArray(json, "types", NotificationType.values().length * 4)) {
      types.add(parseType("types", name));
    }
    Set<String> categories =
        new LinkedHashSet<>(
            stringArray(json, "categories", NotificationLimits.MAX_FILTER_CATEGORIES));
    int minPriority = 1;
    if (present(json, "min_priority")) {
      minPriority = Math.max(1, integer(json, "min_priority", 0, 5));
    }
    boolean onlyUnread = false;
    if (present(json, "only_unread")) {
      JsonElement value = json.get("only_unread");
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
        throw new NotificationValidationException("only_unread", "must be true or false");
      }
      onlyUnread = value.getAsBoolean();
    }
    return new NotificationFilter(types, categories, minPriority, onlyUnread);
  }

  /** Returns {@code filter} in the wire shape {@link #filterFromJson} reads. */
  public static JsonObject toJson(NotificationFilter filter) {
    Objects.requireNonNull(filter, "filter");
    JsonObject json = new JsonObject();
    JsonArray types = new JsonArray();
    filter.types().stream().sorted().forEach(t -> types.add(t.wireName()));
    json.add("types", types);
    JsonArray categories = new JsonArray();
    filter.categories().stream().sorted().forEach(categories::add);
    json.add("categories", categories);
    json.addProperty("min_priority", filter.minPriority());
    json.addProperty("only_unread", filter.onlyUnread());
    return json;
  }

  /**
   * Reads an integer field from {@code min} to {@code max}; absent is an error. Useful for command
   * arguments such as {@code limit}.
   *
   * @throws NotificationValidationException naming {@code field} if it is missing, not an integer
   *     or out of range
   */
  public static int integer(JsonObject json, String field, int min, int max) {
    JsonElement value = json.get(field);
    String range = "must be an integer from " + min + " to " + max;
    if (value == null || value.isJsonNull()) {
      throw new NotificationValidationException(field, "is required");
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw new NotificationValidationException(field, range);
    }
    String literal = value.getAsString();
    if (literal.length() > MAX_INTEGER_LITERAL) {
      throw new NotificationValidationException(field, range);
    }
    BigDecimal number;
    try {
      number = new BigDecimal(literal);
    } catch (NumberFormatException e) {
      throw new NotificationValidationException(field, range);
    }
    if (number.stripTrailingZeros().scale() > 0
        || number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new NotificationValidationException(field, range + ", was " + literal);
    }
    return number.intValueExact();
  }

  private static boolean present(JsonObject json, String field) {
    JsonElement value = json.get(field);
    return value != null && !value.isJsonNull();
  }

  private static Optional<String> optionalString(JsonObject json, String field) {
    if (!present(json, field)) {
      return Optional.empty();
    }
    JsonElement value = json.get(field);
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new NotificationValidationException(field, "must be a string");
    }
    String text = value.getAsString();
    // Clients of this format send "" for "not set" (as Go's omitempty produces), so "" means absent.
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static NotificationType parseType(String field, String name) {
    return NotificationType.fromWireName(name)
        .orElseThrow(
            () ->
                new NotificationValidationException(
                    field,
                    "unknown type '"
                        + abbreviate(name)
                        + "', expected info, success, warning or error"));
  }

  private static Optional<Instant> optionalTimestamp(JsonObject json, String field) {
    Optional<String> text = optionalString(json, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String problem = "must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z";
    if (text.get().length() > MAX_TIMESTAMP_LENGTH) {
      throw new NotificationValidationException(field, problem);
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw new NotificationValidationException(field, problem);
    }
  }

  private static Optional<Audience> userAudience(JsonObject json) {
    if (!present(json, "user_id")) {
      return Optional.empty();
    }
    JsonElement value = json.get("user_id");
    if (value.isJsonArray()) {
      List<String> ids = stringArray(json, "user_id", NotificationLimits.MAX_AUDIENCE_USERS);
      return ids.isEmpty() ? Optional.empty() : Optional.of(Audience.users(ids));
    }
    return optionalString(json, "user_id").map(Audience::users);
  }

  private static List<String> stringArray(JsonObject json, String field, int maxSize) {
    if (!present(json, field)) {
      return List.of();
    }
    JsonElement value = json.get(field);
    if (!value.isJsonArray()) {
      throw new NotificationValidationException(field, "must be an array of strings");
    }
    JsonArray array = value.getAsJsonArray();
    if (array.size() > maxSize) {
      throw new NotificationValidationException(field, "has more than " + maxSize + " entries");
    }
    List<String> strings = new ArrayList<>(array.size());
    for (JsonElement element : array) {
      if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
        throw new NotificationValidationException(field, "must be an array of strings");
      }
      strings.add(element.getAsString());
    }
    return strings;
  }

  private static void readMetadata(JsonElement value, Notification.Builder draft) {
    if (!value.isJsonObject()) {
      throw new NotificationValidationException("metadata", "must be an object");
    }
    JsonObject metadata = value.getAsJsonObject();
    if (metadata.size() > NotificationLimits.MAX_METADATA_ENTRIES) {
      throw new NotificationValidationException(
          "metadata",
          "has "
              + metadata.size()
              + " entries, the limit is "
              + NotificationLimits.MAX_METADATA_ENTRIES);
    }
    for (Map.Entry<String, JsonElement> entry : metadata.entrySet()) {
      String field = "metadata." + abbreviate(entry.getKey());
      JsonElement element = entry.getValue();
      if (!element.isJsonPrimitive()) {
        throw new NotificationValidationException(field, "must be a string, number or boolean");
      }
      JsonPrimitive primitive = element.getAsJsonPrimitive();
      Object scalar;
      if (primitive.isString()) {
        scalar = primitive.getAsString();
      } else if (primitive.isBoolean()) {
        scalar = primitive.getAsBoolean();
      } else {
        scalar = parseNumber(field, primitive.getAsString());
      }
      draft.putMetadata(entry.getKey(), scalar);
    }
  }

  private static Object parseNumber(String field, String literal) {
    String problem = "is not a number this server keeps (a long or a finite double)";
    if (literal.length() > MAX_NUMBER_LITERAL) {
      throw new NotificationValidationException(field, problem);
    }
    try {
      if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
        return Long.parseLong(literal);
      }
      double number = Double.parseDouble(literal);
      if (Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // fall through to the shared message
    }
    throw new NotificationValidationException(field, problem);
  }

  private static JsonPrimitive toPrimitive(Object value) {
    if (value instanceof String text) {
      return new JsonPrimitive(text);
    }
    if (value instanceof Boolean flag) {
      return new JsonPrimitive(flag);
    }
    return new JsonPrimitive((Number) value);
  }

  // Echoing a huge hostile string back in an error message would amplify it.
  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
