package dev.realtime.testing.ot;

import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import java.util.Optional;

/** Passes every call to a correct transformer, so a test breaks exactly one law by overriding one method. */
class DelegatingTransformer<S, O> implements OperationTransformer<S, O> {

  private final OperationTransformer<S, O> correct;

  DelegatingTransformer(OperationTransformer<S, O> correct) {
    this.correct = correct;
  }

  @Override
  public S empty() {
    return correct.empty();
  }

  @Override
  public S apply(S content, O operation) {
    return correct.apply(content, operation);
  }

  @Override
  public O transform(O operation, O against, Side side) {
    return correct.transform(operation, against, side);
  }

  @Override
  public Transformed<O> transformBoth(O a, O b) {
    return correct.transformBoth(a, b);
  }

  @Override
  public O compose(O first, O second) {
    return correct.compose(first, second);
  }

  @Override
  public Optional<O> invert(O operation, S before) {
    return correct.invert(operation, before);
  }

  @Override
  public O identity(S content) {
    return correct.identity(content);
  }

  @Override
  public int size(S content) {
    return correct.size(content);
  }

  @Override
  public WorkingCopy<S, O> workingCopy(S content) {
    return correct.workingCopy(content);
  }

  @Override
  public String toString() {
    return "broken " + correct;
  }
}
