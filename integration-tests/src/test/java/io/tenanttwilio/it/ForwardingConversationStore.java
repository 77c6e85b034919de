package io.tenanttwilio.it;

import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A conversation store that forwards to another, for tests to override one method. */
class ForwardingConversationStore implements ConversationStore {

    private final ConversationStore delegate;

    ForwardingConversationStore(ConversationStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Conversation openConversation(TenantId tenant, Contact contact, PhoneNumber ourNumber, Instant now) {
        return delegate.openConversation(tenant, contact, ourNumber, now);
    }

    @Override
    public Optional<Conversation> conversation(TenantId tenant, String conversationId) {
        return delegate.conversation(tenant, conversationId);
    }

    @Override
    public boolean insertMessage(SmsMessage message) {
        return delegate.insertMessage(message);
    }

    @Override
    public Optional<SmsMessage> replaceMessage(SmsMessage message) {
        return delegate.replaceMessage(message);
    }

    @Override
    public Optional<SmsMessage> updateStatus(
            TenantId tenant,
            String twilioSid,
            MessageStatus status,
            Integer errorCode,
            BigDecimal price,
            Integer segments,
            Instant now) {
        return delegate.updateStatus(tenant, twilioSid, status, errorCode, price, segments, now);
    }

    @Override
    public Optional<SmsMessage> findByTwilioSid(TenantId tenant, String twilioSid) {
        return delegate.findByTwilioSid(tenant, twilioSid);
    }

    @Override
    public Optional<SmsMessage> message(TenantId tenant, String messageId) {
        return delegate.message(tenant, messageId);
    }

    @Override
    public Page<Conversation> conversations(TenantId tenant, ConversationQuery query) {
        return delegate.conversations(tenant, query);
    }

    @Override
    public Page<SmsMessage> messages(TenantId tenant, MessageQuery query) {
        return delegate.messages(tenant, query);
    }

    @Override
    public void markRead(TenantId tenant, String conversationId) {
        delegate.markRead(tenant, conversationId);
    }

    @Override
    public void archive(TenantId tenant, String conversationId) {
        delegate.archive(tenant, conversationId);
    }

    @Override
    public int archiveAll(TenantId tenant, PhoneNumber ourNumber) {
        return delegate.archiveAll(tenant, ourNumber);
    }

    @Override
    public void setOptedOut(TenantId tenant, PhoneNumber contact, String sender, boolean optedOut, Instant at) {
        delegate.setOptedOut(tenant, contact, sender, optedOut, at);
    }

    @Override
    public boolean isOptedOut(TenantId tenant, PhoneNumber contact, String sender) {
        return delegate.isOptedOut(tenant, contact, sender);
    }

    @Override
    public io.tenanttwilio.spi.MessageUsage usage(TenantId tenant, Instant from, Instant to) {
        return delegate.usage(tenant, from, to);
    }

    @Override
    public java.util.List<SmsMessage> unsettled(TenantId tenant, Instant from, Instant to, int limit) {
        return delegate.unsettled(tenant, from, to, limit);
    }
}
