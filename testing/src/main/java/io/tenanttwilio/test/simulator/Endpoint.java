package io.tenanttwilio.test.simulator;

/**
 * The simulated API operations, for fault injection and for inspecting requests.
 *
 * <p>Immutable and thread-safe.
 */
public enum Endpoint {
    /** {@code GET Accounts/{Sid}.json}. */
    ACCOUNT_FETCH,
    /** {@code POST Accounts.json} (create a subaccount), {@code GET Accounts.json}, {@code POST Accounts/{Sid}.json}. */
    ACCOUNTS,
    /** {@code GET Accounts/{Sid}/Balance.json}. */
    BALANCE,
    /** {@code POST} and {@code GET} on {@code Keys}. */
    KEYS,
    /** {@code GET AvailablePhoneNumbers/{Country}/{Type}.json}. */
    AVAILABLE_NUMBERS,
    /** {@code POST IncomingPhoneNumbers.json}: buying a number. */
    NUMBER_PURCHASE,
    /** {@code GET IncomingPhoneNumbers.json} and {@code GET IncomingPhoneNumbers/{Sid}.json}. */
    NUMBER_READ,
    /** {@code POST IncomingPhoneNumbers/{Sid}.json}: changing a number's configuration. */
    NUMBER_UPDATE,
    /** {@code DELETE IncomingPhoneNumbers/{Sid}.json}: releasing a number. */
    NUMBER_RELEASE,
    /** {@code POST Messages.json}: sending a message. */
    MESSAGE_CREATE,
    /** {@code GET Messages.json}, {@code GET}, {@code POST} and {@code DELETE} on {@code Messages/{Sid}.json}. */
    MESSAGE_READ,
    /** {@code GET Usage/Records.json}: what the account was charged, by category and period. */
    USAGE,
    /** {@code Applications} resources. */
    APPLICATIONS,
    /** Messaging Services ({@code messaging.twilio.com/v1/Services}) and their phone numbers. */
    MESSAGING_SERVICES,
    /**
     * TrustHub ({@code trusthub.twilio.com/v1}): {@code CustomerProfiles}, {@code TrustProducts},
     * their entity assignments and evaluations, {@code EndUsers}, {@code SupportingDocuments}.
     */
    TRUSTHUB,
    /** {@code Addresses} of API 2010. */
    ADDRESSES,
    /** A2P brands: {@code messaging.twilio.com/v1/a2p/BrandRegistrations}. */
    BRAND_REGISTRATIONS,
    /**
     * A2P campaigns: {@code Services/{Sid}/Compliance/Usa2p} and its {@code Usecases}, and {@code
     * Services/Usecases}.
     */
    CAMPAIGNS,
    /** Toll-free verifications: {@code messaging.twilio.com/v1/Tollfree/Verifications}. */
    TOLLFREE_VERIFICATIONS,
    /** Event Streams sinks: {@code events.twilio.com/v1/Sinks}. */
    EVENT_SINKS,
    /** Event Streams subscriptions: {@code events.twilio.com/v1/Subscriptions}. */
    EVENT_SUBSCRIPTIONS,
    /** A path the simulator does not serve. */
    UNKNOWN
}
