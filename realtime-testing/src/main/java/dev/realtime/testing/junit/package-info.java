/**
 * JUnit 5 extensions for tests over real sockets: {@link dev.realtime.testing.junit.ServerExtension}
 * starts a server on port 0 around a test class (or each test) and gives its URLs.
 */
package dev.realtime.testing.junit;
