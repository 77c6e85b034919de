/** Webhook signature verification against twilio-java's RequestValidator and a raw HMAC. */
@NullMarked
package io.tenanttwilio.benchmarks.signature;

import org.jspecify.annotations.NullMarked;
