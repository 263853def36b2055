package dev.realtime.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationCodecTest {

  @Test
  void readsAndWritesTheOtJsForm() {
    TextOperation op = OperationCodec.fromJson("[3,\"abc\",-2,5]");
    assertThat(op).isEqualTo(TextOperation.builder().retain(3).insert("abc").delete(2).retain(5).build());
    assertThat(OperationCodec.toJsonString(op)).isEqualTo("[3,\"abc\",-2,5]");
    assertThat(OperationCodec.toJson(op)).isEqualTo(JsonParser.parseString("[3,\"abc\",-2,5]"));
    assertThat(OperationCodec.fromJson("[]")).isEqualTo(TextOperation.builder().build());
    assertThat(OperationCodec.fromJson("[\"\\ud83d\\ude00\"]").apply("")).isEqualTo("😀");
  }

  @Test
  void normalisesWhatItReads() {
    assertThat(OperationCodec.fromJson("[1,2,-1,\"a\"]")).isEqualTo(OperationCodec.fromJson("[3,\"a\",-1]"));
    assertThat(OperationCodec.fromJson("[2.0]")).isEqualTo(TextOperation.identity(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}", "3", "\"abc\"", "null", "[0]", "[1.5]", "[-0.5]", "[3000000000]", "[-3000000000]",
      "[1e100]", "[[1]]", "[{}]", "[true]", "[null]", "[\"\"]", "[\"\\ude00\"]", "[\"a\\ud83d\"]",
      "[2147483647,1]", "not json", "[1,"
  })
  void rejectsMalformedInput(String json) {
    assertThatThrownBy(() -> OperationCodec.fromJson(json)).isInstanceOf(InvalidOperationException.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> OperationCodec.fromJson((String) null)).isInstanceOf(NullPointerException.class);
  }
}
