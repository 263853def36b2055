package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chat's room convention: the connect URL resumes the first room, {@code join_room} the others. */
class ChatRoomProtocolTest {
  private final RoomProtocol chat = RoomProtocol.chat();
  private final RoomPosition position = new RoomPosition(42, "k3j9x0");

  @Test
  void theConnectUrlResumesTheRoomItNamesKeepingEverythingElseAsGiven() {
    URI base = URI.create("ws://h:8080/ws?username=J%C3%BCrgen%20K&room=general&since=1&epoch=old");
    URI resumed = chat.connectUri(base, Map.of("general", position, "other", new RoomPosition(7, "x")));
    assertThat(resumed).hasToString("ws://h:8080/ws?username=J%C3%BCrgen%20K&room=general&since=42&epoch=k3j9x0");
  }

  @Test
  void withoutARoomInTheUrlTheOneRoomTheServerChoseIsResumed() {
    URI base = URI.create("ws://h/ws?username=ann");
    assertThat(chat.connectUri(base, Map.of("general", position))).hasToString("ws://h/ws?username=ann&since=42&epoch=k3j9x0");
    Map<String, RoomPosition> two = new LinkedHashMap<>();
    two.put("a", position);
    two.put("b", position);
    assertThat(chat.connectUri(base, two)).as("ambiguous: left alone").isEqualTo(base);
    assertThat(chat.connectUri(URI.create("ws://h/ws"), Map.of("general", position))).hasToString("ws://h/ws?since=42&epoch=k3j9x0");
    assertThat(chat.connectUri(URI.create("ws://h/ws?room=elsewhere"), Map.of("general", position)))
        .as("nothing known of the URL's room").hasToString("ws://h/ws?room=elsewhere");
  }

  @Test
  void joinAndLeaveFramesCarryTheRoomAndThePositionInMetadata() {
    assertThat(Json.encode(chat.joinFrame("dev", Optional.of(position))))
        .isEqualTo("{\"type\":\"join_room\",\"metadata\":{\"room\":\"dev\",\"since\":42,\"epoch\":\"k3j9x0\"}}");
    assertThat(Json.encode(chat.joinFrame("dev", Optional.empty())))
        .isEqualTo("{\"type\":\"join_room\",\"metadata\":{\"room\":\"dev\"}}");
    assertThat(Json.encode(chat.leaveFrame("dev")))
        .isEqualTo("{\"type\":\"leave_room\",\"metadata\":{\"room\":\"dev\"}}");
  }

  @Test
  void aFramesRoomIsItsRoomField() {
    assertThat(chat.roomOf(Json.parseObject("{\"type\":\"message\",\"room\":\"dev\"}"))).hasValue("dev");
    assertThat(chat.roomOf(Json.parseObject("{\"type\":\"message\",\"room\":7}"))).isEmpty();
    assertThat(chat.roomOf(new JsonObject())).isEmpty();
  }

  @Test
  void positionsAreReadOnlyFromWholeNonNegativeOffsetsWithAnEpoch() {
    assertThat(Rooms.positionOf(Json.parseObject("{\"offset\":42,\"epoch\":\"e\"}"))).hasValue(new RoomPosition(42, "e"));
    assertThat(Rooms.positionOf(Json.parseObject("{\"offset\":4.5,\"epoch\":\"e\"}"))).isEmpty();
    assertThat(Rooms.positionOf(Json.parseObject("{\"offset\":-1,\"epoch\":\"e\"}"))).isEmpty();
    assertThat(Rooms.positionOf(Json.parseObject("{\"offset\":\"42\",\"epoch\":\"e\"}"))).isEmpty();
    assertThat(Rooms.positionOf(Json.parseObject("{\"offset\":42}"))).isEmpty();
    assertThat(Rooms.positionOf(Json.parseObject("{\"offset\":42,\"epoch\":\"\"}"))).isEmpty();
  }

  @Test
  void queryParametersArePercentDecodedAndSetWithoutTouchingOthers() {
    URI uri = URI.create("ws://h/ws?a=1&token=old&b=x+y");
    assertThat(QueryParameters.first(uri, "b")).hasValue("x+y");
    assertThat(QueryParameters.first(uri, "missing")).isEmpty();
    assertThat(QueryParameters.with(uri, Map.of("token", "n e/w"))).hasToString("ws://h/ws?a=1&b=x+y&token=n%20e%2Fw");
  }
}
