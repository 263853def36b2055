package dev.realtime.testing.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The suite can fail: each transformer here breaks one law, and the suite says which, with the seed and values. */
class BrokenTransformerTest {

  private static TransformerLaws<String, TextOperation> textLaws(OperationTransformer<String, TextOperation> broken) {
    return TransformerLaws.builder(broken)
        .contents(TextGenerators::content)
        .operations(TextGenerators::operation)
        .seeds(500)
        .build();
  }

  private static TransformerLaws<List<String>, List<ItemEdit>> listLaws(ItemList broken) {
    return TransformerLaws.builder(broken).contents(ItemList::content).operations(ItemList::operation).seeds(500).build();
  }

  /** Always puts the transformed insert first, whatever side it is given. */
  private static final OperationTransformer<String, TextOperation> IGNORES_SIDE =
      new DelegatingTransformer<>(PlainText.INSTANCE) {
        @Override
        public TextOperation transform(TextOperation operation, TextOperation against, Side side) {
          return super.transform(operation, against, Side.LEFT);
        }

        @Override
        public Transformed<TextOperation> transformBoth(TextOperation a, TextOperation b) {
          return new Transformed<>(transform(a, b, Side.LEFT), transform(b, a, Side.RIGHT));
        }
      };

  @Test
  void aTransformThatIgnoresTheSideBreaksConvergenceAndTheSimulation() {
    TransformerLaws<String, TextOperation> laws = textLaws(IGNORES_SIDE);
    assertThatThrownBy(laws::checkConvergence).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("convergence (TP1) fails for broken plain text with seed ")
        .hasMessageContaining("content = \"").hasMessageContaining("a = [").hasMessageContaining("b = [")
        .hasMessageContaining("but b then transform(a, b, LEFT) gives");
    assertThatThrownBy(laws::simulateConvergence).isInstanceOf(AssertionError.class)
        .hasMessageContaining("server and clients converge fails").hasMessageContaining("seed ");
    assertThatThrownBy(laws::checkAll).isInstanceOf(AssertionError.class);
  }

  @Test
  void aFailureNamesASeedThatRepeatsItAlone() {
    AssertionError failure = catchFailure(() -> textLaws(IGNORES_SIDE).checkConvergence());
    String seed = failure.getMessage().replaceFirst("(?s).*with seed (\\d+):.*", "$1");
    assertThat(failure.getMessage()).contains("firstSeed(" + seed + ").seeds(1)");
    TransformerLaws<String, TextOperation> alone = TransformerLaws.builder(IGNORES_SIDE)
        .contents(TextGenerators::content).operations(TextGenerators::operation)
        .firstSeed(Long.parseLong(seed)).seeds(1).build();
    AssertionError again = catchFailure(alone::checkConvergence);
    assertThat(again.getMessage()).isEqualTo(failure.getMessage());
    // The seeds before it pass, so it is the first failing one.
    if (!seed.equals("0")) {
      assertThatCode(() -> TransformerLaws.builder(IGNORES_SIDE).contents(TextGenerators::content)
          .operations(TextGenerators::operation).seeds(Integer.parseInt(seed)).build().checkConvergence())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aListTypeWhoseInsertsIgnoreTheSideBreaksConvergence() {
    ItemList broken = new ItemList() {
      @Override
      boolean insertFirst(int i, int j, Side side) {
        return i <= j;
      }
    };
    assertThatThrownBy(() -> listLaws(broken).checkConvergence()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("convergence (TP1) fails for item list with seed").hasMessageContaining("Insert[");
    assertThatCode(() -> listLaws(broken).checkComposition()).as("only the tie is broken").doesNotThrowAnyException();
  }

  @Test
  void aTransformBothThatSwapsTheSidesIsCaught() {
    OperationTransformer<String, TextOperation> swapped = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public Transformed<TextOperation> transformBoth(TextOperation a, TextOperation b) {
        return new Transformed<>(transform(a, b, Side.RIGHT), transform(b, a, Side.LEFT));
      }
    };
    assertThatCode(() -> textLaws(swapped).checkConvergence()).doesNotThrowAnyException();
    assertThatThrownBy(() -> textLaws(swapped).checkTransformBoth()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("transformBoth agrees with transform fails");
    // The client then orders ties against the server's order: the copies drift apart until an
    // operation no longer fits or the final contents differ.
    assertThatThrownBy(() -> textLaws(swapped).simulateConvergence()).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("server and clients converge fails for broken plain text with seed ");
  }

  @Test
  void aComposeThatDropsTheFirstOperationIsCaught() {
    OperationTransformer<String, TextOperation> broken = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public TextOperation compose(TextOperation first, TextOperation second) {
        return first.targetLength() == second.baseLength() && first.baseLength() == second.baseLength()
            ? second : super.compose(first, second);
      }
    };
    assertThatThrownBy(() -> textLaws(broken).checkComposition()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("compose(a, b) gives").hasMessageContaining("but a then b gives");
  }

  @Test
  void anInverseThatUndoesNothingIsCaughtAndAMissingOneIsNot() {
    OperationTransformer<String, TextOperation> wrong = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public Optional<TextOperation> invert(TextOperation operation, String before) {
        return Optional.of(TextOperation.identity(operation.targetLength()));
      }
    };
    assertThatThrownBy(() -> textLaws(wrong).checkInversion()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("invert undoes fails");
    OperationTransformer<String, TextOperation> none = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public Optional<TextOperation> invert(TextOperation operation, String before) {
        return Optional.empty();
      }
    };
    assertThatCode(() -> textLaws(none).checkInversion()).doesNotThrowAnyException();
  }

  @Test
  void anIdentityThatChangesTheContentIsCaught() {
    OperationTransformer<String, TextOperation> broken = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public TextOperation identity(String content) {
        return TextOperation.insert(content.length(), content.length(), "!");
      }
    };
    assertThatThrownBy(() -> textLaws(broken).checkIdentity()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("identity applied gives");
  }

  @Test
  void aWorkingCopyThatLosesEditsIsCaught() {
    OperationTransformer<String, TextOperation> broken = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public WorkingCopy<String, TextOperation> workingCopy(String content) {
        WorkingCopy<String, TextOperation> real = super.workingCopy(content);
        return new WorkingCopy<>() {
          @Override
          public void apply(TextOperation operation) {
            if (!operation.isIdentity() && operation.targetLength() > operation.baseLength()) {
              real.apply(operation);
            }
          }

          @Override
          public String content() {
            return real.content();
          }

          @Override
          public int size() {
            return real.size();
          }
        };
      }
    };
    assertThatThrownBy(() -> textLaws(broken).checkWorkingCopy()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("working copy gives");
  }

  @Test
  void anExceptionInsideALawIsReportedWithItsSeed() {
    OperationTransformer<String, TextOperation> throwing = new DelegatingTransformer<>(PlainText.INSTANCE) {
      @Override
      public TextOperation compose(TextOperation first, TextOperation second) {
        throw new IllegalStateException("compose is not ready");
      }
    };
    assertThatThrownBy(() -> textLaws(throwing).checkComposition()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("with seed 0: threw java.lang.IllegalStateException: compose is not ready")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void theBuilderNeedsGeneratorsAndAPositiveSeedCount() {
    assertThatThrownBy(() -> TransformerLaws.builder(PlainText.INSTANCE).build()).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TransformerLaws.builder(PlainText.INSTANCE).seeds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransformerLaws.builder(null)).isInstanceOf(NullPointerException.class);
  }

  private static AssertionError catchFailure(Runnable check) {
    try {
      check.run();
    } catch (AssertionError e) {
      return e;
    }
    throw new IllegalStateException("expected the check to fail");
  }
}
