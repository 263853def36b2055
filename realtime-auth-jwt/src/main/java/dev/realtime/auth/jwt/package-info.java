/**
 * JSON Web Token authentication for realtime hubs, on nimbus-jose-jwt.
 *
 * <p>{@link dev.realtime.auth.jwt.JwtAuthenticator} verifies HS256 or RS256 tokens from the
 * {@code token} query parameter or the {@code Sec-WebSocket-Protocol} header and maps their claims
 * to a {@link dev.realtime.auth.Principal}; give it to a hub with {@code
 * Hub.builder().authenticator(jwt).subprotocols(JwtAuthenticator.subprotocolSelector())}. {@link
 * dev.realtime.auth.jwt.JwtRefusal} lists why a token can be refused. {@link
 * dev.realtime.auth.jwt.JwtIssuer} signs tokens for development and tests. Threats, defences and
 * settings: {@code docs/security.md}.
 */
package dev.realtime.auth.jwt;
