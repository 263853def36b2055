package dev.realtime.ot.text;

import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.text.Component.Delete;
import dev.realtime.ot.text.Component.Insert;
import dev.realtime.ot.text.Component.Retain;
import java.util.List;

/** Walks the components of an operation, letting callers consume part of the current one. */
final class ComponentCursor {

  private final List<Component> components;
  private int index;
  private int offset;

  ComponentCursor(TextOperation operation) {
    this.components = operation.components();
  }

  boolean done() {
    return index >= components.size();
  }

  boolean isRetain() {
    return !done() && components.get(index) instanceof Retain;
  }

  boolean isInsert() {
    return !done() && components.get(index) instanceof Insert;
  }

  boolean isDelete() {
    return !done() && components.get(index) instanceof Delete;
  }

  /** The length left in the current component. */
  int remaining() {
    return components.get(index).length() - offset;
  }

  /** Consumes {@code count} units of the current component. */
  void skip(int count) {
    offset += count;
    if (offset == components.get(index).length()) {
      index++;
      offset = 0;
    }
  }

  /** Consumes {@code count} units of the current insert and returns them. */
  String takeText(int count) {
    String text = ((Insert) components.get(index)).text();
    int end = offset + count;
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
        && Character.isLowSurrogate(text.charAt(end))) {
      throw new InvalidOperationException("operation would split a surrogate pair of inserted text");
    }
    String taken = offset == 0 && end == text.length() ? text : text.substring(offset, end);
    skip(count);
    return taken;
  }
}
