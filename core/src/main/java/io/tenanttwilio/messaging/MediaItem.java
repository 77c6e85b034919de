package io.tenanttwilio.messaging;

import io.tenanttwilio.TenantTwilioClient;
import java.util.Objects;

/**
 * A media item of an MMS: where Twilio keeps it and its type. The SDK does not download it;
 * {@link TenantTwilioClient#fetchMedia(MediaItem, int)} does, with the tenant's credentials.
 * Immutable and thread-safe.
 */
public final class MediaItem {

    private final String url;
    private final String contentType;

    private MediaItem(String url, String contentType) {
        this.url = url;
        this.contentType = contentType;
    }

    /**
     * A media item as Twilio described it.
     *
     * @param url the media URL at Twilio
     * @param contentType its MIME type ({@code image/jpeg})
     * @return the media item
     * @throws IllegalArgumentException when {@code contentType} is not a MIME type ({@code
     *     type/subtype}), for example because the two arguments were swapped
     */
    public static MediaItem of(String url, String contentType) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
        int slash = contentType.indexOf('/');
        if (slash <= 0 || slash == contentType.length() - 1 || contentType.contains(":")) {
            throw new IllegalArgumentException("contentType must be a MIME type such as image/jpeg");
        }
        return new MediaItem(url, contentType);
    }

    /**
     * {@return the media URL at Twilio}
     */
    public String url() {
        return url;
    }

    /**
     * {@return its MIME type ({@code image/jpeg})}
     */
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MediaItem
                && ((MediaItem) other).url.equals(url)
                && ((MediaItem) other).contentType.equals(contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, contentType);
    }

    @Override
    public String toString() {
        return "MediaItem[" + contentType + "]";
    }
}
