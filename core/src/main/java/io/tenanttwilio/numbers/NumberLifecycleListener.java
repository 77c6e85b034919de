package io.tenanttwilio.numbers;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;

/**
 * Told about a number's lifecycle, to keep the application's own data in step: archive the
 * conversations of a number before it is released, notify staff when a number needs attention.
 * Called on the thread that made the change; implementations must be thread-safe and quick.
 */
public interface NumberLifecycleListener {

    /**
     * A number is about to be released: archive what belongs to it. An exception here stops the
     * release (nothing is released), so that conversations are never orphaned.
     *
     * @param tenant the tenant that owns the number
     * @param number the number about to be released
     */
    default void beforeRelease(TenantId tenant, PhoneNumber number) {}

    /**
     * A number's state changed. Exceptions here are logged and ignored.
     *
     * @param before the record before the change
     * @param after the record after the change, with its new state
     */
    default void stateChanged(NumberRecord before, NumberRecord after) {}
}
