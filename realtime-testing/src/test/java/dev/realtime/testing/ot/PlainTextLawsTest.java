package dev.realtime.testing.ot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.testing.ot.SimulationReport.Event;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plain text through the property suite: every law on 2,000 seeds, and the seeded server and
 * client simulation (raise its seeds with {@code -Dot.seeds=N}; a failure names its seed).
 */
class PlainTextLawsTest {

  private static TransformerLaws<String, TextOperation> laws(int seeds) {
    return TransformerLaws.builder(PlainText.INSTANCE)
        .contents(TextGenerators::content)
        .operations(TextGenerators::operation)
        .seeds(seeds)
        .build();
  }

  @Test
  void plainTextObeysEveryLaw() {
    TransformerLaws<String, TextOperation> laws = laws(2_000);
    laws.checkConvergence();
    laws.checkTransformBoth();
    laws.checkComposition();
    laws.checkInversion();
    laws.checkIdentity();
    laws.checkWorkingCopy();
  }

  @Test
  void everyClientConvergesOnTheServersText() {
    int seeds = Integer.getInteger("ot.seeds", 2_000);
    SimulationReport report = laws(seeds).simulateConvergence();
    assertThat(report.runs()).isEqualTo(seeds);
    if (seeds >= 500) {
      // Guards the simulation itself: every recovery path must actually be exercised.
      assertThat(report.events()).as("simulation events").containsKeys(Event.APPLIED, Event.DUPLICATE,
          Event.CATCH_UP_ACK, Event.HANDSHAKE_RESYNC, Event.SUBMISSION_RESYNC);
    }
  }

  @Test
  void textGeneratorsMakeOperationsThatFitAndReachEveryKindOfCharacter() {
    boolean insertedOutsideTheBmp = false;
    boolean deletedOutsideTheBmp = false;
    for (int seed = 0; seed < 500; seed++) {
      Random random = TransformerLaws.random(seed);
      String text = TextGenerators.content(random);
      TextOperation operation = TextGenerators.operation(random, text);
      String after = operation.apply(text);
      insertedOutsideTheBmp |= after.codePoints().filter(Character::isSupplementaryCodePoint).count()
          > text.codePoints().filter(Character::isSupplementaryCodePoint).count();
      deletedOutsideTheBmp |= after.codePoints().filter(Character::isSupplementaryCodePoint).count()
          < text.codePoints().filter(Character::isSupplementaryCodePoint).count();
    }
    assertThat(insertedOutsideTheBmp).isTrue();
    assertThat(deletedOutsideTheBmp).isTrue();
  }
}
