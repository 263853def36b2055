package dev.realtime.testing.ot;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.realtime.ot.text.TextOperation;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A real editing session from the {@code editing-traces} format (gzipped JSON: {@code startContent},
 * {@code endContent}, {@code txns} of {@code patches} {@code [position, deleted, inserted]}, each
 * transaction with its {@code agent}), for tests and benchmarks that replay real typing. Positions
 * and lengths count Unicode code points; {@link #operation} converts a patch to UTF-16.
 *
 * @param startContent the text before the first transaction
 * @param endContent the text after the last (exact for sequential traces)
 * @param transactions every transaction, in order
 */
public record EditingTrace(String startContent, String endContent, List<Transaction> transactions) {

  /** The system property naming the traces folder; without it the folder is searched for. */
  public static final String DIRECTORY_PROPERTY = "ot.traces";

  /** Delete {@code deleted} code points at {@code position}, then insert {@code inserted} there. */
  public record Patch(int position, int deleted, String inserted) {}

  /** The patches one author ({@code agent}, from 0) made at once. */
  public record Transaction(int agent, List<Patch> patches) {
    /** Copies the patches. */
    public Transaction {
      patches = List.copyOf(patches);
    }
  }

  /** Copies the transactions. */
  public EditingTrace {
    Objects.requireNonNull(startContent, "startContent");
    Objects.requireNonNull(endContent, "endContent");
    transactions = List.copyOf(transactions);
  }

  /**
   * Loads {@code name}{@code .json.gz} from {@code -Dot.traces=DIR}, or else from the first {@code
   * shared/data/editing-traces} beside the working directory or one of its parents.
   *
   * @throws IllegalStateException if the folder or the file cannot be found or read
   */
  public static EditingTrace load(String name) {
    Path file = directory().resolve(name + ".json.gz");
    try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
        StandardCharsets.UTF_8);
        JsonReader json = new JsonReader(reader)) {
      return read(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the editing trace " + file, new UncheckedIOException(e));
    }
  }

  /** Every patch of every transaction, in order. */
  public List<Patch> patches() {
    List<Patch> all = new ArrayList<>();
    transactions.forEach(transaction -> all.addAll(transaction.patches()));
    return all;
  }

  /** The operation that makes {@code patch} on {@code text}, its code points converted to UTF-16 units. */
  public static TextOperation operation(Patch patch, String text) {
    int start = text.offsetByCodePoints(0, patch.position());
    int end = text.offsetByCodePoints(start, patch.deleted());
    return TextOperation.builder().retain(start).delete(end - start).insert(patch.inserted())
        .retain(text.length() - end).build();
  }

  private static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/editing-traces");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("editing traces not found beside " + start + " or its parents; pass -D"
        + DIRECTORY_PROPERTY + "=DIR");
  }

  private static EditingTrace read(JsonReader json) throws IOException {
    String start = "";
    String end = "";
    List<Transaction> transactions = new ArrayList<>();
    json.beginObject();
    while (json.hasNext()) {
      String field = json.nextName();
      if (field.equals("startContent")) {
        start = json.nextString();
      } else if (field.equals("endContent")) {
        end = json.nextString();
      } else if (field.equals("txns")) {
        json.beginArray();
        while (json.hasNext()) {
          transactions.add(transaction(json));
        }
        json.endArray();
      } else {
        json.skipValue();
      }
    }
    json.endObject();
    return new EditingTrace(start, end, transactions);
  }

  private static Transaction transaction(JsonReader json) throws IOException {
    int agent = 0;
    List<Patch> patches = new ArrayList<>(1);
    json.beginObject();
    while (json.hasNext()) {
      String field = json.nextName();
      if (field.equals("agent")) {
        agent = json.nextInt();
      } else if (field.equals("patches")) {
        json.beginArray();
        while (json.hasNext()) {
          json.beginArray();
          int position = json.nextInt();
          int deleted = json.nextInt();
          patches.add(new Patch(position, deleted, json.peek() == JsonToken.STRING ? json.nextString() : ""));
          while (json.hasNext()) {
            json.skipValue();
          }
          json.endArray();
        }
        json.endArray();
      } else {
        json.skipValue();
      }
    }
    json.endObject();
    return new Transaction(agent, patches);
  }
}
