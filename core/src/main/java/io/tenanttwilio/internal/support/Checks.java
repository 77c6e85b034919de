package io.tenanttwilio.internal.support;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the public configuration types. */
public final class Checks {

    private Checks() {}

    /** {@code value}, refused when null or negative. */
    public static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }
}
