package dev.realtime.testing.browser;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records every message that reaches Selenium's parent logger while it is open. */
final class SeleniumLog extends Handler implements AutoCloseable {
  private final Logger selenium = Logger.getLogger("org.openqa.selenium");
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final boolean parentHandlers = selenium.getUseParentHandlers();

  /** Starts recording; what is recorded is kept off the console meanwhile. */
  SeleniumLog() {
    selenium.setUseParentHandlers(false);
    selenium.addHandler(this);
  }

  /** The raw messages (patterns, before their parameters are filled in), in order. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void publish(LogRecord record) {
    messages.add(String.valueOf(record.getMessage()));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    selenium.removeHandler(this);
    selenium.setUseParentHandlers(parentHandlers);
  }
}
