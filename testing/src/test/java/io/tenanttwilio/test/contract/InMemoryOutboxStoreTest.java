package io.tenanttwilio.test.contract;

import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.store.memory.InMemoryOutboxStore;

/** The outbox's in-memory store passes the kit every outbox store extends. */
class InMemoryOutboxStoreTest extends OutboxStoreContract {

    private final OutboxStore store = new InMemoryOutboxStore();

    @Override
    protected OutboxStore store() {
        return store;
    }
}
