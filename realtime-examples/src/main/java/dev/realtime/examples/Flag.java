package dev.realtime.examples;

import java.util.Objects;

/**
 * A switch an example declares for its command line ({@code --auth}); the usage text lists it
 * from this declaration, so help and parsing cannot drift apart.
 *
 * @param name the switch without its dashes
 * @param help one line for the usage text
 */
public record Flag(String name, String help) {

  /** Checks the name is a plain word. */
  public Flag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(help, "help");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("a flag is a lower-case word: " + name);
    }
  }

  /** How it is typed: {@code --name}. */
  public String option() {
    return "--" + name;
  }
}
