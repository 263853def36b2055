package dev.realtime.transport.netty;

/** Which Netty I/O implementation a {@link NettyServer} uses. */
public enum IoMode {
  /** Epoll where it loads (Linux x86-64), else io_uring where the kernel allows it, else NIO. */
  AUTO,
  /** The JDK's selector: works everywhere. */
  NIO,
  /** Linux epoll through Netty's native transport (fails to start where it cannot load). */
  EPOLL,
  /** Linux io_uring through Netty's native transport (fails to start where the kernel forbids it). */
  IO_URING
}
