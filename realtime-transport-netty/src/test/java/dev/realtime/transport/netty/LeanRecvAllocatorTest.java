package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** {@link LeanRecvAllocator} sizes reads and decides whether to read on as the adaptive allocator does. */
class LeanRecvAllocatorTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final LeanRecvAllocator allocator = new LeanRecvAllocator();
  private final ChannelConfig config = channel.config().setRecvByteBufAllocator(allocator);
  private final RecvByteBufAllocator.ExtendedHandle handle = (RecvByteBufAllocator.ExtendedHandle) allocator.newHandle();

  @Test
  void startsAt2KiBGrowsSixteenfoldWhenAReadFillsItsBufferAndStopsAt64KiB() {
    assertThat(handle.guess()).isEqualTo(2048);
    ByteBuf buffer = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
    assertThat(buffer.capacity()).isEqualTo(2048);
    buffer.release();
    loop(2048);
    assertThat(handle.guess()).isEqualTo(32_768);
    loop(32_768);
    assertThat(handle.guess()).isEqualTo(65_536);
    loop(65_536);
    assertThat(handle.guess()).isEqualTo(65_536);
  }

  @Test
  void halvesAfterTwoSmallReadLoopsInARowAndStopsAt64Bytes() {
    loop(100);
    assertThat(handle.guess()).as("one small loop is not enough").isEqualTo(2048);
    loop(100);
    assertThat(handle.guess()).isEqualTo(1024);
    loop(1000); // more than half of 1024 but less than all of it: keeps the size
    loop(100);
    assertThat(handle.guess()).isEqualTo(1024);
    for (int i = 0; i < 40; i++) {
      loop(1);
    }
    assertThat(handle.guess()).isEqualTo(64);
  }

  @Test
  void readsOnOnlyWhileTheLastReadFilledItsBufferWithinTheMessageLimit() {
    allocator.maxMessagesPerRead(2);
    handle.reset(config);
    read(2048, 2048);
    assertThat(handle.continueReading()).isTrue();
    read(handle.guess(), 10);
    assertThat(handle.continueReading()).as("a short read: nothing more waiting").isFalse();
    handle.reset(config);
    read(handle.guess(), handle.guess());
    read(handle.guess(), handle.guess());
    assertThat(handle.continueReading()).as("two messages: the limit").isFalse();
    handle.reset(config);
    read(handle.guess(), handle.guess());
    config.setAutoRead(false);
    assertThat(handle.continueReading()).isFalse();
    config.setAutoRead(true);
    assertThat(handle.continueReading(() -> false)).isFalse();
    assertThat(handle.continueReading(() -> true)).isTrue();
    handle.reset(config);
    assertThat(handle.continueReading(() -> true)).as("nothing read yet").isFalse();
  }

  @Test
  void oneMessagePerReadUnlessConfiguredAndNoneIsRefused() {
    assertThat(allocator.maxMessagesPerRead()).isEqualTo(1);
    assertThat(config.<MaxMessagesRecvByteBufAllocator>getRecvByteBufAllocator().maxMessagesPerRead()).isEqualTo(1);
    assertThatThrownBy(() -> allocator.maxMessagesPerRead(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** One read loop that reads {@code bytes} in one read. */
  private void loop(int bytes) {
    handle.reset(config);
    read(handle.guess(), bytes);
    handle.readComplete();
  }

  private void read(int attempted, int bytes) {
    handle.attemptedBytesRead(attempted);
    handle.lastBytesRead(bytes);
    handle.incMessagesRead(1);
    assertThat(handle.lastBytesRead()).isEqualTo(bytes);
    assertThat(handle.attemptedBytesRead()).isEqualTo(attempted);
  }
}
