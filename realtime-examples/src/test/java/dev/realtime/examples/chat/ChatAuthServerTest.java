package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtIssuer;
import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat with {@code --auth} over real sockets: refusals, names from tokens, refresh, expiry. */
class ChatAuthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final byte[] secret = JwtIssuer.randomSecret();
  private final JwtIssuer issuer = JwtIssuer.hs256(secret, Clock.systemUTC()).withIssuer(DevelopmentTokens.ISSUER);

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("chat", "auth"), new ChatExample(secret));

  private HttpResponse<String> get(String path) throws Exception {
    return ExampleHttp.get(server, path);
  }

  private JsonObject tokenFor(String username) throws Exception {
    HttpResponse<String> response = get("/token?username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.parseObject(response.body());
  }

  private ChatSocket open(String query, String... subprotocols) throws Exception {
    return ChatSocket.open(server.webSocketPort(), query, subprotocols);
  }

  private int totalClients() throws Exception {
    return Json.parseObject(get("/stats").body()).get("total_clients").getAsInt();
  }

  private void assertRefused(ChatSocket socket, String code) throws Exception {
    JsonObject error = socket.next("error");
    assertThat(error.get("code").getAsString()).isEqualTo(code);
    ChatSocket.Closed closed = socket.awaitClose();
    assertThat(closed.code()).isEqualTo(CloseCodes.UNAUTHORIZED);
    assertThat(closed.reason()).isEqualTo(error.get("message").getAsString()).isNotBlank();
  }

  @Test
  void withoutATokenTheClientGetsAnErrorFrameAnd4001AndNeverReachesTheHub() throws Exception {
    ChatSocket socket = open("username=mallory&room=lobby");
    assertRefused(socket, "missing_token");
    assertThat(totalClients()).isZero();
    assertThat(server.get().metrics().snapshot().handshakesRejected()).isEqualTo(1);
  }

  @Test
  void aBadOrExpiredTokenIsRefusedWithItsReason() throws Exception {
    assertRefused(open("token=not-a-token&room=lobby"), "invalid_token");

    JwtIssuer forger = JwtIssuer.hs256(JwtIssuer.randomSecret(), Clock.systemUTC()).withIssuer(DevelopmentTokens.ISSUER);
    ChatSocket forged = open("token=" + forger.issue("u", "eve", Set.of(), Duration.ofHours(1)));
    assertThat(forged.next("error").get("message").getAsString()).contains("signature");

    JwtIssuer past = JwtIssuer.hs256(secret, Clock.fixed(Instant.now().minus(Duration.ofHours(2)), java.time.ZoneOffset.UTC))
        .withIssuer(DevelopmentTokens.ISSUER);
    assertRefused(open("token=" + past.issue("u", "old", Set.of(), Duration.ofHours(1))), "token_expired");

    JwtIssuer otherIssuer = JwtIssuer.hs256(secret, Clock.systemUTC()).withIssuer("someone-else");
    assertRefused(open("token=" + otherIssuer.issue("u", "x", Set.of(), Duration.ofHours(1))), "invalid_token");
    assertThat(totalClients()).isZero();
  }

  @Test
  void aValidTokenChatsUnderTheTokensNameWhateverTheQuerySays() throws Exception {
    JsonObject aliceToken = tokenFor("alice");
    assertThat(aliceToken.get("username").getAsString()).isEqualTo("alice");
    assertThat(aliceToken.get("user_id").getAsString()).isNotBlank();
    ChatSocket alice = open("token=" + aliceToken.get("token").getAsString() + "&username=mallory&room=lobby");
    // named after her token; and in the room before bob comes (the handshake completes before the
    // server runs its connect handler)
    assertThat(alice.next("join").get("content").getAsString()).isEqualTo("alice joined lobby");
    // bob sends his token as a subprotocol, as a browser would: new WebSocket(url, ["bearer", token])
    ChatSocket bob = open("room=lobby", "bearer", tokenFor("bob").get("token").getAsString());
    assertThat(bob.socket.getSubprotocol()).isEqualTo("bearer");
    // bob's own arrival reaches him too: take it before alice speaks, or her message can overtake it
    // (frames from different senders have no order between them)
    assertThat(bob.next("join").get("content").getAsString()).isEqualTo("bob joined lobby");

    // bob's arrival, announced to alice under his token's name
    while (!alice.next("join").get("content").getAsString().contains("bob")) {
      // skip anything else
    }
    alice.send("{\"type\":\"message\",\"content\":\"hi bob\"}");
    JsonObject received = bob.next("message");
    assertThat(received.get("content").getAsString()).isEqualTo("hi bob");
    assertThat(received.get("username").getAsString()).isEqualTo("alice");

    alice.send("{\"type\":\"users\"}");
    assertThat(alice.next("users").getAsJsonArray("users").toString()).contains("alice", "bob").doesNotContain("mallory");
    assertThat(totalClients()).isEqualTo(2);

    // rooms work as without auth
    alice.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"side\"}}");
    // wait until alice is in: a join sent meanwhile could make bob hear alice's notice first
    assertThat(alice.next("join").get("content").getAsString()).isEqualTo("alice joined side");
    bob.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"side\"}}");
    assertThat(bob.next("join").get("content").getAsString()).isEqualTo("bob joined side");
    bob.send("{\"type\":\"leave_room\",\"metadata\":{\"room\":\"side\"}}");
    assertThat(alice.next("leave").get("content").getAsString()).isEqualTo("bob left side");
  }

  @Test
  void theSeedsFormTheTokenAloneAsSubprotocolIsEchoedBack() throws Exception {
    String token = tokenFor("carol").get("token").getAsString();
    ChatSocket carol = open("room=lobby", token);
    assertThat(carol.socket.getSubprotocol()).isEqualTo(token);
    assertThat(carol.next("join").get("content").getAsString()).contains("carol");
  }

  @Test
  void aRefreshedTokenOutlivesTheFirstAndAnotherUsersIsRefused() throws Exception {
    String userId = "user-7";
    // long enough for the two refresh round trips below even on a loaded machine
    Instant firstExpiry = Instant.now().plusSeconds(4);
    ChatSocket dave = open("room=lobby&token=" + issuer.issue(userId, "dave", Set.of(), Duration.ofSeconds(4)));
    dave.next("join");

    dave.send("{\"type\":\"refresh_token\",\"token\":\"" + issuer.issue("user-8", "dave", Set.of(), Duration.ofHours(1)) + "\"}");
    assertThat(dave.next("error").get("code").getAsString()).isEqualTo("wrong_user");

    dave.send("{\"type\":\"refresh_token\",\"token\":\"" + issuer.issue(userId, "dave", Set.of(), Duration.ofHours(1)) + "\"}");
    Instant expiresAt = Instant.parse(dave.next("token_refreshed").get("expires_at").getAsString());
    assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofMinutes(50)));

    // past the first token's expiry the session still works
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstExpiry).toMillis()) + 500);
    dave.send("{\"type\":\"message\",\"content\":\"still here\"}");
    assertThat(dave.next("message").get("content").getAsString()).isEqualTo("still here");
    assertThat(dave.closed).isNotDone();
  }

  @Test
  void aTokenThatExpiresDuringTheSessionClosesWith4002() throws Exception {
    ChatSocket erin = open("room=lobby&token=" + issuer.issue("user-9", "erin", Set.of(), Duration.ofSeconds(2)));
    erin.next("join");
    assertThat(erin.next("error").get("code").getAsString()).isEqualTo("token_expired");
    ChatSocket.Closed closed = erin.awaitClose();
    assertThat(closed.code()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
  }

  @Test
  void theTokenEndpointAnswersLikeTheSeedAndIsNeverCached() throws Exception {
    HttpResponse<String> response = get("/token?username=frank");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject body = Json.parseObject(response.body());
    assertThat(body.keySet()).contains("token", "user_id", "username", "expires_at");
    assertThat(Json.parseObject(get("/token").body()).get("username").getAsString()).isEqualTo("TestUser");
    assertThat(get("/token?username=" + "x".repeat(65)).statusCode()).isEqualTo(400);
    // the same name gets the same id, so a refreshed token names the same user
    assertThat(tokenFor("frank").get("user_id")).isEqualTo(body.get("user_id"));
    assertThat(Json.parseObject(get("/chat-config.json").body()).get("auth").getAsBoolean()).isTrue();
  }

  @Test
  void withoutAuthThereIsNoTokenEndpoint() throws Exception {
    try (ExampleServer open = ExampleServer.start(LaunchOptions.ephemeral("chat"), new ChatExample())) {
      String base = "http://127.0.0.1:" + open.httpPort();
      HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/token?username=x")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).isEqualTo(404);
      HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(base + "/chat-config.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(Json.parseObject(config.body()).get("auth").getAsBoolean()).isFalse();
    }
  }
}
