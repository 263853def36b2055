package dev.realtime.examples.tours;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtAuthenticator;
import dev.realtime.broker.Broker;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.Flag;
import dev.realtime.examples.feed.DevelopmentTokens;
import dev.realtime.examples.feed.FeedNode;
import dev.realtime.examples.http.Response;
import dev.realtime.examples.server.BadSettingException;
import dev.realtime.examples.tours.inventory.Inventory;
import dev.realtime.examples.tours.inventory.MemoryInventory;
import dev.realtime.examples.tours.inventory.RedisInventory;
import dev.realtime.examples.tours.inventory.TourCatalog;
import dev.realtime.hub.Hub;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tours example: {@code /random} (a number every three seconds), {@code /tours} (seats per
 * tour, selective subscriptions) and {@code /api/tours/…} (bookings), with the tour dashboard at
 * {@code /} and the random-number page at {@code /numbers}. Tours come from the JSON file named by
 * the {@code TOURS_FILE} environment variable, else the exercise's three. With {@code --redis}
 * the seats live in Redis and every node shares one tick.
 */
public final class ToursExample implements Example {
  /** {@code --auth}: JWTs on both sockets and on bookings. */
  public static final Flag AUTH = new Flag("auth",
      "require a signed JWT on /random, /tours and bookings; GET /token hands\nout tokens to anyone (for development only)");
  /** {@code --simulate}: the exercise's random sales. */
  public static final Flag SIMULATE = new Flag("simulate",
      "sell 1-3 seats of a random tour every 5 s, reset when all are sold out");
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("tours",
      "random numbers, tour availability and bookings (TOURS_FILE names the tours)", List.of(AUTH, SIMULATE),
      ToursExample::new);
  /** The environment variable naming the tours file. */
  public static final String TOURS_FILE = "TOURS_FILE";

  private final ToursSettings settings;
  private volatile FeedNode node;
  private volatile TourFeed feed;
  private volatile Inventory inventory;

  /** The example with the exercises' timings. */
  public ToursExample() {
    this(ToursSettings.defaults());
  }

  /** The example with other timings or tours (tests). */
  public ToursExample(ToursSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void configure(ExampleContext context) throws Exception {
    TourCatalog catalog = settings.catalog().isPresent() ? settings.catalog().get() : catalogFromEnvironment();
    FeedNode node = FeedNode.open(context, context.options().has(AUTH), "realtime-tours-development");
    this.node = node;
    Broker broker = node.broker();
    Inventory seats;
    if (node.redis().isPresent()) {
      RedisInventory shared = new RedisInventory(catalog, node.redis().get(), context.clock());
      shared.initialize().toCompletableFuture().get(10, TimeUnit.SECONDS);
      seats = shared;
    } else {
      seats = new MemoryInventory(catalog, context.clock());
    }
    Optional<DevelopmentTokens> tokens = node.tokens();

    RandomNumbers random = new RandomNumbers(hub(context, broker, tokens, "random"), context.clock(), new SecureRandom());
    TourFeed tours = new TourFeed(hub(context, broker, tokens, "tours"), broker, seats, context.clock());
    tours.start(Duration.ofSeconds(10));
    node.tick("tours:random", settings.randomInterval(), (tick, at) -> random.tick(at));
    if (context.options().has(SIMULATE)) {
      TourSimulator simulator = new TourSimulator(seats, tours, new SecureRandom());
      node.tick("tours:simulate", settings.simulationInterval(), (tick, at) -> simulator.tick());
    }
    long resync = settings.resyncInterval().toMillis();
    context.scheduler().scheduleAtFixedRate(tours::resync, resync, resync, TimeUnit.MILLISECONDS);

    context.route("/random", random.hub());
    context.route("/tours", tours.hub());
    context.web().page("/", "web/tours/index.html");
    context.web().page("/numbers", "web/tours/numbers.html");
    BookingsApi api = new BookingsApi(seats, tours, tokens.map(DevelopmentTokens::authenticator));
    context.web().route("/api/tours", api);
    context.web().routeUnder(BookingsApi.PREFIX, api);
    tokens.ifPresent(handler -> context.web().route("/token", handler));
    boolean withAuth = tokens.isPresent();
    context.web().route("/tours-config.json", request -> {
      JsonObject config = new JsonObject();
      config.addProperty("auth", withAuth);
      config.addProperty("randomIntervalMs", settings.randomInterval().toMillis());
      return Response.json(config);
    });
    feed = tours;
    inventory = seats;
  }

  private static Hub.Builder hub(ExampleContext context, Broker broker, Optional<DevelopmentTokens> tokens, String name) {
    Hub.Builder hub = context.hubBuilder().name(name).broker(broker);
    tokens.ifPresent(issued -> hub.authenticator(issued.authenticator())
        .subprotocols(JwtAuthenticator.subprotocolSelector()));
    return hub;
  }

  private static TourCatalog catalogFromEnvironment() {
    String file = System.getenv(TOURS_FILE);
    if (file == null || file.isBlank()) {
      return TourCatalog.defaults();
    }
    try {
      return TourCatalog.load(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new BadSettingException(TOURS_FILE, new NoSuchFileException("no such file: " + file));
    } catch (IOException | RuntimeException e) {
      throw new BadSettingException(TOURS_FILE, e);
    }
  }

  @Override
  public void started() {
    FeedNode running = node;
    if (running != null) {
      running.warnIfDevelopmentTokens("tours");
    }
  }

  /** The node's tour feed, once configured (tests inspect its view). */
  public TourFeed feed() {
    return Objects.requireNonNull(feed, "not configured yet");
  }

  /** The seats, once configured. */
  public Inventory inventory() {
    return Objects.requireNonNull(inventory, "not configured yet");
  }

  @Override
  public void close() {
    FeedNode running = node;
    if (running != null) {
      running.close();
    }
  }
}
