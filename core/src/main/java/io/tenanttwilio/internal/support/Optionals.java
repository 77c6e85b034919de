package io.tenanttwilio.internal.support;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** Between the API's {@link OptionalInt}s and the nullable columns and fields of the stores. */
public final class Optionals {

    private Optionals() {}

    /** The value, or {@code null} when empty. */
    public static @Nullable Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    /** {@code first} when present, else {@code second}. */
    public static OptionalInt or(OptionalInt first, OptionalInt second) {
        return first.isPresent() ? first : second;
    }
}
