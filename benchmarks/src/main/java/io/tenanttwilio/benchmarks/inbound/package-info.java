/**
 * The inbound pipeline over HTTP: signed webhooks POSTed over loopback to the webhook servlet in
 * an embedded Jetty, stored on H2 or PostgreSQL, at fixed offered loads (open loop) and at full
 * speed (closed loop), beside a hand-rolled servlet as the baseline. Run {@link
 * io.tenanttwilio.benchmarks.inbound.InboundLoad}.
 */
@NullMarked
package io.tenanttwilio.benchmarks.inbound;

import org.jspecify.annotations.NullMarked;
