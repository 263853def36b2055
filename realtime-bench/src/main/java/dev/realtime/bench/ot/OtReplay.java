package dev.realtime.bench.ot;

import dev.realtime.ot.document.ReceiveResult;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.testing.ot.EditingTrace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Replays all 259,778 edits of {@code automerge-paper} through a fresh {@link ServerDocument},
 * each edit a {@link TextOperation} made at the current revision. Pure ASCII, so code points and
 * UTF-16 positions agree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OtReplay {

  private List<EditingTrace.Patch> edits;
  private int endLength;

  /** Loads the trace once. */
  @Setup
  public void load() {
    EditingTrace trace = EditingTrace.load("automerge-paper");
    edits = trace.patches();
    endLength = trace.endContent().length();
  }

  /** One full replay; fails loudly if the text does not end as the trace says. */
  @Benchmark
  public int replayAutomergePaper() {
    ServerDocument<String, TextOperation> document = ServerDocument.text("");
    long seq = 0;
    for (EditingTrace.Patch edit : edits) {
      int length = document.size();
      TextOperation operation = TextOperation.builder()
          .retain(edit.position())
          .delete(edit.deleted())
          .insert(edit.inserted())
          .retain(length - edit.position() - edit.deleted())
          .build();
      ReceiveResult<String, TextOperation> result = document.receive("author", ++seq, document.revision(), operation);
      if (!(result instanceof ReceiveResult.Applied)) {
        throw new IllegalStateException("edit " + seq + " not applied: " + result);
      }
    }
    if (document.size() != endLength) {
      throw new IllegalStateException("replay ended with the wrong length " + document.size());
    }
    return document.revision();
  }
}
