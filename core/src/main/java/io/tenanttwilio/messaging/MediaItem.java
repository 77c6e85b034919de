package io.tenanttwilio.messaging;

import io.tenanttwilio.TenantTwilioClient;
import java.util.Objects;

/**
 * A media item of an MMS: where Twilio keeps it and its type. The SDK does not download it;
 * {@link TenantTwilioClient#fetchMedia(MediaItem, int)} does, with the tenant's credentials.
 * Immutable and thread-safe.
 *
 * @param url the media URL at Twilio
 * @param contentType its MIME type ({@code image/jpeg})
 */
public record MediaItem(String url, String contentType) {
    /**
     * A media item as Twilio described it.
     *
     * @param url the media URL at Twilio
     * @param contentType its MIME type ({@code image/jpeg})
     */
    public MediaItem {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
    }
}
