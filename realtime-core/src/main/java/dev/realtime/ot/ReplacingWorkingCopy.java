package dev.realtime.ot;

import java.util.Objects;

/** The working copy for types without an in-place form: each operation replaces the held value. */
final class ReplacingWorkingCopy<S, O> implements WorkingCopy<S, O> {

  private final OperationTransformer<S, O> transformer;
  private S content;

  ReplacingWorkingCopy(OperationTransformer<S, O> transformer, S content) {
    this.transformer = transformer;
    this.content = Objects.requireNonNull(content, "content");
  }

  @Override
  public void apply(O operation) {
    content = Objects.requireNonNull(transformer.apply(content, operation), "apply returned null");
  }

  @Override
  public S content() {
    return content;
  }

  @Override
  public int size() {
    return transformer.size(content);
  }
}
