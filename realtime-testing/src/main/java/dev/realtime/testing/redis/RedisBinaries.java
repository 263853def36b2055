package dev.realtime.testing.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds {@code redis-server} and {@code redis-cli}: the system properties {@code
 * realtime.redis.server} / {@code realtime.redis.cli}, else the {@code PATH}.
 *
 * <p>A missing binary fails the test with instructions. Only with {@code
 * -Drealtime.redis.skip=true} (for a local machine without Redis) does it skip instead: CI must
 * never pass by not running the Redis tests.
 */
final class RedisBinaries {

  static final String SKIP_PROPERTY = "realtime.redis.skip";

  private RedisBinaries() {}

  static Path server() {
    return find("realtime.redis.server", "redis-server");
  }

  static Path cli() {
    return find("realtime.redis.cli", "redis-cli");
  }

  private static Path find(String property, String name) {
    String configured = System.getProperty(property);
    Optional<Path> found =
        configured != null ? Optional.of(Path.of(configured)).filter(Files::isExecutable) : onPath(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        name + " not found (looked at " + (configured != null ? configured : "the PATH")
            + "): install the Debian package redis-server (apt-get install redis-server) or set -D"
            + property + "=/path/to/" + name + "; -D" + SKIP_PROPERTY
            + "=true skips the Redis tests on a machine without it";
    if (Boolean.getBoolean(SKIP_PROPERTY)) {
      Assumptions.abort(message);
    }
    throw new IllegalStateException(message);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    Path debian = Path.of("/usr/bin", name);
    return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
  }
}
