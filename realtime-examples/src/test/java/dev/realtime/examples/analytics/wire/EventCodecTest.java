package dev.realtime.examples.analytics.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.analytics.proto.Event;
import dev.realtime.protocol.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Events survive JSON → protobuf → JSON unchanged, whatever shape producers give them. */
class EventCodecTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"page_view\",\"visitor_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"timestamp\":\"2025-12-08T12:34:56Z\",\"data\":{\"page\":\"/about\",\"duration_ms\":1200}}",
      "{\"type\":\"click\",\"visitor_id\":\"0F8FAD5B-D9CB-469F-A165-70867728950E\",\"timestamp\":\"2025-12-08T12:34:56.120Z\"}",
      "{\"type\":\"click\",\"visitor_id\":\"ann\",\"timestamp\":\"2025-12-08T12:34:56.000Z\",\"data\":{}}",
      "{\"type\":\"x\",\"timestamp\":\"2025-12-08T12:34:56.1Z\"}",
      "{\"type\":\"x\",\"timestamp\":\"yesterday\"}",
      "{\"type\":\"x\",\"timestamp\":1733661296}",
      "{\"type\":\"x\",\"timestamp\":\"2025-02-30T00:00:00Z\"}",
      "{\"type\":\"x\",\"data\":{\"nested\":{\"list\":[1,2.5,\"three\",true,null,{\"deep\":[]}]},\"neg\":-7}}",
      "{\"type\":\"x\",\"data\":null,\"other\":\"<img src=x onerror=alert(1)>\",\"n\":3}"})
  void roundTripsToTheSameJson(String json) {
    JsonObject original = Json.parseObject(json);
    Event proto = EventCodec.toProto(original);
    assertThat(EventCodec.toJson(proto)).isEqualTo(original);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"page_view\",\"visitor_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"timestamp\":\"2025-12-08T12:34:56.789Z\",\"data\":{\"page\":\"/about\"}}"})
  void theEnvelopeShrinks(String json) {
    Event proto = EventCodec.toProto(Json.parseObject(json));
    assertThat(proto.hasVisitorUuid()).isTrue();
    assertThat(proto.hasTimestampMs()).isTrue();
    assertThat(proto.getSerializedSize()).isLessThan(json.length() / 2);
  }
}
