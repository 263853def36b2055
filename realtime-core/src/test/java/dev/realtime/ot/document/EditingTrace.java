package dev.realtime.ot.document;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.realtime.ot.text.TextOperation;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An editing trace from {@code shared/data/editing-traces} (josephg/editing-traces, CC BY 4.0),
 * read with Gson's streaming reader. Positions and lengths count Unicode code points.
 */
record EditingTrace(String startContent, String endContent, List<Transaction> transactions) {

  record Patch(int position, int deleted, String inserted) {}

  record Transaction(int agent, int[] parents, List<Patch> patches) {}

  /** Returns the traces folder, found by walking up from the working directory to the repository's sibling {@code shared}. */
  static Path directory() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/editing-traces");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("editing traces not found: no shared/data/editing-traces beside any parent of "
        + start + " (CI must check out shared/ next to the repository)");
  }

  static EditingTrace load(String name) {
    Path file = directory().resolve(name + ".json.gz");
    try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
        StandardCharsets.UTF_8);
        JsonReader json = new JsonReader(reader)) {
      return read(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read trace " + file, e);
    }
  }

  private static EditingTrace read(JsonReader json) throws IOException {
    String start = "";
    String end = null;
    List<Transaction> transactions = new ArrayList<>();
    json.beginObject();
    while (json.hasNext()) {
      switch (json.nextName()) {
        case "startContent" -> start = json.nextString();
        case "endContent" -> end = json.nextString();
        case "txns" -> {
          json.beginArray();
          while (json.hasNext()) {
            transactions.add(readTransaction(json));
          }
          json.endArray();
        }
        default -> json.skipValue();
      }
    }
    json.endObject();
    return new EditingTrace(start, end, transactions);
  }

  private static Transaction readTransaction(JsonReader json) throws IOException {
    int agent = 0;
    int[] parents = new int[0];
    List<Patch> patches = new ArrayList<>(1);
    json.beginObject();
    while (json.hasNext()) {
      switch (json.nextName()) {
        case "agent" -> agent = json.nextInt();
        case "parents" -> {
          List<Integer> list = new ArrayList<>(2);
          json.beginArray();
          while (json.hasNext()) {
            list.add(json.nextInt());
          }
          json.endArray();
          parents = list.stream().mapToInt(Integer::intValue).toArray();
        }
        case "patches" -> {
          json.beginArray();
          while (json.hasNext()) {
            json.beginArray();
            int position = json.nextInt();
            int deleted = json.nextInt();
            String inserted = json.peek() == JsonToken.STRING ? json.nextString() : "";
            while (json.hasNext()) {
              json.skipValue();
            }
            json.endArray();
            patches.add(new Patch(position, deleted, inserted));
          }
          json.endArray();
        }
        default -> json.skipValue();
      }
    }
    json.endObject();
    return new Transaction(agent, parents, patches);
  }

  /** Returns whether any text in the trace has a character outside the BMP (then code points and UTF-16 differ). */
  boolean hasSupplementaryCharacters() {
    if (hasSupplementary(startContent) || hasSupplementary(endContent)) {
      return true;
    }
    for (Transaction transaction : transactions) {
      for (Patch patch : transaction.patches()) {
        if (hasSupplementary(patch.inserted())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasSupplementary(String text) {
    return text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
  }

  /**
   * Returns the operation for {@code patch} on {@code text}, converting code points to UTF-16 and
   * clamping the range to the text. {@code text} may be null when the trace is all BMP, where both agree.
   */
  static TextOperation operation(Patch patch, int length, CharSequence text, boolean[] clamped) {
    int position;
    int end;
    if (text == null) {
      position = Math.min(patch.position(), length);
      end = Math.min(length, position + patch.deleted());
      clamped[0] |= position != patch.position() || end - position != patch.deleted();
    } else {
      String current = text.toString();
      int codePoints = current.codePointCount(0, current.length());
      int startPoint = Math.min(patch.position(), codePoints);
      int endPoint = Math.min(codePoints, startPoint + patch.deleted());
      clamped[0] |= startPoint != patch.position() || endPoint - startPoint != patch.deleted();
      position = current.offsetByCodePoints(0, startPoint);
      end = current.offsetByCodePoints(position, endPoint - startPoint);
    }
    return TextOperation.builder().retain(position).delete(end - position).insert(patch.inserted())
        .retain(length - end).build();
  }
}
