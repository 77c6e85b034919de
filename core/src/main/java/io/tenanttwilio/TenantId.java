package io.tenanttwilio;

import io.tenanttwilio.internal.text.Problems;
import java.util.Objects;

/**
 * The identifier of a tenant: the organization (a clinic, a clinic group) that owns Twilio
 * credentials, numbers, contacts and conversations.
 *
 * <p>An id is 1 to {@value #MAX_LENGTH} characters, not blank, without control characters and
 * without leading or trailing whitespace. It is compared exactly (case-sensitive).
 *
 * <pre>{@code
 * TenantId clinic = TenantId.of("clinique-a");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TenantId implements Comparable<TenantId> {

    /** The longest id accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    private final String value;

    private TenantId(String value) {
        this.value = value;
    }

    /**
     * Returns the tenant id for {@code value}.
     *
     * @param value the id, exactly as the application names the tenant
     * @return the tenant id
     * @throws TenantTwilioException with {@link ErrorCode#INVALID_TENANT_ID} when the value is
     *     blank, longer than {@value #MAX_LENGTH} characters, has surrounding whitespace or
     *     contains a control character
     */
    public static TenantId of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw invalid("blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid("too-long", MAX_LENGTH, value.length());
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            throw invalid("whitespace");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid("control-character", i + 1);
            }
        }
        return new TenantId(value);
    }

    private static TenantTwilioException invalid(String detail, Object... arguments) {
        return Problems.builder(ErrorCode.INVALID_TENANT_ID)
                .detail("tenant-id." + detail, arguments)
                .build();
    }

    /** {@return the id as given} */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TenantId && ((TenantId) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@return the id itself, so that it reads naturally in logs and messages} */
    @Override
    public String toString() {
        return value;
    }
}
