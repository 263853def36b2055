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

  @Test
  void malformedInputIsDescribedInOurWordsWithItsPosition() {
    assertThat(message("{\"a\":}")).isEqualTo("malformed JSON at line 1 column 6: expected a value");
    assertThat(message("{\"a\" 1}")).isEqualTo("malformed JSON at line 1 column 7: expected ':' after a field name");
    assertThat(message("{\"a\":1,}")).isEqualTo("malformed JSON at line 1 column 9: expected a field name in double quotes");
    assertThat(message("[1 2]")).isEqualTo("malformed JSON at line 1 column 5: expected ',' or ']'");
    assertThat(message("\"abc")).isEqualTo("malformed JSON at line 1 column 5: unterminated string");
    assertThat(message("")).isEqualTo("malformed JSON at line 1 column 1: unexpected end of input");
    assertThat(message("{\n  \"a\": tru\n}")).startsWith("malformed JSON at line 2 column ").contains("unexpected character");
    assertThat(message("{} {}")).isEqualTo("unexpected data after the JSON value");
    for (String bad : new String[] {"{not json", "{type:'x'}", "nul", "{\"a\":\"\\x\"}", "[".repeat(1000)}) {
      assertThat(message(bad)).startsWith("malformed JSON at line 1 column ")
          .doesNotContainIgnoringCase("JsonReader")
          .doesNotContainIgnoringCase("lenient")
          .doesNotContain("path $");
    }
  }

  private static String message(String text) {
    try {
      Json.parse(text);
    } catch (ProtocolException e) {
      assertThat(e.code()).isEqualTo("invalid_json");
      return e.getMessage();
    }
    throw new AssertionError("parsed: " + text);
  }
}
