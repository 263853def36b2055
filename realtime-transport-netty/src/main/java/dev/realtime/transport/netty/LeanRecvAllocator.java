package dev.realtime.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Sizes each read's buffer the way Netty's {@code AdaptiveRecvByteBufAllocator} does, with a
 * 32-byte handle per channel instead of ~110 bytes of objects (its handle, a calculator keeping
 * the limits and the size table's index, a supplier): a server holds one handle per open
 * connection, most of them idle.
 *
 * <p>The buffer starts at 2 KiB, grows sixteenfold (up to 64 KiB) as soon as a read fills it, and
 * halves (down to 64 bytes) after two read loops in a row that would have fit in half: as the
 * adaptive allocator above 512 bytes, so large inbound messages are read in as few calls as
 * before. Below 512 bytes the adaptive allocator shrinks in 16-byte steps; this one keeps to powers
 * of two. One message per read by default, like an adaptive allocator set as a channel option.
 */
final class LeanRecvAllocator implements MaxMessagesRecvByteBufAllocator {
  static final int MIN_SHIFT = 6;
  static final int INITIAL_SHIFT = 11;
  static final int MAX_SHIFT = 16;
  private static final int GROW_SHIFTS = 4;

  private volatile int maxMessagesPerRead = 1;

  @Override
  @SuppressWarnings("deprecation") // the interface's return type
  public Handle newHandle() {
    return new LeanHandle();
  }

  @Override
  public int maxMessagesPerRead() {
    return maxMessagesPerRead;
  }

  @Override
  public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int messages) {
    if (messages <= 0) {
      throw new IllegalArgumentException("maxMessagesPerRead must be positive: " + messages);
    }
    maxMessagesPerRead = messages;
    return this;
  }

  /** One channel's read state; used on its event loop only, like every receive handle. */
  static final class LeanHandle implements ExtendedHandle {
    private ChannelConfig config;
    private int totalBytesRead;
    private int attemptedBytesRead;
    private int lastBytesRead;
    private short totalMessages;
    private byte shift = INITIAL_SHIFT;
    private boolean decreaseNow;

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return alloc.ioBuffer(guess());
    }

    @Override
    public int guess() {
      return 1 << shift;
    }

    @Override
    public void reset(ChannelConfig config) {
      this.config = config;
      totalMessages = 0;
      totalBytesRead = 0;
    }

    @Override
    public void incMessagesRead(int messages) {
      totalMessages = (short) Math.min(Short.MAX_VALUE, totalMessages + messages);
    }

    @Override
    public void lastBytesRead(int bytes) {
      if (bytes == attemptedBytesRead) {
        record(bytes); // the read filled what it asked for: more is likely waiting
      }
      lastBytesRead = bytes;
      if (bytes > 0) {
        totalBytesRead += bytes;
      }
    }

    @Override
    public int lastBytesRead() {
      return lastBytesRead;
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      attemptedBytesRead = bytes;
    }

    @Override
    public int attemptedBytesRead() {
      return attemptedBytesRead;
    }

    @Override
    public boolean continueReading() {
      return config.isAutoRead() && attemptedBytesRead == lastBytesRead && belowLimits();
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return config.isAutoRead() && maybeMoreDataSupplier.get() && belowLimits();
    }

    private boolean belowLimits() {
      // The channel's allocator (this one, or another the application set since): its limit now.
      int limit = config.<MaxMessagesRecvByteBufAllocator>getRecvByteBufAllocator().maxMessagesPerRead();
      return totalMessages < Math.min(Short.MAX_VALUE, limit) && totalBytesRead > 0;
    }

    @Override
    public void readComplete() {
      record(totalBytesRead < 0 ? Integer.MAX_VALUE : totalBytesRead);
    }

    private void record(int bytes) {
      if (shift > MIN_SHIFT && bytes <= 1 << (shift - 1)) {
        if (decreaseNow) {
          shift--;
          decreaseNow = false;
        } else {
          decreaseNow = true;
        }
      } else if (bytes >= 1 << shift) {
        shift = (byte) Math.min(MAX_SHIFT, shift + GROW_SHIFTS);
        decreaseNow = false;
      }
    }
  }
}
