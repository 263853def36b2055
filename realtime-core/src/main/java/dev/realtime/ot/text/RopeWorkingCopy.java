package dev.realtime.ot.text;

import dev.realtime.ot.WorkingCopy;
import java.util.Objects;

/** Plain text held in a {@link Rope}, so each operation edits in place in O(log n). */
final class RopeWorkingCopy implements WorkingCopy<String, TextOperation> {

  private final Rope text;

  RopeWorkingCopy(String content) {
    this.text = new Rope(Objects.requireNonNull(content, "content"));
  }

  @Override
  public void apply(TextOperation operation) {
    Objects.requireNonNull(operation, "operation").applyTo(text);
  }

  @Override
  public String content() {
    return text.toString();
  }

  @Override
  public int size() {
    return text.length();
  }
}
