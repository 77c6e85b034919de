package io.tenanttwilio.autoconfigure;

import java.util.Objects;

/**
 * tenant-twilio cannot start as configured; {@link TenantTwilioFailureAnalyzer} turns it into "what
 * is wrong / what to do" in the start-up report. Never carries a secret.
 *
 * <p>Immutable and thread-safe.
 */
public class TenantTwilioConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The misconfigurations the starter recognizes. Immutable and thread-safe. */
    public enum Problem {
        /** Numbers cannot be bought without the public URL Twilio calls back. */
        NO_PUBLIC_BASE_URL,
        /** The JDBC stores need an encryption key for the secrets. */
        NO_ENCRYPTION_KEY,
        /** An in-memory store would lose everything at restart in production. */
        IN_MEMORY_STORE_IN_PRODUCTION,
        /**
         * In production, the JDBC stores connect to PostgreSQL as a role that row-level security
         * does not apply to (a superuser or BYPASSRLS), so it would not keep tenants apart.
         */
        ROW_LEVEL_SECURITY_BYPASSED,
        /** The JDBC store was asked for but there is no DataSource. */
        NO_DATA_SOURCE,
        /** Simulator mode was asked for but tenant-twilio-test is not on the classpath. */
        NO_SIMULATOR,
        /**
         * A {@code tenant-twilio.outbox.*} property has a value the outbox's dispatcher cannot work
         * with (the description names the property).
         */
        INVALID_OUTBOX_SETTING
    }

    private final Problem problem;
    private final String action;

    /**
     * A configuration problem, described for the start-up report.
     *
     * @param problem which misconfiguration it is
     * @param description what is wrong, the exception's message; never a secret
     * @param action what to do about it
     */
    public TenantTwilioConfigurationException(Problem problem, String description, String action) {
        super(Objects.requireNonNull(description, "description"));
        this.problem = Objects.requireNonNull(problem, "problem");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** {@return which misconfiguration this is, for a program to tell them apart} */
    public Problem problem() {
        return problem;
    }

    /** {@return what to do about it, as shown under "Action" in the start-up report} */
    public String action() {
        return action;
    }
}
