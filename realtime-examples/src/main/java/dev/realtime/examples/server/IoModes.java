package dev.realtime.examples.server;

import dev.realtime.transport.netty.IoMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The command-line names of Netty's I/O implementations: {@code --io-mode auto|epoll|io_uring|nio}. */
public final class IoModes {
  private IoModes() {}

  /** The name used on the command line: {@code auto}, {@code epoll}, {@code io_uring}, {@code nio}. */
  public static String option(IoMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** The mode typed as {@code name}, any case; {@code io-uring} is taken for {@code io_uring}. */
  public static Optional<IoMode> named(String name) {
    String typed = name.toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(IoMode.values()).filter(mode -> option(mode).equals(typed)).findFirst();
  }

  /** Every name, for a message: {@code auto, epoll, io_uring or nio}. */
  public static String names() {
    List<String> names = Stream.of(IoMode.AUTO, IoMode.EPOLL, IoMode.IO_URING, IoMode.NIO).map(IoModes::option).toList();
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
