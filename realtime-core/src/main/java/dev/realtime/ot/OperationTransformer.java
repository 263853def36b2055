package dev.realtime.ot;

import java.util.Objects;
import java.util.Optional;

/**
 * An operation type for operational transformation: how an operation {@code O} changes document
 * content {@code S}, and how two operations made concurrently on the same content are reconciled.
 * The server and client document state are written against this interface only, so an
 * application plugs in its own operation type by implementing it ({@code PlainText} is the one
 * for plain text, in package {@code dev.realtime.ot.text}).
 *
 * <p>Content values must be immutable and compare by value ({@code equals}); operations must be
 * immutable. Every method rejects an operation that does not fit its content with an
 * {@link InvalidOperationException} and leaves everything unchanged. An implementation obeys these
 * laws, for all content {@code s} and operations {@code a}, {@code b} made on {@code s} (the
 * property suite in {@code realtime-testing} checks them on random content and operations):
 *
 * <ul>
 *   <li><b>Convergence (TP1).</b> Applying {@code a} then {@code b} transformed past it gives the
 *       same content as applying {@code b} then {@code a} transformed past it, the two transforms
 *       taking opposite sides:<br>
 *       {@code apply(apply(s, a), transform(b, a, RIGHT)).equals(apply(apply(s, b), transform(a, b, LEFT)))}.
 *   <li><b>Both at once.</b> {@link #transformBoth transformBoth(a, b)} has the effect of
 *       {@code transform(a, b, LEFT)} and {@code transform(b, a, RIGHT)}.
 *   <li><b>Composition.</b> For {@code b} made on {@code apply(s, a)}:
 *       {@code apply(s, compose(a, b)).equals(apply(apply(s, a), b))}.
 *   <li><b>Inversion</b>, where defined. When {@code invert(a, s)} is present it undoes {@code a}:
 *       {@code apply(apply(s, a), invert(a, s).get()).equals(s)}.
 *   <li><b>Identity.</b> {@code apply(s, identity(s)).equals(s)}, and transforming {@code a} past
 *       {@code identity(s)} leaves its effect unchanged.
 *   <li><b>Working copy.</b> Applying operations to {@link #workingCopy workingCopy(s)} in place
 *       gives the content {@link #apply} gives, and the size {@link #size} gives.
 * </ul>
 *
 * <p>Implementations are stateless or immutable and thread-safe: one instance serves every document.
 *
 * @param <S> the content type: what one document holds (a text, a list)
 * @param <O> the operation type: one change to such content
 */
public interface OperationTransformer<S, O> {

  /** Returns the content of a new document: the empty text, the empty list. */
  S empty();

  /**
   * Returns {@code content} changed by {@code operation}; {@code content} itself is left as it was.
   *
   * @throws InvalidOperationException if the operation does not fit the content
   */
  S apply(S content, O operation);

  /**
   * Returns {@code operation} transformed to apply after {@code against}, both made on the same
   * content; {@code side} breaks the tie when both insert at one place (see {@link Side}).
   *
   * @throws InvalidOperationException if the two were not made on content of the same shape
   */
  O transform(O operation, O against, Side side);

  /**
   * Transforms two concurrent operations past each other: {@code aPrime} is {@code a} on the
   * {@link Side#LEFT left} transformed past {@code b}, {@code bPrime} is {@code b} on the
   * {@link Side#RIGHT right} transformed past {@code a}. Override it where one pass computes both.
   */
  default Transformed<O> transformBoth(O a, O b) {
    return new Transformed<>(transform(a, b, Side.LEFT), transform(b, a, Side.RIGHT));
  }

  /**
   * Returns one operation with the effect of {@code first} followed by {@code second}, which was
   * made on the content {@code first} produces.
   *
   * @throws InvalidOperationException if {@code second} does not follow {@code first}
   */
  O compose(O first, O second);

  /**
   * Returns the operation that undoes {@code operation}, which was made on {@code before}; empty
   * when this type defines no inverse (the default) or none for this operation.
   */
  default Optional<O> invert(O operation, S before) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(before, "before");
    return Optional.empty();
  }

  /** Returns an operation made on {@code content} that changes nothing. */
  O identity(S content);

  /**
   * Returns how big {@code content} is in this type's own unit (UTF-16 code units for text, items
   * for a list), which documents report so an application can bound growth.
   */
  int size(S content);

  /**
   * Returns a mutable copy of {@code content} to apply operations to in place. The default
   * replaces the value through {@link #apply} per operation; a type with a cheaper in-place form
   * (text in a rope) overrides it.
   */
  default WorkingCopy<S, O> workingCopy(S content) {
    return new ReplacingWorkingCopy<>(this, content);
  }

  /**
   * Two concurrent operations transformed past each other: {@code aPrime} applies after
   * {@code b}, {@code bPrime} after {@code a}, and both orders reach the same content.
   *
   * @param <O> the operation type
   */
  record Transformed<O>(O aPrime, O bPrime) {
    /** Creates the pair; neither may be null. */
    public Transformed {
      Objects.requireNonNull(aPrime, "aPrime");
      Objects.requireNonNull(bPrime, "bPrime");
    }
  }
}
