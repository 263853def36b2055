package dev.realtime.examples;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the command line knows about one example before running it: its name, one line of help,
 * the flags it accepts, and how to create it. Each example declares its own.
 *
 * @param name the name on the command line
 * @param summary one line for the usage text
 * @param flags the switches it accepts
 * @param factory creates the example to run
 */
public record ExampleType(String name, String summary, List<Flag> flags, Supplier<Example> factory) {

  /** Copies the flags. */
  public ExampleType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    flags = List.copyOf(flags);
    Objects.requireNonNull(factory, "factory");
  }

  /** Whether this example accepts {@code --name}. */
  public boolean accepts(String name) {
    return flags.stream().anyMatch(flag -> flag.name().equals(name));
  }
}
