package dev.realtime.examples.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How frames read on a terminal: the type first, the room, what the frame says, other fields as
 * {@code key=value} (fields it does not know included, such as a newer server's); positions and
 * timestamps left out; user text never able to move the cursor or pass for another line.
 */
class FrameFormatTest {

  @Test
  void aChatMessageReadsAsWhoSaidWhatInWhichRoom() {
    assertThat(FrameFormat.line("{\"type\":\"message\",\"content\":\"hi\",\"username\":\"ann\","
        + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"room\":\"general\",\"offset\":3,\"epoch\":\"e1\"}"))
        .isEqualTo("message #general ann: hi");
  }

  @Test
  void fieldsItDoesNotKnowAreShownNotDropped() {
    assertThat(FrameFormat.line("{\"type\":\"message\",\"content\":\"hi\",\"username\":\"ann\",\"room\":\"r\",\"client_id\":\"c-7\"}"))
        .isEqualTo("message #r ann: hi client_id=c-7");
    assertThat(FrameFormat.line("{\"type\":\"welcome\",\"client_id\":\"c-7\",\"node\":{\"id\":\"n1\"}}"))
        .isEqualTo("welcome client_id=c-7 node={\"id\":\"n1\"}");
    assertThat(FrameFormat.line("{\"content\":\"no type\"}")).isEqualTo("? no type");
  }

  @Test
  void errorsUserListsAndRecoveriesReadAsSentences() {
    assertThat(FrameFormat.line("{\"type\":\"error\",\"code\":\"forbidden\",\"message\":\"not in room 'x'\",\"id\":\"7\"}"))
        .isEqualTo("error forbidden: not in room 'x' id=7");
    assertThat(FrameFormat.line("{\"type\":\"users\",\"room\":\"general\",\"users\":[\"ann\",\"bob\"]}"))
        .isEqualTo("users #general ann, bob");
    assertThat(FrameFormat.line("{\"type\":\"users\",\"room\":\"general\",\"users\":[]}")).isEqualTo("users #general (nobody)");
    assertThat(FrameFormat.line("{\"type\":\"recovery\",\"room\":\"general\",\"recovered\":true,\"offset\":9,\"epoch\":\"e\"}"))
        .isEqualTo("recovery #general recovered: nothing missed");
    assertThat(FrameFormat.line("{\"type\":\"recovery\",\"room\":\"general\",\"recovered\":false,\"reason\":\"epoch_changed\"}"))
        .isEqualTo("recovery #general NOT recovered (epoch_changed): frames may be missing, reload the room");
  }

  @Test
  void userTextIsEscapedSoItCannotMoveTheCursorOrForgeALine() {
    String frame = "{\"type\":\"message\",\"username\":\"m\\u001b[1Aallory\",\"room\":\"r\\nfake\","
        + "\"content\":\"a\\r\\n* connected\\t\\u202Etxt.exe\\\\\"}";
    assertThat(FrameFormat.line(frame))
        .isEqualTo("message #r\\nfake m\\u001B[1Aallory: a\\r\\n* connected\\t\\u202Etxt.exe\\\\");
    assertThat(FrameFormat.line("plain \u0007text")).isEqualTo("text plain \\u0007text");
    assertThat(FrameFormat.line("[1,2]")).isEqualTo("json [1,2]");
    assertThat(FrameFormat.escape("héllo ☃ 😀")).as("printable text stays as it is").isEqualTo("héllo ☃ 😀");
  }

  @Test
  void rawIsTheJsonOnOneLineWithControlCharactersEscaped() {
    assertThat(FrameFormat.raw("{\"type\":\"message\",\"content\":\"a\\nb\\u202E\"}"))
        .isEqualTo("{\"type\":\"message\",\"content\":\"a\\nb\\u202E\"}");
    assertThat(FrameFormat.raw("not json\n")).isEqualTo("not json\\n");
  }
}
