package dev.realtime.bench.ot;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The single-patch edits of a sequential editing trace (josephg/editing-traces, CC BY 4.0). */
record TraceEdits(String endContent, List<Edit> edits) {

  /** Delete {@code deleted} units at {@code position}, then insert {@code inserted} there. */
  record Edit(int position, int deleted, String inserted) {}

  /** Loads {@code name} from {@code -Dot.traces=DIR} or the {@code shared/data/editing-traces} beside the checkout. */
  static TraceEdits load(String name) throws IOException {
    Path file = directory().resolve(name + ".json.gz");
    try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
        StandardCharsets.UTF_8);
        JsonReader json = new JsonReader(reader)) {
      String end = null;
      List<Edit> edits = new ArrayList<>();
      json.beginObject();
      while (json.hasNext()) {
        String field = json.nextName();
        if (field.equals("endContent")) {
          end = json.nextString();
        } else if (field.equals("txns")) {
          json.beginArray();
          while (json.hasNext()) {
            readTransaction(json, edits);
          }
          json.endArray();
        } else {
          json.skipValue();
        }
      }
      json.endObject();
      return new TraceEdits(end, edits);
    }
  }

  private static void readTransaction(JsonReader json, List<Edit> edits) throws IOException {
    json.beginObject();
    while (json.hasNext()) {
      if (!json.nextName().equals("patches")) {
        json.skipValue();
        continue;
      }
      json.beginArray();
      while (json.hasNext()) {
        json.beginArray();
        edits.add(new Edit(json.nextInt(), json.nextInt(), json.nextString()));
        json.endArray();
      }
      json.endArray();
    }
    json.endObject();
  }

  private static Path directory() {
    String configured = System.getProperty("ot.traces");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/editing-traces");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("editing traces not found; pass -Dot.traces=DIR");
  }
}
