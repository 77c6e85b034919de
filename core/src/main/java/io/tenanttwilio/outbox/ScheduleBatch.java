package io.tenanttwilio.outbox;

import io.tenanttwilio.TenantTwilioException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of each message of a batch, in the order given: scheduled (now or before, under the
 * same client key) or refused with the reason. Immutable and thread-safe.
 */
public final class ScheduleBatch {

    /** The most messages one batch takes. */
    public static final int MAX_SIZE = 10_000;

    private final List<Item> items;

    private ScheduleBatch(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /**
     * A batch's outcome.
     *
     * @param items one per request, in order
     * @return the outcome
     */
    public static ScheduleBatch of(List<Item> items) {
        return new ScheduleBatch(items);
    }

    /** {@return one item per request, in the order given} */
    public List<Item> items() {
        return items;
    }

    /** {@return how many were scheduled (including those already scheduled before)} */
    public int scheduled() {
        return (int) items.stream().filter(item -> item.message().isPresent()).count();
    }

    /** {@return how many were refused} */
    public int refused() {
        return items.size() - scheduled();
    }

    @Override
    public String toString() {
        return "ScheduleBatch[" + scheduled() + " scheduled, " + refused() + " refused]";
    }

    /** What became of one request. Immutable and thread-safe. */
    public static final class Item {
        private final int index;
        private final String clientKey;
        private final @Nullable ScheduledMessage message;
        private final boolean existing;
        private final @Nullable TenantTwilioException error;

        private Item(
                int index,
                String clientKey,
                @Nullable ScheduledMessage message,
                boolean existing,
                @Nullable TenantTwilioException error) {
            this.index = index;
            this.clientKey = Objects.requireNonNull(clientKey, "clientKey");
            this.message = message;
            this.existing = existing;
            this.error = error;
        }

        /**
         * A scheduled request.
         *
         * @param index its position in the batch, from 0
         * @param message the message as stored
         * @param existing whether it was already scheduled before this batch
         * @return the item
         */
        public static Item scheduled(int index, ScheduledMessage message, boolean existing) {
            return new Item(index, message.clientKey(), message, existing, null);
        }

        /**
         * A refused request.
         *
         * @param index its position in the batch, from 0
         * @param clientKey its client key
         * @param error why it was refused
         * @return the item
         */
        public static Item refused(int index, String clientKey, TenantTwilioException error) {
            return new Item(index, clientKey, null, false, Objects.requireNonNull(error, "error"));
        }

        /** {@return its position in the batch, from 0} */
        public int index() {
            return index;
        }

        /** {@return its client key} */
        public String clientKey() {
            return clientKey;
        }

        /** {@return the message as stored; empty if refused} */
        public Optional<ScheduledMessage> message() {
            return Optional.ofNullable(message);
        }

        /** {@return whether it was already scheduled under this key before the batch} */
        public boolean wasAlreadyScheduled() {
            return existing;
        }

        /** {@return why it was refused; empty if scheduled} */
        public Optional<TenantTwilioException> error() {
            return Optional.ofNullable(error);
        }

        @Override
        public String toString() {
            return "Item[" + index + ", "
                    + (error == null ? "scheduled" : error.errorCode().name()) + "]";
        }
    }
}
