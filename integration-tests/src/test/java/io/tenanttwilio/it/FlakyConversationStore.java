package io.tenanttwilio.it;

import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.store.memory.InMemoryConversationStore;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory conversation store whose next inserts fail, as a database that went away. */
final class FlakyConversationStore extends ForwardingConversationStore {

    private final AtomicInteger failures = new AtomicInteger();

    FlakyConversationStore() {
        super(new InMemoryConversationStore());
    }

    void failNextInserts(int count) {
        failures.set(count);
    }

    @Override
    public boolean insertMessage(SmsMessage message) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("connection reset by the database");
        }
        return super.insertMessage(message);
    }
}
