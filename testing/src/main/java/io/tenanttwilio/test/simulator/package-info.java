/**
 * A stateful simulator of the Twilio REST API and of Twilio's signed webhooks, for tests and
 * local development: start it with {@link io.tenanttwilio.test.simulator.TwilioSimulator#start()}.
 *
 * <p>twilio-java cannot tell it from Twilio for the resources it covers: accounts and
 * subaccounts, API keys, balances, available and incoming phone numbers, messages with their
 * status callbacks, Messaging Services and applications, carrier registration (TrustHub, A2P 10DLC
 * brands and campaigns, toll-free verifications, addresses) with its Event Streams, with Twilio's
 * error codes, test credentials and magic numbers. {@link
 * io.tenanttwilio.test.simulator.RegistrationDesk} scripts the reviews of registrations.
 */
@NullMarked
package io.tenanttwilio.test.simulator;

import org.jspecify.annotations.NullMarked;
