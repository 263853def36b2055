package dev.realtime.examples.notifications;

import com.google.gson.JsonObject;
import dev.realtime.examples.http.Handler;
import dev.realtime.examples.http.Request;
import dev.realtime.examples.http.Response;
import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationLimits;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.center.NotificationCenter;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/notifications}: POST publishes a notification, GET lists one user's history.
 *
 * <p>Validation failures answer 400 with the message of the {@link NotificationValidationException},
 * which names the wire field; the web server itself answers 413 for bodies over 64 KiB.
 */
public final class NotificationsApi implements Handler {
  private static final Logger log = LoggerFactory.getLogger(NotificationsApi.class);

  private final NotificationCenter center;

  /** Publishes to and reads from {@code center}. */
  public NotificationsApi(NotificationCenter center) {
    this.center = Objects.requireNonNull(center, "center");
  }

  /** Routes by method: POST publishes, GET lists, anything else is 405. */
  @Override
  public Response handle(Request request) {
    try {
      return switch (request.method()) {
        case "POST" -> publish(request);
        case "GET" -> history(request);
        default -> Response.error(405, "method not allowed").withHeader("Allow", "GET, POST");
      };
    } catch (NotificationValidationException e) {
      return Response.error(400, e.getMessage());
    }
  }

  private Response publish(Request request) {
    JsonObject json = NotificationJson.parseObject(request.bodyText());
    Notification published = center.publish(NotificationJson.fromJson(json));
    log.debug("published {} to {}", published.id(), published.audience());
    JsonObject body = new JsonObject();
    body.addProperty("status", "success");
    body.addProperty("id", published.id());
    return Response.json(body);
  }

  private Response history(Request request) {
    String username =
        parameter(request, "username", NotificationLimits.MAX_USER_ID_LENGTH)
            .orElseThrow(() -> new NotificationValidationException("username", "is required"));
    Recipient recipient =
        parameter(request, "role", NotificationLimits.MAX_ROLE_LENGTH)
            .map(role -> Recipient.of(username, role))
            .orElse(Recipient.of(username));
    HistoryQuery query = HistoryQuery.latest(limit(request));
    Optional<String> before = parameter(request, "before", NotificationLimits.MAX_ID_LENGTH);
    if (before.isPresent()) {
      query = query.before(before.get());
    }
    return Response.json(NotificationJson.toJsonArray(center.history(recipient, query)));
  }

  private static int limit(Request request) {
    Optional<String> text = request.query("limit").filter(s -> !s.isBlank());
    if (text.isEmpty()) {
      return HistoryQuery.DEFAULT_LIMIT;
    }
    String problem = "must be an integer from 1 to " + HistoryQuery.MAX_LIMIT;
    String trimmed = text.get().trim();
    // A length bound first, so a 10,000-digit "number" costs nothing to refuse.
    if (trimmed.length() > 4 || !trimmed.chars().allMatch(Character::isDigit)) {
      throw new NotificationValidationException("limit", problem);
    }
    int limit = Integer.parseInt(trimmed);
    if (limit < 1 || limit > HistoryQuery.MAX_LIMIT) {
      throw new NotificationValidationException("limit", problem + ", was " + limit);
    }
    return limit;
  }

  private static Optional<String> parameter(Request request, String name, int maxLength) {
    Optional<String> value = request.query(name).map(String::trim).filter(s -> !s.isEmpty());
    if (value.isPresent() && value.get().length() > maxLength) {
      throw new NotificationValidationException(name, "must be at most " + maxLength + " characters");
    }
    return value;
  }
}
