package dev.realtime.transport.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/** Picks the I/O implementation and builds the event-loop group for it. */
final class EventLoops {
  private EventLoops() {}

  /** A chosen I/O implementation: what the event loops run and which server channel binds. */
  record Io(IoMode mode, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel) {
    MultiThreadIoEventLoopGroup newGroup(int threads) {
      return new MultiThreadIoEventLoopGroup(
          threads, new DefaultThreadFactory("realtime-netty-" + mode.name().toLowerCase(Locale.ROOT), true), handlers);
    }
  }

  static Io choose(IoMode requested) {
    return switch (requested) {
      case NIO -> nio();
      case EPOLL -> {
        Epoll.ensureAvailability();
        yield epoll();
      }
      case IO_URING -> {
        IoUring.ensureAvailability();
        yield ioUring();
      }
      case AUTO -> Epoll.isAvailable() ? epoll() : IoUring.isAvailable() ? ioUring() : nio();
    };
  }

  private static Io nio() {
    return new Io(IoMode.NIO, NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }

  private static Io epoll() {
    return new Io(IoMode.EPOLL, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
  }

  private static Io ioUring() {
    return new Io(IoMode.IO_URING, IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
  }
}
