package dev.realtime.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceTest {
  private final Recipient alice = Recipient.of("alice", "admin", "user");
  private final Recipient bob = Recipient.of("bob", "user");

  @Test
  void everyoneIncludesAll() {
    assertThat(Audience.everyone().includes(alice)).isTrue();
    assertThat(Audience.everyone().includes(bob)).isTrue();
  }

  @Test
  void usersIncludeOnlyListedIds() {
    Audience onlyAlice = Audience.users("alice");
    assertThat(onlyAlice.includes(alice)).isTrue();
    assertThat(onlyAlice.includes(bob)).isFalse();
    assertThat(Audience.users(List.of("alice", "bob")).includes(bob)).isTrue();
  }

  @Test
  void roleIncludesHoldersOfTheRole() {
    assertThat(Audience.role("admin").includes(alice)).isTrue();
    assertThat(Audience.role("admin").includes(bob)).isFalse();
    assertThat(Audience.role("user").includes(bob)).isTrue();
  }

  @Test
  void rejectsEmptyOrBlankTargets() {
    assertThatThrownBy(() -> Audience.users(List.of()))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("user_id:");
    assertThatThrownBy(() -> Audience.users(" "))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("user_id:");
    assertThatThrownBy(() -> Audience.role(""))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("user_role:");
  }

  @Test
  void duplicateIdsAndRolesAreTolerated() {
    assertThat(Recipient.of("dave", "user", "user").roles()).containsExactly("user");
    assertThat(Audience.users("a", "a")).isEqualTo(Audience.users("a"));
  }
}
