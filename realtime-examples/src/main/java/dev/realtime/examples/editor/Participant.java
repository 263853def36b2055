package dev.realtime.examples.editor;

import dev.realtime.hub.Client;
import dev.realtime.ot.text.Selection;

/**
 * One connection editing a document, with its last known cursor.
 *
 * @param client the hub connection
 * @param userId the public id others see ({@code user_id}); the connection id, never the session id
 * @param username the display name
 * @param color the cursor colour
 * @param sessionId the private client session id that deduplicates resubmissions
 * @param cursor the caret or selection, in the server's current text
 */
record Participant(Client client, String userId, String username, String color, String sessionId, Selection cursor) {

  /** The same participant with another cursor. */
  Participant withCursor(Selection moved) {
    return new Participant(client, userId, username, color, sessionId, moved);
  }
}
