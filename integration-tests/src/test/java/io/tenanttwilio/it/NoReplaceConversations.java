package io.tenanttwilio.it;

import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.spi.ConversationStore;
import java.util.Optional;

/** A conversation store that can fail to record that a message was accepted (the row stays pending). */
final class NoReplaceConversations extends ForwardingConversationStore {

    private volatile boolean fail;

    NoReplaceConversations(ConversationStore delegate) {
        super(delegate);
    }

    void failReplacing(boolean fail) {
        this.fail = fail;
    }

    @Override
    public Optional<SmsMessage> replaceMessage(SmsMessage message) {
        if (fail) {
            throw new IllegalStateException("connection reset by the database");
        }
        return super.replaceMessage(message);
    }
}
