package dev.realtime.examples.tours.inventory;

import java.time.Clock;

/** The in-memory inventory of one node, without Redis or sockets. */
class MemoryInventoryTest extends InventoryContract {
  @Override
  Inventory inventory() {
    return new MemoryInventory(CATALOG, Clock.systemUTC());
  }
}
