package dev.realtime.auth.jwt;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.auth.AuthResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the token travels: the query string, the subprotocol header in both forms, or nowhere. */
class TokenSourcesTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private final ManualClock clock = new ManualClock(NOW);
  private final JwtAuthenticator authenticator = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).build();
  private final String token = Tokens.hs256(Tokens.claims("u-1", NOW.plusSeconds(60)).build());

  private static String userOf(AuthResult result) {
    assertThat(result).isInstanceOf(AuthResult.Accepted.class);
    return ((AuthResult.Accepted) result).principal().userId();
  }

  @Test
  void fromTheQueryString() {
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws?room=a&token=" + token)))).isEqualTo("u-1");
  }

  @Test
  void fromTheSubprotocolHeaderAsTheTokenItself() {
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws", token)))).isEqualTo("u-1");
    // next to a real subprotocol, in any position
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws", "chat.v1, " + token)))).isEqualTo("u-1");
  }

  @Test
  void fromTheSubprotocolHeaderAfterBearer() {
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws", "bearer, " + token)))).isEqualTo("u-1");
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws", "chat.v1,Bearer," + token)))).isEqualTo("u-1");
    // "bearer" names the token even when it is garbage: the garbage is then refused, not skipped
    assertThat(authenticator.authenticate(Tokens.handshake("/ws", "bearer, nonsense")))
        .isEqualTo(JwtRefusal.MALFORMED_TOKEN.result());
  }

  @Test
  void theQueryWinsOverTheHeader() {
    String other = Tokens.hs256(Tokens.claims("u-2", NOW.plusSeconds(60)).build());
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws?token=" + token, "bearer, " + other)))).isEqualTo("u-1");
    // an empty query parameter counts as absent
    assertThat(userOf(authenticator.authenticate(Tokens.handshake("/ws?token=", "bearer, " + other)))).isEqualTo("u-2");
  }

  @Test
  void noTokenAnywhereIsMissingToken() {
    assertThat(authenticator.authenticate(Tokens.handshake("/ws?username=x"))).isEqualTo(JwtRefusal.MISSING_TOKEN.result());
    assertThat(authenticator.authenticate(Tokens.handshake("/ws", "chat.v1"))).isEqualTo(JwtRefusal.MISSING_TOKEN.result());
    assertThat(authenticator.authenticate(Tokens.handshake("/ws", "bearer"))).isEqualTo(JwtRefusal.MISSING_TOKEN.result());
    assertThat(JwtRefusal.MISSING_TOKEN.code()).isEqualTo("missing_token");
  }

  @Test
  void sourcesCanBeTurnedOffAndTheParameterRenamed() {
    JwtAuthenticator headerOnly = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock).queryTokens(false).build();
    assertThat(headerOnly.authenticate(Tokens.handshake("/ws?token=" + token))).isEqualTo(JwtRefusal.MISSING_TOKEN.result());
    assertThat(userOf(headerOnly.authenticate(Tokens.handshake("/ws", "bearer, " + token)))).isEqualTo("u-1");

    JwtAuthenticator queryOnly = JwtAuthenticator.builder().hs256(Tokens.SECRET).clock(clock)
        .subprotocolTokens(false).queryParameter("access_token").build();
    assertThat(queryOnly.authenticate(Tokens.handshake("/ws", "bearer, " + token))).isEqualTo(JwtRefusal.MISSING_TOKEN.result());
    assertThat(queryOnly.authenticate(Tokens.handshake("/ws?token=" + token))).isEqualTo(JwtRefusal.MISSING_TOKEN.result());
    assertThat(userOf(queryOnly.authenticate(Tokens.handshake("/ws?access_token=" + token)))).isEqualTo("u-1");
  }

  @Test
  void theSelectorEchoesBearerOrTheTokenButNeverAnythingElse() {
    var selector = JwtAuthenticator.subprotocolSelector();
    assertThat(selector.apply(List.of("bearer", token))).contains("bearer");
    assertThat(selector.apply(List.of("chat.v1", "Bearer", token))).contains("Bearer");
    assertThat(selector.apply(List.of(token))).contains(token);
    assertThat(selector.apply(List.of("chat.v1", token))).contains(token);
    assertThat(selector.apply(List.of("chat.v1"))).isEqualTo(Optional.empty());
    assertThat(selector.apply(List.of())).isEqualTo(Optional.empty());
  }
}
