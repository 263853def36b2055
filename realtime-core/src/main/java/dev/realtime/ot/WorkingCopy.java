package dev.realtime.ot;

/**
 * A private, mutable copy of a document's content that operations are applied to in place, so a
 * document need not rebuild its whole content per operation (a text edit costs O(log n), not a copy).
 * Made by {@link OperationTransformer#workingCopy}; not thread-safe, its owner guards it.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public interface WorkingCopy<S, O> {

  /**
   * Applies {@code operation} in place, as {@link OperationTransformer#apply} would.
   *
   * @throws InvalidOperationException if the operation does not fit; the content is unchanged then
   */
  void apply(O operation);

  /** Returns the current content as an immutable value. */
  S content();

  /** Returns the current content's {@link OperationTransformer#size size}, without building the content. */
  int size();
}
