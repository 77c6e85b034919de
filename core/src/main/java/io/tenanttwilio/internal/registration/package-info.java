/**
 * The carrier registration's implementation: the A2P 10DLC saga (TrustHub profiles, brand,
 * Messaging Service, campaign, numbers), toll-free verifications, following statuses (polls and
 * Twilio's status events), and the check each send makes first.
 */
@NullMarked
package io.tenanttwilio.internal.registration;

import org.jspecify.annotations.NullMarked;
