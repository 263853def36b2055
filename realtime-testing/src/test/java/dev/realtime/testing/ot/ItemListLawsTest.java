package dev.realtime.testing.ot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.document.ReceiveResult;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.testing.ot.ItemEdit.Insert;
import dev.realtime.testing.ot.ItemEdit.Remove;
import dev.realtime.testing.ot.SimulationReport.Event;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** An application's own operation type (a list of items) through the same suite, as a JUnit test factory. */
class ItemListLawsTest {

  private static final TransformerLaws<List<String>, List<ItemEdit>> LAWS =
      TransformerLaws.builder(new ItemList())
          .contents(ItemList::content)
          .operations(ItemList::operation)
          .seeds(1_000)
          .build();

  @TestFactory
  Stream<DynamicTest> itemListObeysEveryLaw() {
    return LAWS.dynamicTests();
  }

  @Test
  void theSimulationReachesEveryRecoveryPath() {
    SimulationReport report = LAWS.simulateConvergence();
    assertThat(report.runs()).isEqualTo(1_000);
    assertThat(report.count(Event.APPLIED)).isPositive();
    assertThat(report.events()).containsKeys(Event.DUPLICATE, Event.CATCH_UP_ACK, Event.HANDSHAKE_RESYNC,
        Event.SUBMISSION_RESYNC);
  }

  @Test
  void aServerDocumentOrdersConcurrentInsertsAsTheLeftSideSays() {
    ServerDocument<List<String>, List<ItemEdit>> server =
        ServerDocument.of(new ItemList(), new DocumentSnapshot<>(0, List.of("x")), 10);
    server.receive("alice", 1, 0, List.of(new Insert(1, "a")));
    ReceiveResult<List<String>, List<ItemEdit>> late = server.receive("bob", 1, 0, List.of(new Insert(1, "b"), new Remove(0)));
    // Bob's operation is the one transformed into the history, so its insert goes first.
    assertThat(server.content()).containsExactly("b", "a");
    assertThat(late).isEqualTo(new ReceiveResult.Applied<>(List.of(new Insert(1, "b"), new Remove(0)), 2));
    assertThat(server.size()).isEqualTo(2);
  }
}
