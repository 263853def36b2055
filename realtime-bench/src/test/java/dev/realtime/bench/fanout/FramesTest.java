package dev.realtime.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frame building and parsing, the probe format and the histogram, without sockets. */
class FramesTest {
  private final List<String> seen = new ArrayList<>();
  private final ClientFrames.Sink sink =
      (connection, fin, opcode, buffer, from, to) -> {
        byte[] payload = new byte[to - from];
        buffer.get(from, payload);
        seen.add(opcode + (fin ? "F" : "-") + ":" + payload.length + ":" + new String(payload, StandardCharsets.ISO_8859_1));
      };

  @Test
  void parsesSevenSixteenAndSixtyFourBitLengthsAndReportsWhatAnIncompleteFrameNeeds() {
    byte[] small = "hi".getBytes(StandardCharsets.US_ASCII);
    byte[] medium = "m".repeat(300).getBytes(StandardCharsets.US_ASCII);
    ByteBuffer stream = ByteBuffer.allocate(1000);
    stream.put((byte) 0x81).put((byte) 2).put(small);
    stream.put((byte) 0x81).put((byte) 126).putShort((short) 300).put(medium);
    stream.put((byte) 0x01).put((byte) 127).putLong(3).put("abc".getBytes(StandardCharsets.US_ASCII));
    stream.put((byte) 0x80).put((byte) 126); // incomplete header
    stream.flip();

    int needed = ClientFrames.parse(stream, null, sink);

    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isEqualTo("1F:2:hi");
    assertThat(seen.get(1)).startsWith("1F:300:mmm");
    assertThat(seen.get(2)).isEqualTo("1-:3:abc");
    assertThat(needed).isEqualTo(ClientFrames.MAX_HEADER);
    assertThat(stream.remaining()).isEqualTo(2);
  }

  @Test
  void masksWhatItSendsAndUnmasksWhatItReads() {
    byte[] payload = "hello, masked world".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer frame = ClientFrames.masked(ClientFrames.TEXT, payload, 0, payload.length, new Random(1));
    assertThat(frame.get(1) & 0x80).isEqualTo(0x80);

    ClientFrames.parse(frame, null, sink);

    assertThat(seen).containsExactly("1F:19:hello, masked world");
  }

  @Test
  void findsTheProbeInADeliveredChatFrame() {
    byte[] sent = Probe.chatMessage(Probe.MEASURED, 7, 42, 123_456_789L, 64);
    String content = new String(sent, StandardCharsets.US_ASCII).replaceAll(".*\"content\":\"([^\"]*)\".*", "$1");
    assertThat(content).hasSize(64).startsWith("fo.m.7.42.123456789.");
    String delivered = "{\"type\":\"message\",\"content\":\"" + content
        + "\",\"username\":\"load7\",\"timestamp\":\"2026-11-22T02:00:00Z\",\"room\":\"room2\"}";
    ByteBuffer buffer = ByteBuffer.wrap(delivered.getBytes(StandardCharsets.US_ASCII));
    Probe.Reading reading = new Probe.Reading();

    assertThat(Probe.read(buffer, 0, buffer.limit(), reading)).isEqualTo(Probe.Kind.PROBE);
    assertThat(reading.phase).isEqualTo(Probe.MEASURED);
    assertThat(reading.sender).isEqualTo(7);
    assertThat(reading.seq).isEqualTo(42);
    assertThat(reading.nanos).isEqualTo(123_456_789L);

    ByteBuffer join = ByteBuffer.wrap("{\"type\":\"join\",\"content\":\"load1 joined\"}".getBytes(StandardCharsets.US_ASCII));
    assertThat(Probe.read(join, 0, join.limit(), reading)).isEqualTo(Probe.Kind.OTHER);
    ByteBuffer error = ByteBuffer.wrap("{\"type\":\"error\",\"code\":\"x\"}".getBytes(StandardCharsets.US_ASCII));
    assertThat(Probe.read(error, 0, error.limit(), reading)).isEqualTo(Probe.Kind.ERROR);
  }

  @Test
  void histogramPercentilesAreWithinThreePercent() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (long micros = 1; micros <= 100_000; micros++) {
      histogram.record(micros);
    }
    assertThat(histogram.count()).isEqualTo(100_000);
    assertThat(histogram.max()).isEqualTo(100_000);
    assertThat(histogram.percentile(50)).isBetween(50_000L, 51_500L);
    assertThat(histogram.percentile(99)).isBetween(99_000L, 100_000L);
    assertThat(histogram.percentile(100)).isEqualTo(100_000L);
    for (int index = 0; index < 1800; index++) {
      assertThat(LatencyHistogram.index(LatencyHistogram.upperEdge(index))).isEqualTo(index);
    }
  }

  @Test
  void acceptKeyMatchesTheRfcExample() {
    // RFC 6455 §1.3: this key must be answered with this accept value.
    assertThat(Upgrade.expectedAccept("dGhlIHNhbXBsZSBub25jZQ==", Upgrade.sha1()))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
