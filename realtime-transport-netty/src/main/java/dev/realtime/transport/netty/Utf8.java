package dev.realtime.transport.netty;

import io.netty.buffer.ByteBuf;

/**
 * Checks that bytes are UTF-8 as RFC 3629 defines it (shortest form only, no surrogates, nothing
 * above U+10FFFF), also across the fragments of one message: {@link #scan} continues from the
 * state the previous fragment ended in, so a character may be split anywhere.
 *
 * <p>The state is a small number, so a connection keeps it in a byte of its frame handler instead
 * of a validator object and a pipeline handler of its own. It encodes the continuation bytes still
 * expected (0–3) and the range the next one must fall in.
 */
final class Utf8 {
  /** Between characters: where a valid text starts and must end. */
  static final int COMPLETE = 0;
  /** A byte that no continuation can make valid. */
  static final int INVALID = -1;

  // The range of the next continuation byte, kept above the count of bytes still expected.
  private static final int ANY = 0; // 80..BF
  private static final int AFTER_E0 = 1 << 2; // A0..BF: no overlong three-byte form
  private static final int AFTER_ED = 2 << 2; // 80..9F: no surrogate
  private static final int AFTER_F0 = 3 << 2; // 90..BF: no overlong four-byte form
  private static final int AFTER_F4 = 4 << 2; // 80..8F: nothing above U+10FFFF
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** The state after the readable bytes of {@code bytes}, starting from {@code state}; {@link #INVALID} once invalid. */
  static int scan(int state, ByteBuf bytes) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end) {
      if (state == COMPLETE) {
        // Text is mostly ASCII: eight bytes at a time while no byte has its high bit set.
        while (end - i >= Long.BYTES && (bytes.getLong(i) & HIGH_BITS) == 0) {
          i += Long.BYTES;
        }
        if (i == end) {
          break;
        }
        int b = bytes.getByte(i++) & 0xFF;
        if (b >= 0x80) {
          state = lead(b);
          if (state == INVALID) {
            return INVALID;
          }
        }
      } else {
        int b = bytes.getByte(i++) & 0xFF;
        if (!inRange(state >> 2 << 2, b)) {
          return INVALID;
        }
        state = (state & 3) - 1; // what follows the first continuation byte may be any 80..BF
      }
    }
    return state;
  }

  private static int lead(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      return 1 | ANY;
    } else if (b == 0xE0) {
      return 2 | AFTER_E0;
    } else if (b == 0xED) {
      return 2 | AFTER_ED;
    } else if (b >= 0xE1 && b <= 0xEF) {
      return 2 | ANY;
    } else if (b == 0xF0) {
      return 3 | AFTER_F0;
    } else if (b >= 0xF1 && b <= 0xF3) {
      return 3 | ANY;
    } else if (b == 0xF4) {
      return 3 | AFTER_F4;
    }
    return INVALID; // a continuation byte, an overlong two-byte lead (C0, C1) or F5..FF
  }

  private static boolean inRange(int range, int b) {
    return switch (range) {
      case AFTER_E0 -> b >= 0xA0 && b <= 0xBF;
      case AFTER_ED -> b >= 0x80 && b <= 0x9F;
      case AFTER_F0 -> b >= 0x90 && b <= 0xBF;
      case AFTER_F4 -> b >= 0x80 && b <= 0x8F;
      default -> b >= 0x80 && b <= 0xBF;
    };
  }
}
