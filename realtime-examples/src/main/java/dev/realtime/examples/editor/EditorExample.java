package dev.realtime.examples.editor;

import dev.realtime.broker.Broker;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.server.CannotConnectException;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.RateLimit;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.store.redis.RedisDocumentStore;
import dev.realtime.store.redis.RedisStoreException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The collaborative editor example: operational transformation over {@code /editor}, page at
 * {@code /}. With {@code --redis} each document's operation log and snapshots live in Redis, which
 * orders every node's operations, and the cluster's broker carries them to the other nodes.
 */
public final class EditorExample implements Example {
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("editor",
      "collaborative text editing (operational transformation)", List.of(), EditorExample::new);
  /** The largest inbound frame: a paste may insert a whole document (1,000,000 code units, escaped). */
  public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;
  /** Threads that run documents' store calls on a node of a cluster (each document uses one at a time). */
  static final int WORKERS = 8;

  private final RateLimit inboundLimit;
  private volatile Optional<RedisDocumentStore<?, ?>> store = Optional.empty();
  private volatile Optional<ExecutorService> workers = Optional.empty();

  /** The editor with the hub's default inbound rate limit (50 messages/s per client). */
  public EditorExample() {
    this(RateLimit.DEFAULT);
  }

  /** The editor with another inbound rate limit per client (benchmarks lift it). */
  public EditorExample(RateLimit inboundLimit) {
    this.inboundLimit = Objects.requireNonNull(inboundLimit, "inboundLimit");
  }

  @Override
  public void configure(ExampleContext context) throws CannotConnectException {
    Hub.Builder hub = context.hubBuilder().name("editor")
        .settings(HubSettings.DEFAULTS.withRateLimit(inboundLimit));
    Optional<Broker> broker = context.broker();
    EditorService service;
    if (broker.isPresent()) {
      String uri = context.options().cluster().orElseThrow().redisUri();
      RedisDocumentStore<String, TextOperation> documents;
      try {
        documents = RedisDocumentStore.plainText(uri).connect();
      } catch (RedisStoreException e) {
        throw new CannotConnectException(uri, e);
      }
      store = Optional.of(documents);
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS, daemonThreads());
      workers = Optional.of(pool);
      service = new EditorService(hub, documents, broker.get(), pool, context.scheduler(),
          ServerDocument.DEFAULT_MAX_HISTORY, EditorService.MAX_DOCUMENT_LENGTH);
    } else {
      service = new EditorService(hub);
    }
    // The transport's default (64 KiB) would close a client that pastes a large text with 1009.
    context.maxMessageBytes(MAX_FRAME_BYTES);
    context.route("/editor", service.hub());
    context.web().page("/", "web/editor/index.html");
  }

  @Override
  public void close() {
    workers.ifPresent(ExecutorService::shutdownNow);
    store.ifPresent(RedisDocumentStore::close);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "editor-documents-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
