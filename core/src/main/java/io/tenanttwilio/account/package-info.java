/**
 * A tenant's Twilio account: the credentials it connects with (Auth Token or API key) and the
 * account as Twilio describes it.
 */
@NullMarked
package io.tenanttwilio.account;

import org.jspecify.annotations.NullMarked;
