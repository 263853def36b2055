package dev.realtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  @Test
  void defaultsAndOverrides() {
    LaunchOptions defaults = LaunchOptions.parse(new String[] {"chat"});
    assertThat(defaults.example()).isEqualTo("chat");
    assertThat(defaults.httpPort()).isEqualTo(8080);
    assertThat(defaults.wsPort()).isEqualTo(8081);
    assertThat(defaults.host()).isEqualTo("0.0.0.0");

    LaunchOptions custom = LaunchOptions.parse(
        new String[] {"--host", "127.0.0.1", "dashboard", "--http-port", "9000", "--ws-port", "9001", "--simulate"});
    assertThat(custom.example()).isEqualTo("dashboard");
    assertThat(custom.host()).isEqualTo("127.0.0.1");
    assertThat(custom.httpPort()).isEqualTo(9000);
    assertThat(custom.wsPort()).isEqualTo(9001);
    assertThat(custom.has("simulate")).isTrue();
  }

  @Test
  void rejectsBadCommandLines() {
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {})).hasMessageContaining("example");
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"chat", "echo"})).hasMessageContaining("example");
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"chat", "--http-port"})).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"chat", "--ws-port", "70000"})).hasMessageContaining("port");
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"chat", "--ws-port", "abc"})).hasMessageContaining("port");
    assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"chat", "--http-port", "9000", "--ws-port", "9000"}))
        .hasMessageContaining("differ");
  }
}
