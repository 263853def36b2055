package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.text.TextOperationCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionalOperationTest {

  @Test
  void convertsThePagesInsertAndDelete() {
    PositionalOperation insert = PositionalOperation.fromJson(
        JsonParser.parseString("{\"type\":\"insert\",\"position\":2,\"content\":\"xy\",\"length\":0}"));
    assertThat(insert).isEqualTo(new PositionalOperation(PositionalOperation.Kind.INSERT, 2, "xy", 0));
    assertThat(insert.toTextOperation(5).apply("abcde")).isEqualTo("abxycde");
    PositionalOperation delete = PositionalOperation.fromJson(
        JsonParser.parseString("{\"type\":\"delete\",\"position\":1,\"length\":3}"));
    assertThat(delete.toTextOperation(5)).isEqualTo(TextOperationCodec.fromJson("[1,-3,1]"));
  }

  @Test
  void rejectsOperationsThatDoNotFitTheDocument() {
    PositionalOperation insert = new PositionalOperation(PositionalOperation.Kind.INSERT, 6, "x", 0);
    assertThatThrownBy(() -> insert.toTextOperation(5)).isInstanceOf(InvalidOperationException.class);
    PositionalOperation delete = new PositionalOperation(PositionalOperation.Kind.DELETE, 4, "", 2);
    assertThatThrownBy(() -> delete.toTextOperation(5)).isInstanceOf(InvalidOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]", "{\"type\":\"retain\",\"position\":0,\"length\":1}", "{\"position\":0}",
      "{\"type\":\"insert\",\"position\":0}", "{\"type\":\"insert\",\"position\":0,\"content\":\"\"}",
      "{\"type\":\"insert\",\"position\":-1,\"content\":\"a\"}", "{\"type\":\"delete\",\"position\":0,\"length\":0}",
      "{\"type\":\"delete\",\"position\":0.5,\"length\":1}", "{\"type\":\"delete\",\"position\":\"0\",\"length\":1}"
  })
  void rejectsMalformedPositionalOperations(String json) {
    assertThatThrownBy(() -> PositionalOperation.fromJson(JsonParser.parseString(json)))
        .isInstanceOf(InvalidOperationException.class);
  }
}
