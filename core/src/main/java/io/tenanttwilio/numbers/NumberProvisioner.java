package io.tenanttwilio.numbers;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's self-service Twilio setup: check credentials, search numbers, buy one with its
 * webhook configured and verified, check and repair its setup later, release it — and, in managed
 * mode, create the tenant's own Twilio subaccount.
 *
 * <pre>{@code
 * NumberProvisioner numbers = tenantTwilio.provisioner();
 * AccountInfo account = numbers.validateCredentials(credentials);          // saves nothing
 * List<AvailableNumber> found = numbers.search(credentials, NumberSearch.builder("CA").areaCode("418").build());
 * PurchaseResult result = numbers.purchase(PurchaseRequest.builder(tenant, formToken)
 *         .number(found.get(0).phoneNumber())
 *         .credentials(credentials)
 *         .build());
 * if (result.isActive()) { … } else { result.manualInstructions().ifPresent(instructions -> show(instructions)); }
 * }</pre>
 *
 * <p>Every call that reaches Twilio uses the tenant's own credentials; every step is recorded in
 * the audit trail. Failures are {@link TenantTwilioException}s with a translated message.
 * Thread-safe.
 */
public interface NumberProvisioner {

    /**
     * Checks credentials against Twilio (fetches the account) and saves nothing.
     *
     * @param credentials the credentials to check
     * @return the account, as Twilio describes it
     * @throws TenantTwilioException {@link ErrorCode#INVALID_CREDENTIALS_FORMAT} before any call,
     *     {@link ErrorCode#INVALID_CREDENTIALS}, {@link ErrorCode#ACCOUNT_SUSPENDED}, {@link
     *     ErrorCode#ACCOUNT_CLOSED}, {@link ErrorCode#TWILIO_UNAVAILABLE}
     */
    AccountInfo validateCredentials(TwilioCredentials credentials);

    /**
     * Connects the tenant's Twilio account, or updates its credentials (a rotated Auth Token, a new
     * API key): checks them against Twilio first, then saves them. Audited as {@code
     * CREDENTIALS_SAVED}, or {@code CREDENTIALS_ROTATED} when they replace credentials of the same
     * account.
     *
     * @param tenant the tenant whose account it is
     * @param credentials the credentials to check and save
     * @param actor who did it, for the audit trail
     * @return the account, as Twilio describes it
     * @throws TenantTwilioException as {@link #validateCredentials}; {@link ErrorCode#INVALID_REQUEST}
     *     when the tenant's numbers belong to another account (release them first)
     */
    AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials, Actor actor);

    /**
     * Connects the tenant's Twilio account as {@link #saveCredentials(TenantId, TwilioCredentials,
     * Actor)} does, with the tenant resolver's current actor in the audit trail.
     *
     * @param tenant the tenant
     * @param credentials the credentials to check and save
     * @return the account, as Twilio describes it
     * @throws TenantTwilioException as {@link #saveCredentials(TenantId, TwilioCredentials, Actor)}
     */
    AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials);

    /**
     * Disconnects the tenant's Twilio account: its credentials are removed (audited).
     *
     * @param tenant the tenant to disconnect
     * @param actor who did it, for the audit trail ({@code null}: the resolver's current actor)
     * @return whether there were credentials
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} while the tenant still owns
     *     numbers (release them first: their webhooks are checked with these credentials)
     */
    boolean removeCredentials(TenantId tenant, Actor actor);

    /**
     * Disconnects the tenant's Twilio account as {@link #removeCredentials(TenantId, Actor)} does,
     * with the tenant resolver's current actor in the audit trail.
     *
     * @param tenant the tenant
     * @return whether there were credentials
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} while the tenant still owns
     *     numbers
     */
    boolean removeCredentials(TenantId tenant);

    /**
     * The stored tenant's account, as Twilio describes it now.
     *
     * @param tenant a tenant with stored credentials
     * @return the account: its status, type and balance
     * @throws TenantTwilioException {@link ErrorCode#UNKNOWN_TENANT} when the tenant has no
     *     credentials; the errors of {@link #validateCredentials} otherwise
     */
    AccountInfo account(TenantId tenant);

    /**
     * Numbers for sale, with the tenant's stored credentials. No match is an empty list.
     *
     * @param tenant a tenant with stored credentials
     * @param search what to look for
     * @return the numbers found, at most {@link NumberSearch#limit()}; empty when none matches
     * @throws TenantTwilioException {@link ErrorCode#UNKNOWN_TENANT} when the tenant has no
     *     credentials; the errors of Twilio's API otherwise
     */
    List<AvailableNumber> search(TenantId tenant, NumberSearch search);

    /**
     * Numbers for sale, with credentials not stored yet. No match is an empty list.
     *
     * @param credentials the credentials to search with; they are not saved
     * @param search what to look for
     * @return the numbers found, at most {@link NumberSearch#limit()}; empty when none matches
     * @throws TenantTwilioException the errors of {@link #validateCredentials} and of Twilio's API
     */
    List<AvailableNumber> search(TwilioCredentials credentials, NumberSearch search);

    /**
     * Buys a number, configures its webhook, saves the credentials (only now) and verifies the
     * setup. Idempotent per {@link PurchaseRequest#idempotencyKey()}: a call with the key of a
     * purchase that another call is still carrying out (a second click, another instance) neither
     * buys nor takes it over, and says so ({@link ErrorCode#PURCHASE_IN_PROGRESS}); once that
     * purchase has ended, the same call returns its result.
     *
     * @param request what to buy, for whom, under which idempotency key
     * @return how the purchase ended: the number active, needing attention, or released
     * @throws TenantTwilioException when nothing was bought by this call (no funds, number taken,
     *     trial limits, the purchase under way elsewhere …); when something was bought, the result
     *     says how it ended instead
     */
    PurchaseResult purchase(PurchaseRequest request);

    /**
     * Completes every purchase left unfinished (a crash, an unknown outcome); returns how each
     * ended.
     *
     * @return the results of the purchases completed, in no particular order; empty when none was
     *     unfinished
     */
    List<PurchaseResult> resumePending();

    /**
     * Checks the number's whole setup at Twilio.
     *
     * @param tenant the tenant that owns the number
     * @param number the number to check
     * @return one line per check
     * @throws TenantTwilioException {@link ErrorCode#NUMBER_NOT_OWNED} when the tenant has no such
     *     number
     */
    VerificationReport verify(TenantId tenant, PhoneNumber number);

    /**
     * Checks the setup and also sends a test message from the number to {@code testRecipient},
     * waiting (briefly) for it to be delivered.
     *
     * @param tenant the tenant that owns the number
     * @param number the number to check
     * @param testRecipient who receives the test message, or {@code null} to send none
     * @return one line per check, with {@link VerificationReport.Check#TEST_MESSAGE} when a message
     *     was sent
     * @throws TenantTwilioException {@link ErrorCode#NUMBER_NOT_OWNED} when the tenant has no such
     *     number
     */
    VerificationReport verify(TenantId tenant, PhoneNumber number, @Nullable PhoneNumber testRecipient);

    /**
     * Writes the configuration again where it drifted, then verifies.
     *
     * @param tenant the tenant that owns the number
     * @param number the number to repair
     * @return the verification after the repair
     * @throws TenantTwilioException {@link ErrorCode#NUMBER_NOT_OWNED} when the tenant has no such
     *     number; the errors of Twilio's API when the configuration cannot be written
     */
    VerificationReport repair(TenantId tenant, PhoneNumber number);

    /**
     * Releases the number: its conversations are archived first (through the listeners), then it
     * is released at Twilio (a number already gone there is only cleaned up locally) and its
     * routing removed.
     *
     * @param tenant the tenant that owns the number
     * @param number the number to release
     * @return how the release ended
     * @throws TenantTwilioException {@link ErrorCode#NUMBER_NOT_OWNED} when the tenant has no such
     *     number; the errors of Twilio's API when Twilio refused the release (the number then keeps
     *     its state)
     */
    ReleaseResult release(TenantId tenant, PhoneNumber number);

    /**
     * Links one of the tenant's Messaging Services (checked at Twilio to belong to the tenant's
     * account), so that the tenant can send through it and keyless webhooks carrying it are
     * routed to the tenant.
     *
     * @param tenant a tenant with stored credentials
     * @param messagingServiceSid the service's SID ({@code MG…})
     * @throws TenantTwilioException when the service does not belong to the tenant's account, or
     *     Twilio cannot be asked
     */
    void linkMessagingService(TenantId tenant, String messagingServiceSid);

    /**
     * Managed mode: creates a Twilio subaccount for the tenant under the platform's master
     * account, with an API key of its own, and stores its credentials.
     *
     * @param tenant the tenant the subaccount is for
     * @return the new subaccount, as Twilio describes it
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} without master
     *     credentials
     */
    AccountInfo createSubaccount(TenantId tenant);

    /**
     * Managed mode: closes the tenant's subaccount (Twilio releases its numbers), marks its
     * numbers released and removes its credentials.
     *
     * @param tenant the tenant whose subaccount is closed
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} without master
     *     credentials; the errors of Twilio's API when Twilio refused (nothing is changed locally
     *     then)
     */
    void closeSubaccount(TenantId tenant);
}
