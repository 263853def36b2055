package dev.realtime.examples.editor;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;

/** The collaborative editor example: operational transformation over {@code /editor}, page at {@code /}. */
public final class EditorExample implements Example {

  @Override
  public void configure(ExampleContext context) {
    EditorService editor = new EditorService(context.metrics());
    context.route("/editor", editor.hub());
    context.web().page("/", "web/editor/index.html");
  }
}
