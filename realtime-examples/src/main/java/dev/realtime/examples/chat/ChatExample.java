package dev.realtime.examples.chat;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtAuthenticator;
import dev.realtime.auth.jwt.JwtIssuer;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.Flag;
import dev.realtime.examples.http.Response;
import dev.realtime.hub.Hub;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat example: rooms, join/leave notices, live user lists and {@code /stats}, on one node or,
 * with {@code --redis}, on a cluster of nodes sharing one Redis (any node serves any client).
 *
 * <p>With {@code --auth} it is the authenticated chat: {@code /ws} requires a JWT ({@code
 * ?token=} or the {@code Sec-WebSocket-Protocol} header) and names users after it, and the
 * development-only {@code GET /token?username=U} issues such tokens. {@code /chat-config.json}
 * tells the page which mode it is in.
 */
public final class ChatExample implements Example {
  /** {@code --auth}: the authenticated chat. */
  public static final Flag AUTH = new Flag("auth",
      "require a signed JWT to connect; GET /token hands out tokens\nto anyone (for development only)");
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("chat",
      "chat rooms with join/leave notices and live user lists", List.of(AUTH), ChatExample::new);

  private static final Logger log = LoggerFactory.getLogger(ChatExample.class);

  private final Optional<byte[]> developmentSecret;
  private final Duration developmentTokenLifetime;
  private volatile boolean auth;

  /** The chat; with {@code --auth}, development tokens are signed with a fresh random secret. */
  public ChatExample() {
    this(Optional.empty(), DevelopmentTokens.LIFETIME);
  }

  /** Like {@link #ChatExample()}, with development tokens that live {@code lifetime} (to watch expiry). */
  public ChatExample(Duration developmentTokenLifetime) {
    this(Optional.empty(), developmentTokenLifetime);
  }

  /** For tests that sign their own tokens (short-lived, for another user) with a known secret. */
  ChatExample(byte[] developmentSecret) {
    this(Optional.of(developmentSecret.clone()), DevelopmentTokens.LIFETIME);
  }

  private ChatExample(Optional<byte[]> developmentSecret, Duration developmentTokenLifetime) {
    if (developmentTokenLifetime.isNegative() || developmentTokenLifetime.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive");
    }
    this.developmentSecret = developmentSecret;
    this.developmentTokenLifetime = developmentTokenLifetime;
  }

  @Override
  public void started() {
    if (auth) {
      log.warn("chat --auth: GET /token hands out signed tokens to anyone; it is for development only");
    }
  }

  /** How often a node re-reads the presence lists, for entries that expire {@code ttl} after their node died. */
  static Duration resyncFor(Duration ttl) {
    Duration third = ttl.dividedBy(3);
    Duration least = Duration.ofSeconds(1);
    Duration most = Duration.ofSeconds(10);
    return third.compareTo(least) < 0 ? least : third.compareTo(most) > 0 ? most : third;
  }

  @Override
  public void configure(ExampleContext context) {
    boolean auth = context.options().has(AUTH);
    Hub.Builder hub = context.hubBuilder().name("chat");
    // A node that dies says nothing: its users leave the lists when their presence expires and the
    // others read the lists again, so read them a few times per TTL (1 to 10 s).
    context.options().cluster().ifPresent(cluster -> hub.presenceResync(resyncFor(cluster.presenceTtl())));
    if (auth) {
      DevelopmentTokens tokens =
          new DevelopmentTokens(developmentSecret.orElseGet(JwtIssuer::randomSecret), developmentTokenLifetime, context.clock());
      // Browsers that send the token as a subprotocol fail unless one offered entry is echoed.
      hub.authenticator(tokens.authenticator()).subprotocols(JwtAuthenticator.subprotocolSelector());
      context.web().route("/token", tokens);
    }
    this.auth = auth;
    // The context's scheduler is one thread, as the chat needs (see ChatService).
    ChatService chat = new ChatService(hub, context.clock(), context.scheduler(), context.broker());
    context.route("/ws", chat.hub());
    context.web().page("/", "web/chat/index.html");
    context.web().route("/stats", request -> Response.json(chat.stats()));
    context.web().route("/chat-config.json", request -> {
      JsonObject config = new JsonObject();
      config.addProperty("auth", auth);
      return Response.json(config);
    });
  }
}
