/**
 * Where documents are kept between restarts: the {@link DocumentStore} interface a server
 * document loads from and writes through to (a snapshot plus the operations applied after it),
 * and {@link InMemoryDocumentStore}.
 */
package dev.realtime.ot.store;
