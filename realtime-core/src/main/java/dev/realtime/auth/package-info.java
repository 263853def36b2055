/**
 * Who may connect: an {@link dev.realtime.auth.Authenticator} turns a handshake into a {@link
 * dev.realtime.auth.Principal} or a refusal ({@link dev.realtime.auth.AuthResult}), and an {@link
 * dev.realtime.auth.OriginPolicy} says which page origins may open a socket. Both are given to a
 * hub's builder; a JWT authenticator lives in the {@code realtime-auth-jwt} module.
 */
package dev.realtime.auth;
