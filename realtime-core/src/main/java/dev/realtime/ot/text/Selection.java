package dev.realtime.ot.text;

import dev.realtime.ot.text.Component.Insert;
import dev.realtime.ot.text.Component.Retain;
import java.util.Objects;

/**
 * A caret or selection in UTF-16 code units, as the editor's {@code {"position":P,"selection_end":Q}}:
 * {@code position} is where the caret is, {@code selectionEnd} the other end (equal for a bare caret).
 *
 * <p>Rule, as ot.js's {@code Selection.transform}: an index moves right by text inserted before it
 * <em>or exactly at it</em> (the caret ends up after text someone else typed at the caret), moves
 * left by text deleted before it, and an index inside a deleted range moves to the range's start.
 */
public record Selection(int position, int selectionEnd) {

  /** Creates a selection; neither end may be negative. */
  public Selection {
    if (position < 0 || selectionEnd < 0) {
      throw new IllegalArgumentException("selection ends must not be negative");
    }
  }

  /** Returns a bare caret at {@code position}. */
  public static Selection caret(int position) {
    return new Selection(position, position);
  }

  /** Returns whether no text is selected. */
  public boolean isCaret() {
    return position == selectionEnd;
  }

  /** Returns this selection moved through {@code operation}, made concurrently by someone else. */
  public Selection transform(TextOperation operation) {
    Objects.requireNonNull(operation, "operation");
    int newPosition = transformIndex(position, operation);
    return new Selection(newPosition, isCaret() ? newPosition : transformIndex(selectionEnd, operation));
  }

  /** Returns {@code index} moved through {@code operation} by the rule in this type's documentation. */
  public static int transformIndex(int index, TextOperation operation) {
    Objects.requireNonNull(operation, "operation");
    if (index < 0 || index > operation.baseLength()) {
      throw new IllegalArgumentException(
          "index " + index + " is outside a text of length " + operation.baseLength());
    }
    int remaining = index;
    int result = index;
    for (Component component : operation.components()) {
      if (component instanceof Retain retain) {
        remaining -= retain.length();
      } else if (component instanceof Insert insert) {
        result += insert.length();
      } else {
        result -= Math.min(remaining, component.length());
        remaining -= component.length();
      }
      if (remaining < 0) {
        break;
      }
    }
    return result;
  }
}
