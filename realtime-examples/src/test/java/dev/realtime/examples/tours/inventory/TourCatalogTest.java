package dev.realtime.examples.tours.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TourCatalogTest {
  @Test
  void theDefaultIsTheExercisesThreeTours() {
    assertThat(TourCatalog.defaults().tours()).containsExactly(
        new Tour("tour_paris", "Paris City Tour", 20),
        new Tour("tour_london", "London Eye Experience", 15),
        new Tour("tour_rome", "Rome Colosseum Tour", 18));
  }

  @Test
  void readsAFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("tours.json");
    Files.writeString(file, "{\"tours\":[{\"id\":\"t-1\",\"name\":\"<b>Bold</b> tour\",\"capacity\":7}]}");
    assertThat(TourCatalog.load(file).tour("t-1")).hasValue(new Tour("t-1", "<b>Bold</b> tour", 7));
    assertThat(TourCatalog.load(file).tour("t-2")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]", "{}", "{\"tours\":[]}", "{\"tours\":[1]}",
      "{\"tours\":[{\"id\":\"a b\",\"name\":\"x\",\"capacity\":1}]}",
      "{\"tours\":[{\"id\":\"a\",\"name\":\"x\",\"capacity\":1.5}]}",
      "{\"tours\":[{\"id\":\"a\",\"name\":\"x\",\"capacity\":-1}]}",
      "{\"tours\":[{\"id\":\"a\",\"name\":\"\",\"capacity\":1}]}",
      "{\"tours\":[{\"id\":\"a\",\"name\":\"x\",\"capacity\":1},{\"id\":\"a\",\"name\":\"y\",\"capacity\":2}]}"})
  void refusesWhatIsNotACatalog(String json) {
    assertThatThrownBy(() -> TourCatalog.parse(json)).isInstanceOf(IllegalArgumentException.class);
  }
}
