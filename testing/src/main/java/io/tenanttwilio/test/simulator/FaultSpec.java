package io.tenanttwilio.test.simulator;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Describes a fault to inject on one {@link Endpoint}, then installs it with one of the terminal
 * methods ({@link #respondWithStatus(int)}, {@link #resetConnection()} …).
 *
 * <pre>{@code
 * // The purchase happens at Twilio, but the answer is lost in a 500.
 * simulator.fault(Endpoint.NUMBER_PURCHASE).afterProcessing().respondWithStatus(500);
 * // Every third send is refused with 429 and Retry-After: 1.
 * simulator.fault(Endpoint.MESSAGE_CREATE).ratio(0.33).tooManyRequests(Duration.ofSeconds(1));
 * // The next two sends of one tenant's account only are refused.
 * simulator.fault(Endpoint.MESSAGE_CREATE).forAccount(accountSid).times(2).tooManyRequests(Duration.ofSeconds(1));
 * }</pre>
 *
 * <p>For 429s on every endpoint of an account, see {@link TwilioSimulator#throttleNextRequests(String,
 * int, Duration)}.
 *
 * <p>Not thread-safe; installed faults are.
 */
public final class FaultSpec {

    /** What the client sees. */
    enum Kind {
        STATUS,
        TOO_MANY_REQUESTS,
        CONNECTION_RESET,
        EMPTY_BODY,
        HTML_BODY,
        DELAY
    }

    private final TwilioSimulator simulator;
    private final Endpoint endpoint;
    private boolean afterProcessing;
    private int times = 1;
    private double ratio = 1.0;
    private boolean writesOnly;
    private int skip;
    private Duration delay = Duration.ZERO;
    private @Nullable String accountSid;

    FaultSpec(TwilioSimulator simulator, Endpoint endpoint) {
        this.simulator = simulator;
        this.endpoint = endpoint;
    }

    /**
     * The request is carried out (a number bought, a message sent) before the fault replaces the
     * answer: the client cannot know it took effect. By default the fault comes first and nothing
     * happens.
     *
     * @return this description
     */
    public FaultSpec afterProcessing() {
        this.afterProcessing = true;
        return this;
    }

    /**
     * Applies only to the calls of one account: those whose path names it, or, for paths without
     * an account (Messaging Services, TrustHub …), whose credentials are its own, or one of its API
     * keys; by default the fault hits every account's calls.
     *
     * @param accountSid the account ({@code AC…})
     * @return this description
     */
    public FaultSpec forAccount(String accountSid) {
        this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
        return this;
    }

    /**
     * Applies only to calls that change something (POST, DELETE), not to reads: a client's
     * look-ups pass, its creations and updates are hit.
     *
     * @return this description
     */
    public FaultSpec writesOnly() {
        this.writesOnly = true;
        return this;
    }

    /**
     * Lets the next {@code n} matching calls through before the fault applies: with {@link
     * #writesOnly()}, {@code skipping(k)} hits the {@code k+1}-th change made on the endpoint, so
     * that a test can walk a fault along every step of a multi-step flow.
     *
     * @param n how many matching calls pass first, at least 0
     * @return this description
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public FaultSpec skipping(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("skipping must be at least 0");
        }
        this.skip = n;
        return this;
    }

    /**
     * Applies to the next {@code n} matching calls (default 1).
     *
     * @param n how many calls, at least 1
     * @return this description
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public FaultSpec times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        this.times = n;
        return this;
    }

    /**
     * Applies to every matching call until {@linkplain InjectedFault#cancel() cancelled}.
     *
     * @return this description
     */
    public FaultSpec always() {
        this.times = Integer.MAX_VALUE;
        return this;
    }

    /**
     * Applies to about this fraction of matching calls (seeded, so repeatable), until cancelled.
     *
     * @param fraction the fraction of calls hit, greater than 0 and at most 1
     * @return this description
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public FaultSpec ratio(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1]");
        }
        this.ratio = fraction;
        this.times = Integer.MAX_VALUE;
        return this;
    }

    /**
     * Also waits {@code delay} before answering.
     *
     * @param delay the wait before the fault's answer
     * @return this description
     */
    public FaultSpec withDelay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /**
     * Answers {@code status} with Twilio's JSON error body (20500 for 500, 20503 for 503 …).
     *
     * @param status the HTTP status answered
     * @return the fault, now active, to inspect or cancel
     */
    public InjectedFault respondWithStatus(int status) {
        return install(Kind.STATUS, status, Duration.ZERO);
    }

    /**
     * Answers 429 with code 20429 and a {@code Retry-After} header.
     *
     * @param retryAfter the {@code Retry-After} sent, rounded to seconds
     * @return the fault, now active, to inspect or cancel
     */
    public InjectedFault tooManyRequests(Duration retryAfter) {
        return install(Kind.TOO_MANY_REQUESTS, 429, retryAfter);
    }

    /**
     * Resets the connection without an answer.
     *
     * @return the fault, now active, to inspect or cancel
     */
    public InjectedFault resetConnection() {
        return install(Kind.CONNECTION_RESET, 0, Duration.ZERO);
    }

    /**
     * Answers {@code status} with an empty body.
     *
     * @param status the HTTP status answered
     * @return the fault, now active, to inspect or cancel
     */
    public InjectedFault emptyBody(int status) {
        return install(Kind.EMPTY_BODY, status, Duration.ZERO);
    }

    /**
     * Answers {@code status} with an HTML page, as a proxy in front of Twilio might.
     *
     * @param status the HTTP status answered
     * @return the fault, now active, to inspect or cancel
     */
    public InjectedFault htmlBody(int status) {
        return install(Kind.HTML_BODY, status, Duration.ZERO);
    }

    /**
     * Answers normally but only after {@code delay}: with {@link #afterProcessing()} and a delay
     * longer than the client's read timeout, the request took effect and the client timed out.
     *
     * @param delay the wait before the normal answer
     * @return the fault, now active, to inspect or cancel
     */
    public InjectedFault slowResponse(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
        return install(Kind.DELAY, 0, Duration.ZERO);
    }

    private InjectedFault install(Kind kind, int status, Duration retryAfter) {
        InjectedFault fault = new InjectedFault(
                endpoint, kind, status, retryAfter, delay, afterProcessing, times, ratio, writesOnly, skip, accountSid);
        simulator.install(fault);
        return fault;
    }
}
