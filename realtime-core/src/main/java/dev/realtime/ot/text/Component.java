package dev.realtime.ot.text;

import dev.realtime.ot.InvalidOperationException;
import java.util.Objects;

/** One step of a {@link TextOperation}: keep, insert or remove text at the current position. */
public sealed interface Component {

  /** The number of UTF-16 code units this component spans in its own text (retained, inserted or deleted). */
  int length();

  /** Keeps the next {@code length} code units of the base text. */
  record Retain(int length) implements Component {
    /** Creates a retain; the length must be positive. */
    public Retain {
      if (length <= 0) {
        throw new InvalidOperationException("retain length must be positive, was " + length);
      }
    }
  }

  /** Inserts {@code text} at the current position. */
  record Insert(String text) implements Component {
    /** Creates an insert; the text must not be empty. */
    public Insert {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new InvalidOperationException("insert text must not be empty");
      }
    }

    @Override
    public int length() {
      return text.length();
    }
  }

  /** Removes the next {@code length} code units of the base text. */
  record Delete(int length) implements Component {
    /** Creates a delete; the length must be positive. */
    public Delete {
      if (length <= 0) {
        throw new InvalidOperationException("delete length must be positive, was " + length);
      }
    }
  }
}
