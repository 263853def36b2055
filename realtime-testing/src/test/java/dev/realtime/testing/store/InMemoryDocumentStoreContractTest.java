package dev.realtime.testing.store;

import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.InMemoryDocumentStore;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;

/** The document store contract on the in-memory store (the Redis store runs the same suite). */
class InMemoryDocumentStoreContractTest extends DocumentStoreContract {
  @Override
  protected DocumentStore<String, TextOperation> newStore(int logLimit) {
    return new InMemoryDocumentStore<>(PlainText.INSTANCE, logLimit);
  }
}
