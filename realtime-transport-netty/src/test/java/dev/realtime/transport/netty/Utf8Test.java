package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8} agrees with the JDK's strict decoder, whole or split anywhere. */
class Utf8Test {

  @Test
  void agreesWithTheJdkOnEverySequenceOfUpToThreeBytes() {
    for (int a = 0; a < 256; a++) {
      check(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        check(new byte[] {(byte) a, (byte) b});
        if (a >= 0xE0 && a <= 0xF4) { // the leads whose third byte matters
          for (int c = 0x70; c < 0xD0; c++) {
            check(new byte[] {(byte) a, (byte) b, (byte) c});
          }
        }
      }
    }
  }

  @Test
  void agreesWithTheJdkOnFourByteSequencesAndTheirEdges() {
    int[] edges = {0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    for (int a = 0xF0; a <= 0xF8; a++) {
      for (int b = 0x70; b < 0xD0; b++) {
        for (int c : edges) {
          for (int d : edges) {
            check(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
          }
        }
      }
    }
  }

  @Test
  void agreesWithTheJdkOnRandomTextSplitAnywhere() {
    Random random = new Random(42);
    String sample = "ascii only, then é ß € 𝄞 中文 and 🎉 at the end";
    byte[] valid = sample.getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = valid.clone();
      if (round % 2 == 1) { // damage one byte in half of the rounds
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      boolean expected = jdkAccepts(bytes);
      assertThat(Utf8.scan(Utf8.COMPLETE, Unpooled.wrappedBuffer(bytes)) == Utf8.COMPLETE)
          .as("%s", Arrays.toString(bytes)).isEqualTo(expected);
      int split = random.nextInt(bytes.length + 1);
      int state = Utf8.scan(Utf8.COMPLETE, Unpooled.wrappedBuffer(bytes, 0, split));
      if (state != Utf8.INVALID) {
        state = Utf8.scan(state, Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
      }
      assertThat(state == Utf8.COMPLETE).as("split at %d of %s", split, Arrays.toString(bytes)).isEqualTo(expected);
    }
  }

  @Test
  void readsOnlyTheReadableBytesAndStopsAtTheFirstInvalidOne() {
    ByteBuf buffer = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', (byte) 0xC3});
    buffer.readerIndex(1);
    assertThat(Utf8.scan(Utf8.COMPLETE, buffer)).isNotIn(Utf8.COMPLETE, Utf8.INVALID); // ends inside "é"
    buffer.writerIndex(10);
    assertThat(Utf8.scan(Utf8.COMPLETE, buffer)).isEqualTo(Utf8.COMPLETE);
    assertThat(buffer.readerIndex()).isEqualTo(1);
    assertThat(Utf8.scan(Utf8.COMPLETE, Unpooled.wrappedBuffer(new byte[] {(byte) 0xC0, (byte) 0x80})))
        .isEqualTo(Utf8.INVALID);
    assertThat(Utf8.scan(Utf8.COMPLETE, Unpooled.EMPTY_BUFFER)).isEqualTo(Utf8.COMPLETE);
  }

  private static void check(byte[] bytes) {
    boolean expected = jdkAccepts(bytes);
    int whole = Utf8.scan(Utf8.COMPLETE, Unpooled.wrappedBuffer(bytes));
    assertThat(whole == Utf8.COMPLETE).as("%s", Arrays.toString(bytes)).isEqualTo(expected);
    for (int split = 1; split < bytes.length; split++) {
      int state = Utf8.scan(Utf8.COMPLETE, Unpooled.wrappedBuffer(bytes, 0, split));
      if (state != Utf8.INVALID) {
        state = Utf8.scan(state, Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
      }
      assertThat(state).as("split at %d of %s", split, Arrays.toString(bytes)).isEqualTo(whole);
    }
  }

  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
