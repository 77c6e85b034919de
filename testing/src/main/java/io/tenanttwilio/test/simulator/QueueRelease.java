package io.tenanttwilio.test.simulator;

import java.time.Instant;

/**
 * A message leaving its sender's queue, with carrier pacing on (see {@link
 * TwilioSimulator#carrierPacing(boolean)}), or a scheduled message falling due: the moment Twilio
 * hands it to the carrier, when it becomes {@code sent}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sender the number that sends it, E.164
 * @param messageSid the message ({@code SM…} or {@code MM…})
 * @param sentAt when it left the queue, on the simulator's clock
 * @param segments how many segments it has; it takes as many of the sender's slots
 */
public record QueueRelease(String sender, String messageSid, Instant sentAt, int segments) {}
