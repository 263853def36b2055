package dev.realtime.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.prometheus.ExpositionParser.Parsed;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The collector in a Prometheus client registry, as an application with its own exporter uses it. */
class RealtimeCollectorTest {
  private final InMemoryMetrics metrics = new InMemoryMetrics();
  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void aScrapeOfTheRegistryCarriesTheLibrarysFamilies() {
    registry.register(new RealtimeCollector(metrics::snapshot));
    metrics.connectionOpened();
    metrics.messageReceived(12);

    Parsed parsed = ExpositionParser.parse(PrometheusExposition.render(registry.scrape()));

    assertThat(parsed.types().keySet())
        .containsExactlyInAnyOrderElementsOf(PrometheusExpositionTest.EXPOSED_NAMES);
    assertThat(PrometheusExpositionTest.values(parsed))
        .containsEntry("realtime_connections_opened_total", 1.0)
        .containsEntry("realtime_connections_active", 1.0)
        .containsEntry("realtime_received_bytes_total", 12.0);
  }

  @Test
  void eachScrapeTakesOneFreshSnapshot() {
    AtomicInteger taken = new AtomicInteger();
    registry.register(new RealtimeCollector(() -> {
      taken.incrementAndGet();
      return metrics.snapshot();
    }));

    registry.scrape();
    metrics.error();
    Parsed parsed = ExpositionParser.parse(PrometheusExposition.render(registry.scrape()));

    assertThat(taken).hasValue(2);
    assertThat(PrometheusExpositionTest.values(parsed)).containsEntry("realtime_errors_total", 1.0);
  }

  @Test
  void theRegistryRefusesTheSameFamiliesTwice() {
    registry.register(new RealtimeCollector(metrics::snapshot));

    assertThatThrownBy(() -> registry.register(new RealtimeCollector(metrics::snapshot)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
