/**
 * The extension points of tenant-twilio: where credentials, numbers, conversations, contacts,
 * usage counters, tenant policies and audit events are kept, where alerts and metrics go, how
 * secrets are encrypted and how the current tenant is found. Built-in implementations are in
 * {@code io.tenanttwilio.store} (and {@code sink}, {@code crypto}, {@code resolver}).
 *
 * <p>Every interface here is small and must be implemented thread-safe. They evolve only by
 * adding {@code default} methods. Each method that changes state is shaped so that a database
 * implementation can do it in one atomic statement.
 */
@NullMarked
package io.tenanttwilio.spi;

import org.jspecify.annotations.NullMarked;
