package dev.realtime.examples;

/** Placeholder entry point; the launcher lands with the examples. */
public final class Main {
  private Main() {}

  /** Runs an example. */
  public static void main(String[] args) {
    throw new UnsupportedOperationException("examples not built yet");
  }
}
