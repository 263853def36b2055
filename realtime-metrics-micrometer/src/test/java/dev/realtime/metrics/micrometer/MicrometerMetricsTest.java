package dev.realtime.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.metrics.RealtimeMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binder on its own: every event has a meter, names and tags as documented. */
class MicrometerMetricsTest {

  @Test
  void everyEventOfTheInterfaceIsRecorded() {
    List<String> notOverridden = Arrays.stream(RealtimeMetrics.class.getMethods())
        .filter(method -> !Modifier.isStatic(method.getModifiers()))
        .filter(method -> declaringClass(method) != MicrometerMetrics.class)
        .map(Method::getName)
        .toList();

    assertThat(notOverridden).as("RealtimeMetrics events MicrometerMetrics does not count").isEmpty();
  }

  @Test
  void bindingRegistersExactlyTheDocumentedMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new MicrometerMetrics().bindTo(registry);

    assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
        .containsExactlyInAnyOrderElementsOf(MicrometerMetrics.meterNames());
    assertThat(registry.getMeters()).allSatisfy(meter -> {
      assertThat(meter.getId().getName()).startsWith("realtime.");
      assertThat(meter.getId().getDescription()).isNotBlank();
      assertThat(meter.getId().getType())
          .isIn(Meter.Type.COUNTER, Meter.Type.GAUGE);
    });
    assertThat(registry.get(MicrometerMetrics.CONNECTIONS_ACTIVE).gauge()).isNotNull();
    assertThat(registry.get(MicrometerMetrics.ROOMS).gauge()).isNotNull();
  }

  @Test
  void everyMeterCarriesTheBindersTags() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerMetrics metrics = new MicrometerMetrics(Tags.of("hub", "chat", "node", "n1"));
    metrics.bindTo(registry);

    assertThat(metrics.tags()).containsExactly(Tag.of("hub", "chat"), Tag.of("node", "n1"));
    assertThat(registry.getMeters()).hasSize(MicrometerMetrics.meterNames().size())
        .allSatisfy(meter -> assertThat(meter.getId().getTags())
            .containsExactly(Tag.of("hub", "chat"), Tag.of("node", "n1")));
    assertThat(MicrometerMetrics.forHub("editor").tags()).containsExactly(Tag.of("hub", "editor"));
  }

  @Test
  void eventsBeforeBindingAreCountedAndEveryRegistrySeesTheSameCounts() {
    MicrometerMetrics metrics = new MicrometerMetrics();
    metrics.messageReceived(10);
    metrics.connectionOpened();
    MeterRegistry first = new SimpleMeterRegistry();
    MeterRegistry second = new SimpleMeterRegistry();
    metrics.bindTo(first);
    metrics.bindTo(second);
    metrics.messageReceived(5);
    metrics.messageSent(-3); // a transport that cannot measure reports nothing, never less

    for (MeterRegistry registry : List.of(first, second)) {
      assertThat(registry.get(MicrometerMetrics.MESSAGES_RECEIVED).functionCounter().count()).isEqualTo(2);
      assertThat(registry.get(MicrometerMetrics.RECEIVED_BYTES).functionCounter().count()).isEqualTo(15);
      assertThat(registry.get(MicrometerMetrics.SENT_BYTES).functionCounter().count()).isZero();
      assertThat(registry.get(MicrometerMetrics.CONNECTIONS_ACTIVE).gauge().value()).isEqualTo(1);
    }
  }

  @Test
  void itIsAMeterBinderForSpringBootAndTheLibrarysMetrics() {
    MicrometerMetrics metrics = new MicrometerMetrics();
    assertThat(metrics).isInstanceOf(MeterBinder.class).isInstanceOf(RealtimeMetrics.class);
    assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MicrometerMetrics.forHub(null)).isInstanceOf(NullPointerException.class);
  }

  private static Class<?> declaringClass(Method method) {
    try {
      return MicrometerMetrics.class.getMethod(method.getName(), method.getParameterTypes())
          .getDeclaringClass();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
