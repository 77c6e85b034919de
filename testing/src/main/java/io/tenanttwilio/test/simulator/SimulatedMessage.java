package io.tenanttwilio.test.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a message the simulator knows: sent through the API, or received by one of its
 * numbers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sid {@code SM…} or {@code MM…}
 * @param accountSid the owner
 * @param direction {@code inbound}, {@code outbound-api} or {@code outbound-reply}
 * @param from the sender
 * @param to the recipient
 * @param body the text
 * @param mediaUrls the media, in order
 * @param status the current status
 * @param errorCode the error code of an undelivered or failed message
 * @param numSegments the segments
 * @param price the price (negative, USD), once known
 * @param messagingServiceSid the Messaging Service, if one was used
 * @param statusCallback the status callback URL, if any
 * @param dateCreated when it was created
 * @param sentAt when it was sent: when it left its sender's queue (with {@linkplain
 *     TwilioSimulator#carrierPacing(boolean) carrier pacing}, or when its {@code SendAt} came), else
 *     when it became {@code sent}; {@code null} while it waits, and for a message never sent
 */
public record SimulatedMessage(
        String sid,
        String accountSid,
        String direction,
        String from,
        String to,
        String body,
        List<String> mediaUrls,
        String status,
        @Nullable Integer errorCode,
        int numSegments,
        @Nullable BigDecimal price,
        @Nullable String messagingServiceSid,
        @Nullable String statusCallback,
        Instant dateCreated,
        @Nullable Instant sentAt) {}
