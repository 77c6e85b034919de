/**
 * Outbound sends through the SDK's cached per-tenant clients against twilio-java clients made per
 * send or kept per tenant, against the simulator. Run {@link
 * io.tenanttwilio.benchmarks.outbound.OutboundLoad}.
 */
@NullMarked
package io.tenanttwilio.benchmarks.outbound;

import org.jspecify.annotations.NullMarked;
