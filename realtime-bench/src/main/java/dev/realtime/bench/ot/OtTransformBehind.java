package dev.realtime.bench.ot;

import dev.realtime.ot.Side;
import dev.realtime.ot.document.ReceiveResult;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.text.TextOperation;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An operation from a client 1,000 revisions behind: the server transforms it against a history
 * of 1,000 random single-character edits, then applies it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OtTransformBehind {

  private static final int BEHIND = 1_000;

  private TextOperation[] history;
  private TextOperation incoming;
  private ServerDocument<String, TextOperation> document;
  private int base;
  private int[] lengths = new int[4_096];
  private long seq;
  private final SplittableRandom positions = new SplittableRandom(7);

  /** Builds 1,000 random single-character inserts and deletes over a 10,000-character text. */
  @Setup(Level.Trial)
  public void buildHistory() {
    SplittableRandom random = new SplittableRandom(42);
    String start = "abcdefghij".repeat(1_000);
    int length = start.length();
    incoming = TextOperation.insert(length, random.nextInt(length + 1), "Z");
    history = new TextOperation[BEHIND];
    ServerDocument<String, TextOperation> builder = ServerDocument.text(start);
    base = builder.revision();
    for (int i = 0; i < BEHIND; i++) {
      TextOperation edit = random.nextBoolean()
          ? TextOperation.insert(length, random.nextInt(length + 1), "x")
          : TextOperation.delete(length, random.nextInt(length), 1);
      history[i] = edit;
      length = edit.targetLength();
    }
    document = builder;
    lengths[0] = start.length();
    for (int i = 0; i < BEHIND; i++) {
      document.receive("other", i + 1, document.revision(), history[i]);
      recordLength(document.size());
    }
  }

  /** The transform alone: the incoming operation through the 1,000 operations of history, both results built. */
  @Benchmark
  public TextOperation transformThroughHistory() {
    TextOperation operation = incoming;
    for (TextOperation applied : history) {
      operation = TextOperation.transformBoth(operation, applied).aPrime();
    }
    return operation;
  }

  /** The same, one side only, as the server transforms an incoming operation into its history. */
  @Benchmark
  public TextOperation transformLeftThroughHistory() {
    TextOperation operation = incoming;
    for (TextOperation applied : history) {
      operation = operation.transform(applied, Side.LEFT);
    }
    return operation;
  }

  /**
   * The server's whole receive path (transform, apply, record) for a one-character insert at a
   * random position made 1,000 revisions ago; each call adds a revision, so the next call is again
   * 1,000 behind the newest, and the history soon consists of these random inserts.
   */
  @Benchmark
  public ReceiveResult<String, TextOperation> receiveFromClientBehind() {
    int revision = document.revision() - BEHIND;
    int length = lengths[revision - base];
    ReceiveResult<String, TextOperation> result = document.receive("late", ++seq, revision,
        TextOperation.insert(length, positions.nextInt(length + 1), "Z"));
    recordLength(document.size());
    return result;
  }

  private void recordLength(int length) {
    int index = document.revision() - base;
    if (index >= lengths.length) {
      lengths = Arrays.copyOf(lengths, lengths.length * 2);
    }
    lengths[index] = length;
  }
}
