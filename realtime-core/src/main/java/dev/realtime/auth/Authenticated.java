package dev.realtime.auth;

/** A connection whose principal an {@link AuthenticatingListener} established. */
public interface Authenticated {
  /** The principal, as of the last token refresh. */
  Principal principal();
}
