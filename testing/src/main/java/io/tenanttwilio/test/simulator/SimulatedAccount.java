package io.tenanttwilio.test.simulator;

import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.test.leaks.LeakCanaries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A handle on a simulated Twilio account: its credentials, and levers a test pulls to put the
 * account in a state (trial, suspended, out of funds …). Reads are live.
 *
 * <p>{@link #toString()} leaves the auth token out. Thread-safe.
 */
public final class SimulatedAccount {

    private final TwilioSimulator simulator;
    private final SimulatorEngine engine;
    private final String sid;

    SimulatedAccount(TwilioSimulator simulator, SimulatorEngine engine, String sid) {
        this.simulator = simulator;
        this.engine = engine;
        this.sid = sid;
    }

    private SimState.Account state() {
        SimState.Account account = engine.accountsView().get(sid);
        if (account == null) {
            throw new IllegalStateException("Account " + sid + " no longer exists (the simulator was reset)");
        }
        return account;
    }

    /** {@return the Account SID ({@code AC…})} */
    public String sid() {
        return sid;
    }

    /** {@return the primary auth token; REST calls and webhook signatures use it} */
    public String authToken() {
        return engine.read(() -> state().authToken);
    }

    /** {@return the secondary auth token, during a rotation} */
    public Optional<String> secondaryAuthToken() {
        return Optional.ofNullable(engine.read(() -> state().secondaryAuthToken));
    }

    /**
     * Credentials for the SDK: this Account SID with its primary auth token.
     *
     * @return the account's SID and primary auth token
     */
    public TwilioCredentials credentials() {
        return TwilioCredentials.ofAuthToken(sid, authToken());
    }

    /**
     * Credentials for the SDK made of a new API key of this account (and its auth token for
     * signatures).
     *
     * @return credentials with a newly created API key
     */
    public TwilioCredentials apiKeyCredentials() {
        ApiKeyCredentials key = createApiKey("tenant-twilio");
        return TwilioCredentials.apiKey()
                .accountSid(sid)
                .apiKeySid(key.sid())
                .apiKeySecret(key.secret())
                .signingToken(authToken())
                .build();
    }

    /**
     * Creates an API key ({@code SK…}) of this account.
     *
     * @param friendlyName the key's name, as Twilio shows it
     * @return the key's SID and secret
     */
    public ApiKeyCredentials createApiKey(String friendlyName) {
        SimState.Key key = engine.createKey(state(), friendlyName);
        return new ApiKeyCredentials(key.sid, key.secret);
    }

    /** {@return this account's test credentials (magic numbers only)} */
    public TestCredentials testCredentials() {
        return engine.read(() -> new TestCredentials(state().testSid, state().testToken));
    }

    /** {@return the friendly name} */
    public String friendlyName() {
        return engine.read(() -> state().friendlyName);
    }

    /** {@return the account's status: {@code active}, {@code suspended} or {@code closed}} */
    public String status() {
        return engine.read(() -> state().status);
    }

    /** {@return the account's type: {@code Trial} or {@code Full}} */
    public String type() {
        return engine.read(() -> state().type);
    }

    /** {@return the parent account of a subaccount} */
    public Optional<String> ownerAccountSid() {
        return Optional.ofNullable(engine.read(() -> state().ownerSid));
    }

    /**
     * {@return the balance in USD; a subaccount's purchases and messages are paid by its parent}
     */
    public BigDecimal balance() {
        return engine.read(() -> engine.accountsView().get(state().billingSid()).balance);
    }

    /**
     * Sets the balance (of the parent, for a subaccount).
     *
     * @param balance the new balance, in USD
     * @return this account
     */
    public SimulatedAccount balance(BigDecimal balance) {
        Objects.requireNonNull(balance, "balance");
        engine.write(() -> engine.accountsView().get(state().billingSid()).balance = balance);
        return this;
    }

    /**
     * Makes it a trial account: one number, verified recipients only, prefixed bodies.
     *
     * @return this account
     */
    public SimulatedAccount trial() {
        engine.write(() -> state().type = "Trial");
        return this;
    }

    /**
     * Makes it a full (upgraded) account.
     *
     * @return this account
     */
    public SimulatedAccount upgrade() {
        engine.write(() -> state().type = "Full");
        return this;
    }

    /**
     * Suspends it: REST calls other than fetching the account fail with 20003.
     *
     * @return this account
     */
    public SimulatedAccount suspend() {
        engine.setStatus(state(), "suspended");
        return this;
    }

    /**
     * Reactivates a suspended account.
     *
     * @return this account
     */
    public SimulatedAccount activate() {
        engine.setStatus(state(), "active");
        return this;
    }

    /**
     * Closes it for good; its numbers are released.
     *
     * @return this account
     */
    public SimulatedAccount close() {
        engine.setStatus(state(), "closed");
        return this;
    }

    /**
     * Lets a trial account text {@code phoneNumber} (a verified caller id).
     *
     * @param phoneNumber the recipient, E.164
     * @return this account
     */
    public SimulatedAccount verifyCallerId(String phoneNumber) {
        engine.write(() -> state().verifiedCallerIds.add(phoneNumber));
        return this;
    }

    /**
     * Refuses sends to {@code isoCountry} with 21408, as Twilio's geographic permissions do.
     *
     * @param isoCountry the country's ISO 3166 code, such as {@code FR}
     * @return this account
     */
    public SimulatedAccount blockCountry(String isoCountry) {
        engine.write(() -> state().blockedCountries.add(isoCountry.toUpperCase(Locale.ROOT)));
        return this;
    }

    /**
     * Creates a secondary auth token; both tokens then authenticate, signatures use the primary.
     *
     * @return the new secondary token
     */
    public String createSecondaryAuthToken() {
        String token = simulator.nextToken();
        LeakCanaries.register(token);
        engine.write(() -> state().secondaryAuthToken = token);
        return token;
    }

    /**
     * Makes the secondary token the primary one; the old primary stops working.
     *
     * @return this account
     */
    public SimulatedAccount promoteSecondaryAuthToken() {
        engine.write(() -> {
            SimState.Account account = state();
            if (account.secondaryAuthToken == null) {
                throw new IllegalStateException("No secondary auth token to promote");
            }
            account.authToken = account.secondaryAuthToken;
            account.secondaryAuthToken = null;
        });
        return this;
    }

    /**
     * Creates a subaccount of this account, as {@code POST Accounts.json} does.
     *
     * @param friendlyName the subaccount's name, as Twilio shows it
     * @return the new subaccount
     */
    public SimulatedAccount createSubaccount(String friendlyName) {
        SimState.Account sub = engine.createAccount(sid, friendlyName);
        return new SimulatedAccount(simulator, engine, sub.sid);
    }

    /**
     * Buys {@code phoneNumber} from the inventory for this account, without webhook configuration.
     *
     * @param phoneNumber a number for sale, E.164
     * @return the number bought
     */
    public SimulatedNumber buyNumber(String phoneNumber) {
        InventoryNumber number = simulator
                .inventoryNumber(phoneNumber)
                .orElseThrow(() -> new IllegalArgumentException(phoneNumber + " is not in the inventory"));
        return engine.buyDirectly(state(), number).snapshot();
    }

    /**
     * Creates a Messaging Service of this account.
     *
     * @param friendlyName the service's name, as Twilio shows it
     * @param inboundRequestUrl where the service posts inbound messages, or {@code null} for none
     * @return the service's SID ({@code MG…})
     */
    public String createMessagingService(String friendlyName, @Nullable String inboundRequestUrl) {
        SimState.Service service = engine.createService(state(), friendlyName);
        if (inboundRequestUrl != null) {
            engine.configureService(service.sid, s -> s.inboundRequestUrl = inboundRequestUrl);
        }
        return service.sid;
    }

    /**
     * Creates an application (a TwiML app) whose SMS URL is {@code smsUrl}.
     *
     * @param friendlyName the application's name, as Twilio shows it
     * @param smsUrl where the application posts inbound messages
     * @return the application's SID ({@code AP…})
     */
    public String createApplication(String friendlyName, String smsUrl) {
        return engine.createApplication(state(), friendlyName, smsUrl).sid;
    }

    /** {@return the numbers this account owns, now} */
    public List<SimulatedNumber> numbers() {
        return engine.read(() -> {
            List<SimulatedNumber> result = new ArrayList<>();
            for (SimState.Number number : engine.numbersView().values()) {
                if (number.accountSid.equals(sid)) {
                    result.add(number.snapshot());
                }
            }
            return result;
        });
    }

    /** {@return the messages of this account, oldest first} */
    public List<SimulatedMessage> messages() {
        return engine.read(() -> {
            List<SimulatedMessage> result = new ArrayList<>();
            for (SimState.Message message : engine.messagesView().values()) {
                if (message.accountSid.equals(sid)) {
                    result.add(message.snapshot());
                }
            }
            return result;
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimulatedAccount && ((SimulatedAccount) other).sid.equals(sid);
    }

    @Override
    public int hashCode() {
        return sid.hashCode();
    }

    @Override
    public String toString() {
        return "SimulatedAccount[" + sid + ", authToken=[redacted]]";
    }
}
