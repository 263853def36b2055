package dev.realtime.testing.ot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.Side;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.store.InMemoryDocumentStore;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The counter of docs/collaborative-editing.md, as written there: it plugs in and passes the suite. */
class CounterLawsTest {

  static final class Counter implements OperationTransformer<Long, Long> {
    public Long empty() { return 0L; }
    public Long apply(Long content, Long add) { return Math.addExact(content, add); }
    public Long transform(Long add, Long against, Side side) { return add; } // additions commute
    public Long compose(Long first, Long second) { return first + second; }
    public Optional<Long> invert(Long add, Long before) { return Optional.of(-add); }
    public Long identity(Long content) { return 0L; }
    public int size(Long content) { return 1; }                             // one value
  }

  private final TransformerLaws<Long, Long> laws = TransformerLaws.builder(new Counter())
      .contents(random -> (long) random.nextInt(100))
      .operations((random, content) -> (long) random.nextInt(21) - 10)
      .seeds(2_000)
      .build();

  @Test
  void obeysEveryLaw() {
    assertThat(laws.checkAll().count(SimulationReport.Event.APPLIED)).isPositive();
  }

  @TestFactory
  Stream<DynamicTest> lawByLaw() {
    return laws.dynamicTests();
  }

  @Test
  void documentsOfTheNewTypeWorkAsTheDocumentSays() {
    ServerDocument<Long, Long> server = ServerDocument.of(new Counter(), new DocumentSnapshot<>(0, 0L), 1_000);
    ClientDocument<Long, Long> client = new ClientDocument<>(new Counter(), server.snapshot());
    ServerDocument<Long, Long> stored =
        ServerDocument.load(new Counter(), new InMemoryDocumentStore<>(new Counter()), "votes", 1_000);
    client.applyLocal(5L).ifPresent(out -> server.receive("c", out.seq(), out.revision(), out.operation()));
    server.receive("d", 1, 0, 3L);
    client.serverAck(1);
    client.applyServer(3L);
    assertThat(server.content()).isEqualTo(8L).isEqualTo(client.content());
    assertThat(client.revision()).isEqualTo(server.revision()).isEqualTo(2);
    assertThat(stored.snapshot()).isEqualTo(new DocumentSnapshot<>(0, 0L));
  }
}
