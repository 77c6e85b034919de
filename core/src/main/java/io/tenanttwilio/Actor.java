package io.tenanttwilio;

import java.util.Objects;

/**
 * Who did something, as the audit trail names them: a staff user ({@code
 * "marie@clinique-a.example"}), an operator, or a system ({@code "billing-job"}).
 *
 * <pre>{@code
 * twilio.provisioner().saveCredentials(tenant, credentials, Actor.of(principal.getName()));
 * }</pre>
 *
 * <p>Calls that take no actor use the {@link io.tenanttwilio.spi.TenantResolver}'s current actor.
 * Immutable and thread-safe.
 */
public final class Actor {

    private static final int MAX_LENGTH = 200;

    private final String name;

    private Actor(String name) {
        this.name = name;
    }

    /**
     * The actor called {@code name}: 1 to 200 characters, not blank.
     *
     * @param name a user's login, id or e-mail address, or a system's name
     * @return the actor
     * @throws IllegalArgumentException when {@code name} is blank or longer than 200 characters
     */
    public static Actor of(String name) {
        Objects.requireNonNull(name, "name");
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an actor's name has 1 to " + MAX_LENGTH + " characters");
        }
        return new Actor(trimmed);
    }

    /**
     * The actor's name, as written in the audit trail.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Actor && ((Actor) other).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
