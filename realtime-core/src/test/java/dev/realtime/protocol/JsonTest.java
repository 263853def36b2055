package dev.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesStrictly() {
    assertThat(Json.parseObject("{\"type\":\"x\",\"n\":1}").get("n").getAsInt()).isEqualTo(1);
    assertThatThrownBy(() -> Json.parse("{type:'x'}"))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo("invalid_json"));
    assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).isInstanceOf(ProtocolException.class);
  }

  @Test
  void deeplyNestedInputIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deep))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("malformed JSON");
    String deepObject = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
    assertThatThrownBy(() -> Json.parse(deepObject)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void nonObjectsAreReportedAsSuch() {
    assertThatThrownBy(() -> Json.parseObject("42"))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo("not_an_object"));
  }

  @Test
  void errorFramesCarryCodeMessageAndRequestId() {
    assertThat(Json.encode(Json.error("bad", "it <b>broke</b>", new com.google.gson.JsonPrimitive(3))))
        .isEqualTo("{\"type\":\"error\",\"code\":\"bad\",\"message\":\"it <b>broke</b>\",\"id\":3}");
  }
}
