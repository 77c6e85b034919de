/**
 * The outbox's implementation: scheduling with its checks ({@code DefaultOutbox}), the
 * dispatcher that claims, paces and sends ({@code Dispatcher}), and what resolves a message whose
 * instance died while sending it ({@code InDoubt}). Not API.
 */
@NullMarked
package io.tenanttwilio.internal.outbox;

import org.jspecify.annotations.NullMarked;
