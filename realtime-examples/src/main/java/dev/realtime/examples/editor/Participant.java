package dev.realtime.examples.editor;

import dev.realtime.ot.text.Selection;

/**
 * One connection editing a document, on this node or another, with its last known cursor.
 *
 * @param userId the public id others see ({@code user_id}): the connection id, unique in the
 *     cluster, never the session id
 * @param username the display name
 * @param color the cursor colour
 * @param sessionId the private client session id that deduplicates resubmissions (never sent to pages)
 * @param cursor the caret or selection, in the text at this node's current revision
 */
record Participant(String userId, String username, String color, String sessionId, Selection cursor) {

  /** The same participant with another cursor. */
  Participant withCursor(Selection moved) {
    return new Participant(userId, username, color, sessionId, moved);
  }
}
