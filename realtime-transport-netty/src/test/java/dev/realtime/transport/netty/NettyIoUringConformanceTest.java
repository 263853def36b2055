package dev.realtime.transport.netty;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.realtime.testing.transport.TransportConformance;
import dev.realtime.testing.transport.TransportUnderTest;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.BeforeAll;

/**
 * The transport conformance kit on Netty's io_uring event loops ({@link IoMode#IO_URING}), where
 * the kernel allows io_uring (skipped elsewhere, e.g. under a container profile that blocks it).
 */
class NettyIoUringConformanceTest extends TransportConformance {

  @BeforeAll
  static void ioUringAvailable() {
    assumeTrue(IoUring.isAvailable(), () -> "io_uring unavailable: " + IoUring.unavailabilityCause());
  }

  @Override
  protected TransportUnderTest transport() {
    return (options, routes) -> NettyConformanceTest.start(IoMode.IO_URING, options, routes);
  }
}
