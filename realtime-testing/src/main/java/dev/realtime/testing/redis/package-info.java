/**
 * Real Redis for tests: a {@code redis-server} process a test can stop, restart, pause and kill,
 * a local three-master cluster, and the JUnit 5 extension that runs them.
 */
package dev.realtime.testing.redis;
