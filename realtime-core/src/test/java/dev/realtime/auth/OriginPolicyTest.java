package dev.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

  private static boolean allows(OriginPolicy policy, String origin) {
    return policy.allows(Optional.ofNullable(origin), Optional.of("app.example.com:8081"));
  }

  @Test
  void exactOriginsMatchSchemeHostAndPort() {
    OriginPolicy policy = OriginPolicy.allowing("https://app.example.com", "http://localhost:8080");
    assertThat(allows(policy, "https://app.example.com")).isTrue();
    assertThat(allows(policy, "https://app.example.com:443")).isTrue();
    assertThat(allows(policy, "HTTPS://APP.EXAMPLE.COM")).isTrue();
    assertThat(allows(policy, "http://app.example.com")).isFalse();
    assertThat(allows(policy, "https://app.example.com:8443")).isFalse();
    assertThat(allows(policy, "https://app.example.com.evil.net")).isFalse();
    assertThat(allows(policy, "https://evil.net")).isFalse();
    assertThat(allows(policy, "http://localhost:8080")).isTrue();
    assertThat(allows(policy, "http://localhost:8081")).isFalse();
    assertThat(allows(policy, "null")).isFalse();
    assertThat(allows(policy, "not a url at all")).isFalse();
  }

  @Test
  void hostPatternsMatchSubdomainsOnly() {
    OriginPolicy policy = OriginPolicy.allowing("https://*.example.com");
    assertThat(allows(policy, "https://a.example.com")).isTrue();
    assertThat(allows(policy, "https://a.b.example.com")).isTrue();
    assertThat(allows(policy, "https://example.com")).isFalse();
    assertThat(allows(policy, "https://badexample.com")).isFalse();
    assertThat(allows(policy, "http://a.example.com")).isFalse();
  }

  @Test
  void sameHostAllowsThePagePortOnTheAddressedHost() {
    OriginPolicy policy = OriginPolicy.allowing().withSameHost(8080);
    assertThat(policy.allows(Optional.of("http://10.1.2.3:8080"), Optional.of("10.1.2.3:8081"))).isTrue();
    assertThat(policy.allows(Optional.of("http://evil.net:8080"), Optional.of("10.1.2.3:8081"))).isFalse();
    assertThat(policy.allows(Optional.of("http://10.1.2.3:9999"), Optional.of("10.1.2.3:8081"))).isFalse();
    assertThat(policy.allows(Optional.of("http://[::1]:8080"), Optional.of("[::1]:8081"))).isTrue();
  }

  @Test
  void missingOriginIsAllowedUnlessForbidden() {
    OriginPolicy policy = OriginPolicy.allowing("https://app.example.com");
    assertThat(allows(policy, null)).isTrue();
    assertThat(allows(policy.allowMissingOrigin(false), null)).isFalse();
    assertThat(allows(OriginPolicy.allowAll(), "https://anything.example")).isTrue();
  }

  @Test
  void rejectsEntriesThatAreNotOrigins() {
    assertThatThrownBy(() -> OriginPolicy.allowing("https://app.example.com/path")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OriginPolicy.allowing("app.example.com")).isInstanceOf(IllegalArgumentException.class);
  }
}
