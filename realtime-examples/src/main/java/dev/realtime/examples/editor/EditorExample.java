package dev.realtime.examples.editor;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import java.util.List;

/** The collaborative editor example: operational transformation over {@code /editor}, page at {@code /}. */
public final class EditorExample implements Example {
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("editor",
      "collaborative text editing (operational transformation)", List.of(), EditorExample::new);
  /** The largest inbound frame: a paste may insert a whole document (1,000,000 code units, escaped). */
  public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;

  @Override
  public void configure(ExampleContext context) {
    EditorService editor = new EditorService(context.hubBuilder().name("editor"));
    // The transport's default (64 KiB) would close a client that pastes a large text with 1009.
    context.maxMessageBytes(MAX_FRAME_BYTES);
    context.route("/editor", editor.hub());
    context.web().page("/", "web/editor/index.html");
  }
}
