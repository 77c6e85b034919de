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
    /** A path the simulator does not serve. */
    UNKNOWN
}
