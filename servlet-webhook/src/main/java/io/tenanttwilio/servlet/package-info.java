/**
 * The servlet binding of tenant-twilio: {@link io.tenanttwilio.servlet.TwilioWebhookServlet} (and
 * {@link io.tenanttwilio.servlet.TwilioWebhookFilter}) hand Twilio's callbacks to the core's
 * framework-neutral {@link io.tenanttwilio.inbound.WebhookHandler} and write its answer.
 */
@NullMarked
package io.tenanttwilio.servlet;

import org.jspecify.annotations.NullMarked;
