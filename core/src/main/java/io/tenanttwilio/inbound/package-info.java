/**
 * Twilio's callbacks, framework-neutral: the request and answer of a webhook, the handler that
 * routes, verifies and stores them, and the listeners an application registers to hear of new
 * messages and delivery reports.
 */
@NullMarked
package io.tenanttwilio.inbound;

import org.jspecify.annotations.NullMarked;
