package dev.realtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.examples.chat.ChatExample;
import dev.realtime.examples.dashboard.DashboardExample;
import dev.realtime.examples.server.Transport;
import dev.realtime.transport.netty.IoMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchOptionsTest {
  private static final List<ExampleType> EXAMPLES = Main.EXAMPLES;

  private static LaunchOptions parse(String... args) {
    return LaunchOptions.parse(args, EXAMPLES);
  }

  @Test
  void byDefaultEverythingIsOnePortOfNettyOnAllInterfaces() {
    LaunchOptions defaults = parse("chat");
    assertThat(defaults.example()).isEqualTo("chat");
    assertThat(defaults.transport()).isEqualTo(Transport.NETTY);
    assertThat(defaults.ioMode()).isEqualTo(IoMode.AUTO);
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.host()).isEqualTo("0.0.0.0");
    assertThat(defaults.listensOnAllInterfaces()).isTrue();
    assertThat(defaults.flags()).isEmpty();
  }

  @Test
  void nettyTakesOnePortAndJavawsTwo() {
    LaunchOptions netty = parse("--host", "127.0.0.1", "dashboard", "--port", "9000", "--simulate");
    assertThat(netty.example()).isEqualTo("dashboard");
    assertThat(netty.host()).isEqualTo("127.0.0.1");
    assertThat(netty.listensOnAllInterfaces()).isFalse();
    assertThat(netty.port()).isEqualTo(9000);
    assertThat(netty.has(DashboardExample.SIMULATE)).isTrue();

    LaunchOptions javaws = parse("chat", "--transport", "javaws", "--http-port=9000", "--ws-port", "9001", "--auth");
    assertThat(javaws.transport()).isEqualTo(Transport.JAVAWS);
    assertThat(javaws.httpPort()).isEqualTo(9000);
    assertThat(javaws.wsPort()).isEqualTo(9001);
    assertThat(javaws.has(ChatExample.AUTH)).isTrue();

    LaunchOptions javawsDefaults = parse("echo", "--transport=javaws");
    assertThat(javawsDefaults.httpPort()).isEqualTo(8080);
    assertThat(javawsDefaults.wsPort()).isEqualTo(8081);
    assertThat(parse("echo", "--port", "0").port()).isZero();
  }

  @ParameterizedTest(name = "--io-mode {0} → {1}")
  @CsvSource({"auto, AUTO", "epoll, EPOLL", "io_uring, IO_URING", "io-uring, IO_URING", "nio, NIO", "NIO, NIO"})
  void ioModeChoosesNettysIo(String typed, IoMode expected) {
    assertThat(parse("echo", "--io-mode", typed).ioMode()).isEqualTo(expected);
    assertThat(parse("echo", "--io-mode=" + typed, "--port", "0").ioMode()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "chat --io-mode uring       | --io-mode must be auto, epoll, io_uring or nio, got 'uring'",
      "chat --io-mode io__uring   | --io-mode must be auto, epoll, io_uring or nio, got 'io__uring'",
      "chat --io-mode             | --io-mode needs a value",
      "chat --io-mode nio --io-mode epoll | --io-mode is given twice",
      "chat --transport javaws --io-mode nio | --io-mode is for the netty transport",
      "chat --transport javaws --io-mode auto | --io-mode is for the netty transport",
      "chat --htpp-port 9000      | unknown option '--htpp-port' (did you mean --http-port?)",
      "chat --verbose             | unknown option '--verbose'",
      "chat -v                    | unknown option '-v'",
      "chat --simulate            | --simulate is an option of analytics, dashboard, tours, not chat",
      "echo --auth                | --auth is an option of analytics, chat, tours, not echo",
      "chat --auth=yes            | --auth takes no value",
      "chat --auth --auth         | --auth is given twice",
      "''                         | name the example to run: one of analytics, chat, dashboard, echo, editor, notifications, tours",
      "--port 9000                | name the example to run",
      "chta                       | unknown example 'chta' (did you mean chat?)",
      "chat echo                  | expected one example, got 'chat' and 'echo'",
      "chat --port                | --port needs a value",
      "chat --port --auth         | --port needs a value",
      "chat --port=               | --port needs a value",
      "chat --port 70000          | --port must be a port number from 0 to 65535, got '70000'",
      "chat --port abc            | --port must be a port number from 0 to 65535, got 'abc'",
      "chat --port 1 --port 2     | --port is given twice",
      "chat --host                | --host needs a value",
      "chat --transport tomcat    | --transport must be netty or javaws, got 'tomcat'",
      "chat --http-port 9000      | --http-port and --ws-port are for --transport javaws; netty serves everything on --port",
      "chat --ws-port 9001        | --http-port and --ws-port are for --transport javaws",
      "chat --transport javaws --port 9000 | --port is for the netty transport; with --transport javaws use --http-port and --ws-port",
      "chat --transport javaws --http-port 9000 --ws-port 9000 | --http-port and --ws-port must differ (both are 9000)",
      "chat --transport javaws --ws-port 8080 | --http-port and --ws-port must differ (both are 8080)",
      "chat --transport javaws --ws-port x | --ws-port must be a port number from 0 to 65535, got 'x'",
  })
  void refusesWhatItDoesNotUnderstandAndSaysWhy(String commandLine, String message) {
    String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split(" +");
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void redisMakesANodeOfACluster() {
    assertThat(parse("chat").cluster()).isEmpty();
    Cluster cluster = parse("chat", "--redis", "redis://127.0.0.1:6379", "--node-id", "n1", "--presence-ttl", "12")
        .cluster().orElseThrow();
    assertThat(cluster.redisUri()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(cluster.nodeId()).isEqualTo("n1");
    assertThat(cluster.presenceTtl()).isEqualTo(Duration.ofSeconds(12));
    Cluster defaults = parse("editor", "--redis=rediss://:secret@redis.example:6380").cluster().orElseThrow();
    assertThat(defaults.nodeId()).matches("node-[0-9a-f]{6}");
    assertThat(defaults.presenceTtl()).isEqualTo(Cluster.DEFAULT_PRESENCE_TTL);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "chat --node-id n1 | --node-id only applies with --redis",
      "chat --presence-ttl 5 | --presence-ttl only applies with --redis",
      "chat --redis localhost:6379 | --redis takes redis://HOST:PORT",
      "chat --redis redis://h:1 --node-id a/b | --node-id must be 1 to 64 letters",
      "chat --redis redis://h:1 --presence-ttl soon | --presence-ttl must be a whole number of seconds",
      "chat --redis redis://h:1 --presence-ttl 1 | --presence-ttl must be 2 to 3600 seconds"})
  void refusesAClusterItCannotJoin(String commandLine, String message) {
    assertThatThrownBy(() -> parse(commandLine.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void helpIsAskedForAnywhere() {
    assertThat(LaunchOptions.wantsHelp(new String[] {"--help"})).isTrue();
    assertThat(LaunchOptions.wantsHelp(new String[] {"chat", "-h"})).isTrue();
    assertThat(LaunchOptions.wantsHelp(new String[] {"chat", "--port", "1"})).isFalse();
  }

  @Test
  void theUsageListsEveryOptionTheParserAcceptsAndEveryExamplesFlags() {
    String usage = LaunchOptions.usage(EXAMPLES);
    Arrays.stream(Option.values()).flatMap(option -> option.names().stream())
        .forEach(name -> assertThat(usage).contains(name));
    for (ExampleType type : EXAMPLES) {
      assertThat(usage).contains("  " + type.name() + " ").contains(type.summary());
      for (Flag flag : type.flags()) {
        assertThat(usage).contains(type.name() + " " + flag.option());
        // every flag the usage shows is one the parser takes for that example
        assertThat(parse(type.name(), flag.option()).has(flag)).isTrue();
      }
    }
    assertThat(usage).contains("--auth").contains("--simulate").contains("default 8080");
    assertThat(usage).contains("--io-mode MODE").contains("auto (default").contains("epoll").contains("io_uring")
        .contains("nio");
    // every option shown takes effect: none is listed that the parser would refuse as unknown
    for (Option option : Option.values()) {
      if (option.takesValue()) {
        assertThatThrownBy(() -> parse("chat", option.longName()))
            .hasMessage(option.longName() + " needs a value");
      }
    }
  }
}
