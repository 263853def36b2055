package dev.realtime.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * The size limits every notification obeys, so one bad publisher cannot exhaust memory or flood
 * every connected page.
 */
public final class NotificationLimits {

  /** Maximum length of an id, in chars. */
  public static final int MAX_ID_LENGTH = 128;

  /** Maximum length of a title, in chars. */
  public static final int MAX_TITLE_LENGTH = 200;

  /** Maximum length of a message, in chars. */
  public static final int MAX_MESSAGE_LENGTH = 4_000;

  /** Maximum length of a category, in chars. */
  public static final int MAX_CATEGORY_LENGTH = 100;

  /** Maximum length of an action URL, in chars. */
  public static final int MAX_ACTION_URL_LENGTH = 2_048;

  /** Maximum number of metadata entries. */
  public static final int MAX_METADATA_ENTRIES = 32;

  /** Maximum length of a metadata key, in chars. */
  public static final int MAX_METADATA_KEY_LENGTH = 64;

  /** Maximum length of a metadata string value, in chars. */
  public static final int MAX_METADATA_VALUE_LENGTH = 1_000;

  /** Maximum length of a user id, in chars. */
  public static final int MAX_USER_ID_LENGTH = 128;

  /** Maximum length of a role name, in chars. */
  public static final int MAX_ROLE_LENGTH = 64;

  /** Maximum number of user ids one notification may target. */
  public static final int MAX_AUDIENCE_USERS = 1_000;

  /** Maximum number of categories one filter may list. */
  public static final int MAX_FILTER_CATEGORIES = 100;

  /** Lowest priority. */
  public static final int MIN_PRIORITY = 1;

  /** Highest priority. */
  public static final int MAX_PRIORITY = 5;

  private NotificationLimits() {}

  /** Rejects null, blank or over-long text, naming {@code field}. */
  static void requireText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new NotificationValidationException(field, "is required");
    }
    requireLength(field, value, maxLength);
  }

  /** Rejects text longer than {@code maxLength}, naming {@code field}. */
  static void requireLength(String field, String value, int maxLength) {
    if (value.length() > maxLength) {
      throw new NotificationValidationException(
          field, "is " + value.length() + " chars, the limit is " + maxLength);
    }
  }

  /** Rejects a priority outside 1–5, naming {@code field}. */
  static void requirePriority(String field, int priority) {
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new NotificationValidationException(
          field, "must be from " + MIN_PRIORITY + " to " + MAX_PRIORITY + ", was " + priority);
    }
  }

  /**
   * Accepts only relative URLs and absolute http(s) URLs, because pages turn this into a link and a
   * {@code javascript:} URL would run script in every receiving page.
   */
  static void requireActionUrl(String url) {
    requireText("action_url", url, MAX_ACTION_URL_LENGTH);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new NotificationValidationException("action_url", "is not a valid URL");
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      return;
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (!lower.equals("http") && !lower.equals("https")) {
      throw new NotificationValidationException(
          "action_url", "must be relative or use http or https, not " + scheme);
    }
  }

  /** Checks the number of entries, key sizes and that every value is a bounded scalar. */
  static void requireMetadata(Map<String, Object> metadata) {
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw new NotificationValidationException(
          "metadata", "has " + metadata.size() + " entries, the limit is " + MAX_METADATA_ENTRIES);
    }
    for (Map.Entry<String, Object> entry : metadata.entrySet()) {
      String key = entry.getKey();
      if (key == null || key.isEmpty()) {
        throw new NotificationValidationException("metadata", "has an empty key");
      }
      requireLength("metadata." + key, key, MAX_METADATA_KEY_LENGTH);
      Object value = entry.getValue();
      String field = "metadata." + key;
      if (value instanceof String text) {
        requireLength(field, text, MAX_METADATA_VALUE_LENGTH);
      } else if (value instanceof Double number) {
        if (!Double.isFinite(number)) {
          throw new NotificationValidationException(field, "must be a finite number");
        }
      } else if (!(value instanceof Boolean || value instanceof Long || value instanceof Integer)) {
        throw new NotificationValidationException(
            field, "must be a string, boolean, Integer, Long or Double");
      }
    }
  }
}
