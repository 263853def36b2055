package dev.realtime.ot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.realtime.ot.InvalidOperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextOperationCodecTest {

  @Test
  void readsAndWritesTheOtJsForm() {
    TextOperation op = TextOperationCodec.fromJson("[3,\"abc\",-2,5]");
    assertThat(op).isEqualTo(TextOperation.builder().retain(3).insert("abc").delete(2).retain(5).build());
    assertThat(TextOperationCodec.toJsonString(op)).isEqualTo("[3,\"abc\",-2,5]");
    assertThat(TextOperationCodec.toJson(op)).isEqualTo(JsonParser.parseString("[3,\"abc\",-2,5]"));
    assertThat(TextOperationCodec.fromJson("[]")).isEqualTo(TextOperation.builder().build());
    assertThat(TextOperationCodec.fromJson("[\"\\ud83d\\ude00\"]").apply("")).isEqualTo("😀");
  }

  @Test
  void normalisesWhatItReads() {
    assertThat(TextOperationCodec.fromJson("[1,2,-1,\"a\"]")).isEqualTo(TextOperationCodec.fromJson("[3,\"a\",-1]"));
    assertThat(TextOperationCodec.fromJson("[2.0]")).isEqualTo(TextOperation.identity(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}", "3", "\"abc\"", "null", "[0]", "[1.5]", "[-0.5]", "[3000000000]", "[-3000000000]",
      "[1e100]", "[[1]]", "[{}]", "[true]", "[null]", "[\"\"]", "[\"\\ude00\"]", "[\"a\\ud83d\"]",
      "[2147483647,1]", "not json", "[1,"
  })
  void rejectsMalformedInput(String json) {
    assertThatThrownBy(() -> TextOperationCodec.fromJson(json)).isInstanceOf(InvalidOperationException.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> TextOperationCodec.fromJson((String) null)).isInstanceOf(NullPointerException.class);
  }
}
