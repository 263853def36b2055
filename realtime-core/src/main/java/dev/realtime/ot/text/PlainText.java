package dev.realtime.ot.text;

import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import java.util.Objects;
import java.util.Optional;

/**
 * Plain text as an operation type: content is a {@link String}, an operation a
 * {@link TextOperation}, sizes count UTF-16 code units, and documents keep their text in a rope
 * so an edit costs O(log n). Compatible with ot.js: {@link Side#LEFT} is the side of the operation
 * ot.js passes first to its {@code transform}.
 */
public final class PlainText implements OperationTransformer<String, TextOperation> {

  /** The one instance; it holds no state. */
  public static final PlainText INSTANCE = new PlainText();

  private PlainText() {}

  @Override
  public String empty() {
    return "";
  }

  @Override
  public String apply(String content, TextOperation operation) {
    return Objects.requireNonNull(operation, "operation").apply(content);
  }

  @Override
  public TextOperation transform(TextOperation operation, TextOperation against, Side side) {
    return Objects.requireNonNull(operation, "operation").transform(against, side);
  }

  @Override
  public Transformed<TextOperation> transformBoth(TextOperation a, TextOperation b) {
    return TextOperation.transformBoth(a, b);
  }

  @Override
  public TextOperation compose(TextOperation first, TextOperation second) {
    return Objects.requireNonNull(first, "first").compose(second);
  }

  @Override
  public Optional<TextOperation> invert(TextOperation operation, String before) {
    return Optional.of(Objects.requireNonNull(operation, "operation").invert(before));
  }

  @Override
  public TextOperation identity(String content) {
    return TextOperation.identity(content.length());
  }

  @Override
  public int size(String content) {
    return content.length();
  }

  @Override
  public WorkingCopy<String, TextOperation> workingCopy(String content) {
    return new RopeWorkingCopy(content);
  }

  @Override
  public String toString() {
    return "plain text";
  }
}
