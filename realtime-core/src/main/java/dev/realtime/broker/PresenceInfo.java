package dev.realtime.broker;

import java.util.Objects;

/**
 * One client's presence on a channel: who it is and which node holds its connection.
 *
 * @param clientId the client (connection) id, unique in the cluster
 * @param user the user name the client acts as, possibly empty
 * @param nodeId the node that holds the connection
 * @param data application data for other nodes (for example JSON), possibly empty
 */
public record PresenceInfo(String clientId, String user, String nodeId, String data) {

  /** Validates the components. */
  public PresenceInfo {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(data, "data");
    if (clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId must not be empty");
    }
  }
}
