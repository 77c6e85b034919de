/**
 * Carrier registration: what US and Canadian carriers require before a tenant's texts are delivered.
 * A2P 10DLC registration (business profile, A2P profile, brand, Messaging Service and campaign, the
 * tenant's numbers in that service) as a resumable saga that never pays for a second brand or
 * campaign; toll-free verification; the statuses followed to their end; and the check every send
 * makes first ("can this number text this recipient?").
 */
@NullMarked
package io.tenanttwilio.registration;

import org.jspecify.annotations.NullMarked;
