package io.tenanttwilio.internal.numbers;

import com.twilio.base.Page;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.LocalReader;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Mobile;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.MobileReader;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFreeReader;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.type.PhoneNumberCapabilities;
import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.AvailableNumber;
import io.tenanttwilio.numbers.FailurePolicy;
import io.tenanttwilio.numbers.ManualInstructions;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberSearch;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.NumberType;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.numbers.PurchaseStep;
import io.tenanttwilio.numbers.ReleaseResult;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.numbers.VerificationReport.Line;
import io.tenanttwilio.numbers.VerificationReport.Status;
import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link NumberProvisioner} on twilio-java, the registry and the credential store. */
public final class DefaultNumberProvisioner implements NumberProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(NumberProvisioner.class);
    private static final int CONFIGURE_ATTEMPTS = 3;
    private static final Duration CONFIGURE_PAUSE = Duration.ofMillis(200);
    private static final Duration RESUME_GRACE = Duration.ofMinutes(2);
    private static final Duration TEST_MESSAGE_WAIT = Duration.ofSeconds(10);

    private final TwilioClients clients;
    private final CredentialStore credentialStore;
    private final NumberRegistry registry;
    private final ConversationStore conversations;
    private final Auditor audit;
    private final Clock clock;
    private final TenantTwilio.Settings settings;
    private final @Nullable TwilioCredentials masterCredentials;
    private final List<NumberLifecycleListener> listeners;
    private final Guardrails guardrails;
    private final SdkMetrics metrics;

    public DefaultNumberProvisioner(
            TwilioClients clients,
            CredentialStore credentialStore,
            NumberRegistry registry,
            ConversationStore conversations,
            Auditor audit,
            Clock clock,
            TenantTwilio.Settings settings,
            @Nullable TwilioCredentials masterCredentials,
            List<NumberLifecycleListener> listeners,
            Guardrails guardrails,
            SdkMetrics metrics) {
        this.clients = clients;
        this.credentialStore = credentialStore;
        this.registry = registry;
        this.conversations = conversations;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.masterCredentials = masterCredentials;
        this.listeners = listeners;
        this.guardrails = guardrails;
        this.metrics = metrics;
    }

    // ---------------------------------------------------------------------------------------------
    // Credentials and accounts

    @Override
    public AccountInfo validateCredentials(TwilioCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        try {
            AccountInfo info = accountInfo(null, clients.forCredentials(credentials), credentials.accountSid());
            requireUsable(null, info);
            audit.success(
                    AuditAction.CREDENTIALS_VALIDATED,
                    null,
                    null,
                    e -> e.detail("accountSid", info.accountSid())
                            .detail("type", info.type())
                            .twilioRequestId(TwilioCalls.lastRequestId()));
            return info;
        } catch (TenantTwilioException e) {
            audit.failure(
                    AuditAction.CREDENTIALS_VALIDATED,
                    null,
                    null,
                    e,
                    event -> event.detail("accountSid", credentials.accountSid()));
            throw e;
        }
    }

    @Override
    public AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials, Actor actor) {
        return saveCredentials(
                tenant, credentials, Objects.requireNonNull(actor, "actor").name());
    }

    @Override
    public AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials) {
        return saveCredentials(tenant, credentials, (String) null);
    }

    private AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials, @Nullable String actor) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(credentials, "credentials");
        Optional<TwilioCredentials> before = storedCredentials(tenant);
        boolean sameAccount =
                before.map(c -> c.accountSid().equals(credentials.accountSid())).orElse(false);
        AccountInfo info;
        try {
            if (before.isPresent() && !sameAccount && numbersBesides(tenant, "") > 0) {
                // The numbers belong to the old account: their webhooks are checked with its token.
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .tenant(tenant)
                        .detail("credentials.other-account")
                        .build();
            }
            info = accountInfo(tenant, clients.forCredentials(credentials), credentials.accountSid());
            requireUsable(tenant, info);
        } catch (TenantTwilioException e) {
            audit.failure(
                    sameAccount ? AuditAction.CREDENTIALS_ROTATED : AuditAction.CREDENTIALS_SAVED,
                    tenant,
                    actor,
                    e,
                    event -> event.detail("accountSid", credentials.accountSid()));
            throw e;
        }
        storage(() -> {
            credentialStore.save(tenant, credentials);
            return null;
        });
        clients.invalidate(tenant);
        audit.success(
                sameAccount ? AuditAction.CREDENTIALS_ROTATED : AuditAction.CREDENTIALS_SAVED,
                tenant,
                actor,
                event -> event.detail("accountSid", credentials.accountSid())
                        .detail("kind", credentials.kind())
                        .twilioRequestId(TwilioCalls.lastRequestId()));
        return info;
    }

    @Override
    public boolean removeCredentials(TenantId tenant, Actor actor) {
        return removeCredentials(tenant, Objects.requireNonNull(actor, "actor").name());
    }

    @Override
    public boolean removeCredentials(TenantId tenant) {
        return removeCredentials(tenant, (String) null);
    }

    private boolean removeCredentials(TenantId tenant, @Nullable String actor) {
        Objects.requireNonNull(tenant, "tenant");
        if (numbersBesides(tenant, "") > 0) {
            TenantTwilioException refused = Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("credentials.numbers-owned")
                    .build();
            audit.failure(AuditAction.CREDENTIALS_REMOVED, tenant, actor, refused, event -> {});
            throw refused;
        }
        boolean removed = storage(() -> credentialStore.remove(tenant));
        clients.invalidate(tenant);
        if (removed) {
            audit.success(AuditAction.CREDENTIALS_REMOVED, tenant, actor, event -> {});
        }
        return removed;
    }

    @Override
    public AccountInfo account(TenantId tenant) {
        return accountInfo(
                tenant, clients.forTenant(tenant), clients.credentials(tenant).accountSid());
    }

    private AccountInfo accountInfo(@Nullable TenantId tenant, TwilioRestClient client, String accountSid) {
        Account account = TwilioCalls.call(
                tenant, Operation.READ, () -> Account.fetcher(accountSid).fetch(client));
        BigDecimal balance = null;
        String currency = null;
        try {
            Balance fetched = TwilioCalls.call(
                    tenant, Operation.READ, () -> Balance.fetcher(accountSid).fetch(client));
            balance = fetched.getBalance() == null ? null : new BigDecimal(fetched.getBalance());
            currency = fetched.getCurrency();
        } catch (TenantTwilioException | NumberFormatException e) {
            // Subaccounts have no balance of their own; the balance is optional here.
        }
        return new AccountInfo(
                account.getSid(),
                account.getFriendlyName() == null ? "" : account.getFriendlyName(),
                account.getStatus() == Account.Status.SUSPENDED
                        ? AccountInfo.Status.SUSPENDED
                        : account.getStatus() == Account.Status.CLOSED
                                ? AccountInfo.Status.CLOSED
                                : AccountInfo.Status.ACTIVE,
                account.getType() == Account.Type.TRIAL ? AccountInfo.Type.TRIAL : AccountInfo.Type.FULL,
                account.getOwnerAccountSid(),
                balance,
                currency);
    }

    private static void requireUsable(@Nullable TenantId tenant, AccountInfo info) {
        if (info.status() == AccountInfo.Status.SUSPENDED) {
            throw Problems.builder(ErrorCode.ACCOUNT_SUSPENDED).tenant(tenant).build();
        }
        if (info.status() == AccountInfo.Status.CLOSED) {
            throw Problems.builder(ErrorCode.ACCOUNT_CLOSED).tenant(tenant).build();
        }
    }

    /** A refused credential may be a suspended or closed account: ask Twilio which. */
    private TenantTwilioException refined(
            TenantTwilioException e, TenantId tenant, TwilioRestClient client, String accountSid) {
        if (e.errorCode() != ErrorCode.INVALID_CREDENTIALS) {
            return e;
        }
        try {
            AccountInfo info = accountInfo(tenant, client, accountSid);
            if (info.status() != AccountInfo.Status.ACTIVE) {
                return Problems.builder(
                                info.status() == AccountInfo.Status.SUSPENDED
                                        ? ErrorCode.ACCOUNT_SUSPENDED
                                        : ErrorCode.ACCOUNT_CLOSED)
                        .tenant(tenant)
                        .twilioError(
                                e.twilioErrorCode().isPresent()
                                        ? e.twilioErrorCode().getAsInt()
                                        : null,
                                e.twilioRequestId().orElse(null))
                        .build();
            }
        } catch (TenantTwilioException ignored) {
            // The credentials are refused altogether: the original error says so.
        }
        return e;
    }

    // ---------------------------------------------------------------------------------------------
    // Search

    @Override
    public List<AvailableNumber> search(TenantId tenant, NumberSearch search) {
        return search(tenant, clients.forTenant(tenant), search);
    }

    @Override
    public List<AvailableNumber> search(TwilioCredentials credentials, NumberSearch search) {
        return search(null, clients.forCredentials(credentials), search);
    }

    private List<AvailableNumber> search(@Nullable TenantId tenant, TwilioRestClient client, NumberSearch search) {
        Objects.requireNonNull(search, "search");
        boolean nanp = search.country().equals("US") || search.country().equals("CA");
        String contains = containsPattern(search, nanp);
        int pageSize = search.startsWith().isPresent() || search.endsWith().isPresent()
                ? Math.min(50, search.limit() * 5)
                : search.limit();
        List<AvailableNumber> found;
        try {
            found = TwilioCalls.call(tenant, Operation.READ, () -> fetchAvailable(client, search, contains, pageSize));
        } catch (TenantTwilioException e) {
            audit.failure(AuditAction.NUMBERS_SEARCHED, tenant, null, e, event -> event.detail("search", search));
            throw e;
        }
        List<AvailableNumber> result = new ArrayList<>();
        for (AvailableNumber number : found) {
            String national = nationalDigits(number.phoneNumber());
            if (search.startsWith().map(national::startsWith).orElse(true)
                    && search.endsWith()
                            .map(number.phoneNumber().e164()::endsWith)
                            .orElse(true)) {
                result.add(number);
            }
            if (result.size() == search.limit()) {
                break;
            }
        }
        audit.success(
                AuditAction.NUMBERS_SEARCHED,
                tenant,
                null,
                event -> event.detail("search", search).detail("found", result.size()));
        return result;
    }

    /**
     * Twilio's {@code Contains}: digits anywhere, {@code *} for any digit. For North American
     * numbers a full ten-character pattern anchors "starts with" and "ends with"; the results are
     * filtered again here either way.
     */
    private static @Nullable String containsPattern(NumberSearch search, boolean nanp) {
        if (search.contains().isPresent()) {
            return search.contains().get();
        }
        if (search.startsWith().isPresent()) {
            String digits = search.startsWith().get();
            if (nanp && digits.length() <= 10) {
                return digits + "*".repeat(10 - digits.length());
            }
            return digits.length() >= 2 ? digits : null;
        }
        if (search.endsWith().isPresent()) {
            String digits = search.endsWith().get();
            if (nanp && digits.length() <= 10) {
                return "*".repeat(10 - digits.length()) + digits;
            }
            return digits.length() >= 2 ? digits : null;
        }
        return null;
    }

    private static List<AvailableNumber> fetchAvailable(
            TwilioRestClient client, NumberSearch search, @Nullable String contains, int pageSize) {
        List<AvailableNumber> result = new ArrayList<>();
        Integer areaCode = search.areaCode().map(Integer::valueOf).orElse(null);
        switch (search.type()) {
            case TOLL_FREE: {
                TollFreeReader reader = TollFree.reader(search.country()).setPageSize((long) pageSize);
                if (areaCode != null) {
                    reader.setAreaCode(areaCode);
                }
                search.locality().ifPresent(reader::setInLocality);
                search.region().ifPresent(reader::setInRegion);
                search.postalCode().ifPresent(reader::setInPostalCode);
                search.smsEnabled().ifPresent(reader::setSmsEnabled);
                search.mmsEnabled().ifPresent(reader::setMmsEnabled);
                search.voiceEnabled().ifPresent(reader::setVoiceEnabled);
                if (contains != null) {
                    reader.setContains(contains);
                }
                Page<TollFree> page = reader.firstPage(client);
                for (TollFree n : page.getRecords()) {
                    add(
                            result,
                            n.getPhoneNumber(),
                            n.getFriendlyName(),
                            n.getIsoCountry(),
                            NumberType.TOLL_FREE,
                            n.getLocality(),
                            n.getRegion(),
                            n.getPostalCode(),
                            n.getCapabilities(),
                            n.getAddressRequirements());
                }
                break;
            }
            case MOBILE: {
                MobileReader reader = Mobile.reader(search.country()).setPageSize((long) pageSize);
                if (areaCode != null) {
                    reader.setAreaCode(areaCode);
                }
                search.locality().ifPresent(reader::setInLocality);
                search.region().ifPresent(reader::setInRegion);
                search.postalCode().ifPresent(reader::setInPostalCode);
                search.smsEnabled().ifPresent(reader::setSmsEnabled);
                search.mmsEnabled().ifPresent(reader::setMmsEnabled);
                search.voiceEnabled().ifPresent(reader::setVoiceEnabled);
                if (contains != null) {
                    reader.setContains(contains);
                }
                Page<Mobile> page = reader.firstPage(client);
                for (Mobile n : page.getRecords()) {
                    add(
                            result,
                            n.getPhoneNumber(),
                            n.getFriendlyName(),
                            n.getIsoCountry(),
                            NumberType.MOBILE,
                            n.getLocality(),
                            n.getRegion(),
                            n.getPostalCode(),
                            n.getCapabilities(),
                            n.getAddressRequirements());
                }
                break;
            }
            default: {
                LocalReader reader = Local.reader(search.country()).setPageSize((long) pageSize);
                if (areaCode != null) {
                    reader.setAreaCode(areaCode);
                }
                search.locality().ifPresent(reader::setInLocality);
                search.region().ifPresent(reader::setInRegion);
                search.postalCode().ifPresent(reader::setInPostalCode);
                search.smsEnabled().ifPresent(reader::setSmsEnabled);
                search.mmsEnabled().ifPresent(reader::setMmsEnabled);
                search.voiceEnabled().ifPresent(reader::setVoiceEnabled);
                if (contains != null) {
                    reader.setContains(contains);
                }
                Page<Local> page = reader.firstPage(client);
                for (Local n : page.getRecords()) {
                    add(
                            result,
                            n.getPhoneNumber(),
                            n.getFriendlyName(),
                            n.getIsoCountry(),
                            NumberType.LOCAL,
                            n.getLocality(),
                            n.getRegion(),
                            n.getPostalCode(),
                            n.getCapabilities(),
                            n.getAddressRequirements());
                }
            }
        }
        return result;
    }

    private static void add(
            List<AvailableNumber> result,
            com.twilio.type.@Nullable PhoneNumber number,
            com.twilio.type.@Nullable PhoneNumber friendlyName,
            @Nullable String isoCountry,
            NumberType type,
            @Nullable String locality,
            @Nullable String region,
            @Nullable String postalCode,
            @Nullable PhoneNumberCapabilities capabilities,
            @Nullable String addressRequirements) {
        if (number == null) {
            return;
        }
        PhoneNumber parsed;
        try {
            parsed = PhoneNumber.ofE164(number.getEndpoint());
        } catch (InvalidPhoneNumberException e) {
            return;
        }
        result.add(new AvailableNumber(
                parsed,
                friendlyName == null ? parsed.nationalFormat() : friendlyName.getEndpoint(),
                isoCountry == null ? parsed.regionCode() : isoCountry,
                type,
                locality,
                region,
                postalCode,
                capabilities != null && Boolean.TRUE.equals(capabilities.getSms()),
                capabilities != null && Boolean.TRUE.equals(capabilities.getMms()),
                capabilities != null && Boolean.TRUE.equals(capabilities.getVoice()),
                addressRequirement(addressRequirements)));
    }

    private static AvailableNumber.AddressRequirement addressRequirement(@Nullable String value) {
        if (value == null) {
            return AvailableNumber.AddressRequirement.NONE;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "any":
                return AvailableNumber.AddressRequirement.ANY;
            case "local":
                return AvailableNumber.AddressRequirement.LOCAL;
            case "foreign":
                return AvailableNumber.AddressRequirement.FOREIGN;
            default:
                return AvailableNumber.AddressRequirement.NONE;
        }
    }

    private static String nationalDigits(PhoneNumber number) {
        String e164 = number.e164();
        return e164.substring(1 + String.valueOf(number.countryCode()).length());
    }

    // ---------------------------------------------------------------------------------------------
    // Purchase

    @Override
    public PurchaseResult purchase(PurchaseRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            PurchaseResult result = purchaseOnce(request);
            metrics.purchase(request.tenant(), result.record().state().name().toLowerCase(Locale.ROOT));
            return result;
        } catch (TenantTwilioException e) {
            metrics.purchase(request.tenant(), e.errorCode().name());
            throw e;
        }
    }

    private PurchaseResult purchaseOnce(PurchaseRequest request) {
        TenantId tenant = request.tenant();
        URI base = settings.publicBaseUrl()
                .orElseThrow(() -> Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                        .tenant(tenant)
                        .detail("config.no-public-base-url")
                        .build());
        String actor = request.actor().map(Actor::name).orElse(null);
        Optional<TwilioCredentials> stored = storedCredentials(tenant);
        TwilioCredentials credentials = request.credentials()
                .or(() -> stored)
                .orElseThrow(() -> Problems.builder(ErrorCode.UNKNOWN_TENANT)
                        .tenant(tenant)
                        .build());
        boolean saveCredentials =
                stored.map(current -> !current.equals(credentials)).orElse(true);
        TwilioRestClient client =
                request.credentials().isPresent() ? clients.forCredentials(credentials) : clients.forTenant(tenant);
        List<PurchaseStep> steps = new ArrayList<>();

        NumberRecord record = storage(() -> registry.findByPurchaseKey(tenant, request.idempotencyKey()))
                .orElse(null);
        if (record != null && !record.requested().equals(request.requested())) {
            throw Problems.builder(ErrorCode.IDEMPOTENCY_CONFLICT)
                    .tenant(tenant)
                    .build();
        }
        if (record != null && !record.state().isPending() && record.state() != NumberState.FAILED) {
            steps.add(new PurchaseStep(PurchaseStep.Step.BUY, PurchaseStep.Outcome.ALREADY_DONE, null, null));
            return new PurchaseResult(record, steps, null, instructionsFor(record));
        }
        if (record != null) {
            requireNotUnderWay(record);
        }
        if (record == null || record.state() == NumberState.FAILED) {
            // Nothing bought yet under this key: check the credentials first, so that nothing
            // is recorded or saved with credentials that do not work.
            try {
                requireUsable(tenant, accountInfo(tenant, client, credentials.accountSid()));
                steps.add(new PurchaseStep(
                        PurchaseStep.Step.CHECK_CREDENTIALS,
                        PurchaseStep.Outcome.SUCCEEDED,
                        null,
                        TwilioCalls.lastRequestId()));
            } catch (TenantTwilioException e) {
                audit.failure(
                        AuditAction.NUMBER_PURCHASE_FAILED,
                        tenant,
                        actor,
                        e,
                        event -> event.detail("requested", request.requested()));
                throw e;
            }
        }
        boolean claimed = false;
        if (record == null) {
            String key = Webhooks.newKey();
            Instant now = clock.instant();
            NumberRecord fresh = NumberRecord.builder()
                    .id(UUID.randomUUID().toString())
                    .tenantId(tenant)
                    .purchaseKey(request.idempotencyKey())
                    .requested(request.requested())
                    .accountSid(credentials.accountSid())
                    .webhookKey(key)
                    .smsUrl(Webhooks.smsUrl(base, key))
                    .statusCallbackUrl(Webhooks.statusUrl(base, key))
                    .friendlyName(Webhooks.purchaseTag(tenant, request.idempotencyKey()))
                    .state(NumberState.PURCHASING)
                    .createdAt(now)
                    .updatedAt(now)
                    .build();
            record = storage(() -> registry.insertIfAbsent(fresh));
            if (!record.id().equals(fresh.id())) {
                // Another attempt with the same key got there first.
                if (!record.requested().equals(request.requested())) {
                    throw Problems.builder(ErrorCode.IDEMPOTENCY_CONFLICT)
                            .tenant(tenant)
                            .build();
                }
                if (!record.state().isPending()) {
                    return new PurchaseResult(record, steps, null, instructionsFor(record));
                }
                requireNotUnderWay(record);
            } else {
                claimed = true;
                audit.success(
                        AuditAction.NUMBER_PURCHASE_STARTED,
                        tenant,
                        actor,
                        event -> event.detail("requested", request.requested()).detail("record", fresh.id()));
            }
        } else if (record.state() == NumberState.FAILED) {
            record = transition(
                    record, record.toBuilder().state(NumberState.PURCHASING).problem(null));
            claimed = true;
        }
        FailurePolicy policy = request.failurePolicy().orElse(settings.failurePolicy());
        return carryOn(record, credentials, client, saveCredentials, policy, actor, steps, request, claimed);
    }

    /**
     * Refuses to take over a pending purchase that another call is carrying out: updated within the
     * resume grace and with no problem recorded (an attempt that failed records its problem). Two
     * calls carrying on one record would race each other's state changes.
     */
    private void requireNotUnderWay(NumberRecord record) {
        if (record.state().isPending()
                && record.problem().isEmpty()
                && record.updatedAt().isAfter(clock.instant().minus(RESUME_GRACE))) {
            throw Problems.builder(ErrorCode.PURCHASE_IN_PROGRESS)
                    .tenant(record.tenantId())
                    .build();
        }
    }

    /** Takes a purchase from wherever its record stands to its end. */
    private PurchaseResult carryOn(
            NumberRecord start,
            TwilioCredentials credentials,
            TwilioRestClient client,
            boolean saveCredentials,
            FailurePolicy policy,
            @Nullable String actor,
            List<PurchaseStep> steps,
            @Nullable PurchaseRequest request,
            boolean claimed) {
        NumberRecord record = start;
        TenantId tenant = record.tenantId();
        if (record.state() == NumberState.PURCHASING) {
            record = buy(record, client, actor, steps, request, claimed);
        } else {
            steps.add(new PurchaseStep(PurchaseStep.Step.BUY, PurchaseStep.Outcome.ALREADY_DONE, null, null));
        }
        if (saveCredentials) {
            storage(() -> {
                credentialStore.save(tenant, credentials);
                return null;
            });
            clients.invalidate(tenant);
            steps.add(new PurchaseStep(PurchaseStep.Step.SAVE_CREDENTIALS, PurchaseStep.Outcome.SUCCEEDED, null, null));
            audit.success(
                    AuditAction.CREDENTIALS_SAVED,
                    tenant,
                    actor,
                    event ->
                            event.detail("accountSid", credentials.accountSid()).detail("kind", credentials.kind()));
        }
        if (record.state() == NumberState.PURCHASED) {
            try {
                record = configure(record, client, actor);
                steps.add(new PurchaseStep(
                        PurchaseStep.Step.CONFIGURE,
                        PurchaseStep.Outcome.SUCCEEDED,
                        null,
                        TwilioCalls.lastRequestId()));
            } catch (TenantTwilioException e) {
                steps.add(new PurchaseStep(
                        PurchaseStep.Step.CONFIGURE,
                        PurchaseStep.Outcome.FAILED,
                        e.errorCode(),
                        e.twilioRequestId().orElse(null)));
                return unfinished(record, client, policy, actor, steps, null, ErrorCode.WEBHOOK_NOT_CONFIGURED);
            }
        }
        VerificationReport report = verifyRecord(record, client, null);
        steps.add(new PurchaseStep(
                PurchaseStep.Step.VERIFY,
                report.passed() ? PurchaseStep.Outcome.SUCCEEDED : PurchaseStep.Outcome.FAILED,
                report.passed() ? null : ErrorCode.WEBHOOK_NOT_CONFIGURED,
                null));
        if (!report.passed()) {
            return unfinished(record, client, policy, actor, steps, report, problemOf(report));
        }
        NumberRecord active =
                transition(record, record.toBuilder().state(NumberState.ACTIVE).problem(null));
        audit.success(
                AuditAction.NUMBER_VERIFIED,
                tenant,
                actor,
                event -> event.phoneNumber(active.phoneNumber().orElse(null))
                        .detail("sid", active.twilioSid().orElse(null)));
        return new PurchaseResult(active, steps, report, null);
    }

    /**
     * Buys the number of a record in {@link NumberState#PURCHASING}. A record this call did not
     * create (or take over from a failed attempt) may have been bought by an earlier attempt whose
     * answer was lost: Twilio is asked first, and a recent one is never bought again blindly.
     */
    private NumberRecord buy(
            NumberRecord start,
            TwilioRestClient client,
            @Nullable String actor,
            List<PurchaseStep> steps,
            @Nullable PurchaseRequest request,
            boolean claimed) {
        NumberRecord record = start;
        TenantId tenant = record.tenantId();
        Optional<IncomingPhoneNumber> earlier = claimed ? Optional.empty() : lookUpPurchase(record, client);
        IncomingPhoneNumber bought;
        if (earlier.isPresent()) {
            bought = earlier.get();
            steps.add(new PurchaseStep(PurchaseStep.Step.BUY, PurchaseStep.Outcome.ALREADY_DONE, null, null));
        } else {
            boolean recent = record.updatedAt().isAfter(clock.instant().minus(RESUME_GRACE));
            if (!claimed && (request == null || recent)) {
                // An answer Twilio has not shown yet (an attempt still under way was stopped before).
                throw Problems.builder(ErrorCode.OUTCOME_UNKNOWN).tenant(tenant).build();
            }
            if (!claimed) {
                record = transition(record, record.toBuilder().problem(null));
            }
            NumberRecord buying = record;
            String admitted;
            try {
                admitted = guardrails.admitPurchase(tenant, numbersBesides(tenant, buying.id()), actor);
            } catch (TenantTwilioException e) {
                transition(buying, buying.toBuilder().state(NumberState.FAILED).problem(e.errorCode()));
                throw e;
            }
            try {
                bought = TwilioCalls.call(
                        tenant,
                        Operation.PURCHASE,
                        () -> creator(buying, request).create(client));
                steps.add(new PurchaseStep(
                        PurchaseStep.Step.BUY, PurchaseStep.Outcome.SUCCEEDED, null, TwilioCalls.lastRequestId()));
            } catch (TenantTwilioException e) {
                TenantTwilioException error = e.errorCode() == ErrorCode.OUTCOME_UNKNOWN
                        ? e
                        : refined(e, tenant, client, buying.accountSid());
                if (error.errorCode() == ErrorCode.OUTCOME_UNKNOWN) {
                    Optional<IncomingPhoneNumber> found = lookUpPurchaseQuietly(buying, client);
                    if (found.isEmpty()) {
                        transition(buying, buying.toBuilder().problem(ErrorCode.OUTCOME_UNKNOWN));
                        audit.failure(
                                AuditAction.NUMBER_PURCHASE_FAILED,
                                tenant,
                                actor,
                                error,
                                event -> event.detail("record", buying.id()).detail("pending", true));
                        throw error;
                    }
                    bought = found.get();
                    steps.add(new PurchaseStep(PurchaseStep.Step.BUY, PurchaseStep.Outcome.SUCCEEDED, null, null));
                } else {
                    guardrails.forgetPurchase(tenant, admitted);
                    transition(
                            buying, buying.toBuilder().state(NumberState.FAILED).problem(error.errorCode()));
                    audit.failure(
                            AuditAction.NUMBER_PURCHASE_FAILED,
                            tenant,
                            actor,
                            error,
                            event -> event.detail("requested", buying.requested()));
                    throw error;
                }
            }
        }
        PhoneNumber number = PhoneNumber.ofE164(bought.getPhoneNumber().getEndpoint());
        retireStaleRecords(number, record.id());
        IncomingPhoneNumber done = bought;
        NumberRecord current = record;
        NumberRecord purchased = transition(
                current,
                current.toBuilder()
                        .state(NumberState.PURCHASED)
                        .phoneNumber(number)
                        .twilioSid(done.getSid())
                        .problem(null));
        audit.success(
                AuditAction.NUMBER_PURCHASED,
                tenant,
                actor,
                event -> event.phoneNumber(number)
                        .detail("sid", done.getSid())
                        .detail("accountSid", purchased.accountSid())
                        .twilioRequestId(TwilioCalls.lastRequestId()));
        return purchased;
    }

    /** How many numbers the tenant owns or is buying, besides the record {@code except}. */
    private int numbersBesides(TenantId tenant, String except) {
        int count = 0;
        for (NumberRecord other : storage(() -> registry.findByTenant(tenant))) {
            if (!other.id().equals(except)
                    && (other.state().isOwned() || other.state().isPending())) {
                count++;
            }
        }
        return count;
    }

    private static com.twilio.rest.api.v2010.account.IncomingPhoneNumberCreator creator(
            NumberRecord record, PurchaseRequest request) {
        var creator = request.number().isPresent()
                ? IncomingPhoneNumber.creator(
                        record.accountSid(),
                        new com.twilio.type.PhoneNumber(request.number().get().e164()))
                : IncomingPhoneNumber.creator(
                        record.accountSid(), request.areaCode().orElseThrow());
        return creator.setFriendlyName(record.friendlyName());
    }

    /** Finds a number an earlier attempt of this purchase bought, by the friendly name it was given. */
    private Optional<IncomingPhoneNumber> lookUpPurchase(NumberRecord record, TwilioRestClient client) {
        return TwilioCalls.call(record.tenantId(), Operation.READ, () -> {
            var reader = IncomingPhoneNumber.reader(record.accountSid()).setFriendlyName(record.friendlyName());
            for (IncomingPhoneNumber number : reader.firstPage(client).getRecords()) {
                return Optional.of(number);
            }
            return Optional.<IncomingPhoneNumber>empty();
        });
    }

    private Optional<IncomingPhoneNumber> lookUpPurchaseQuietly(NumberRecord record, TwilioRestClient client) {
        try {
            return lookUpPurchase(record, client);
        } catch (TenantTwilioException e) {
            return Optional.empty();
        }
    }

    /** Another record that still claims a number this tenant just bought is out of date. */
    private void retireStaleRecords(PhoneNumber number, String keep) {
        for (int i = 0; i < 3; i++) {
            Optional<NumberRecord> stale =
                    storage(() -> registry.findOwned(number)).filter(r -> !r.id().equals(keep));
            if (stale.isEmpty()) {
                return;
            }
            NumberRecord old = stale.get();
            storage(() -> registry.update(
                    old,
                    old.toBuilder()
                            .state(NumberState.RELEASED)
                            .updatedAt(clock.instant())
                            .build()));
        }
    }

    private NumberRecord configure(NumberRecord record, TwilioRestClient client, @Nullable String actor) {
        TenantTwilioException last = null;
        for (int attempt = 1; attempt <= CONFIGURE_ATTEMPTS; attempt++) {
            try {
                writeConfiguration(record, client);
                NumberRecord configured = transition(record, record.toBuilder().state(NumberState.CONFIGURED));
                audit.success(
                        AuditAction.NUMBER_CONFIGURED,
                        record.tenantId(),
                        actor,
                        event -> event.phoneNumber(configured.phoneNumber().orElse(null))
                                .detail("sid", configured.twilioSid().orElse(null))
                                .twilioRequestId(TwilioCalls.lastRequestId()));
                return configured;
            } catch (TenantTwilioException e) {
                last = e;
                if (e.errorCode() == ErrorCode.CONFIGURATION_ERROR || e.errorCode() == ErrorCode.INVALID_CREDENTIALS) {
                    break;
                }
                pause(CONFIGURE_PAUSE.multipliedBy(attempt));
            }
        }
        TenantTwilioException failure = Objects.requireNonNull(last);
        audit.failure(
                AuditAction.NUMBER_CONFIGURED,
                record.tenantId(),
                actor,
                failure,
                event -> event.phoneNumber(record.phoneNumber().orElse(null)));
        throw failure;
    }

    private static void writeConfiguration(NumberRecord record, TwilioRestClient client) {
        String sid = record.twilioSid().orElseThrow();
        TwilioCalls.call(
                record.tenantId(),
                Operation.CONFIGURE,
                () -> IncomingPhoneNumber.updater(record.accountSid(), sid)
                        .setSmsUrl(URI.create(record.smsUrl()))
                        .setSmsMethod(HttpMethod.POST)
                        .setStatusCallback(URI.create(record.statusCallbackUrl()))
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setSmsApplicationSid("")
                        .update(client));
    }

    /** A bought number that could not be set up: keep it for a person, or release it. */
    private PurchaseResult unfinished(
            NumberRecord record,
            TwilioRestClient client,
            FailurePolicy policy,
            @Nullable String actor,
            List<PurchaseStep> steps,
            @Nullable VerificationReport report,
            ErrorCode problem) {
        TenantId tenant = record.tenantId();
        if (policy == FailurePolicy.RELEASE) {
            try {
                boolean atTwilio = deleteAtTwilio(record, client);
                NumberRecord released = transition(
                        record, record.toBuilder().state(NumberState.RELEASED).problem(problem));
                steps.add(new PurchaseStep(
                        PurchaseStep.Step.RELEASE, PurchaseStep.Outcome.SUCCEEDED, null, TwilioCalls.lastRequestId()));
                audit.success(
                        AuditAction.NUMBER_RELEASED,
                        tenant,
                        actor,
                        event -> event.phoneNumber(released.phoneNumber().orElse(null))
                                .detail("reason", problem)
                                .detail("releasedAtTwilio", atTwilio));
                return new PurchaseResult(released, steps, report, null);
            } catch (TenantTwilioException e) {
                steps.add(new PurchaseStep(
                        PurchaseStep.Step.RELEASE,
                        PurchaseStep.Outcome.FAILED,
                        e.errorCode(),
                        e.twilioRequestId().orElse(null)));
                LOG.error(
                        "Number {} of tenant {} could not be set up nor released; it needs attention",
                        record.phoneNumber().map(PhoneNumber::masked).orElse("?"),
                        tenant);
            }
        }
        NumberRecord attention = transition(
                record, record.toBuilder().state(NumberState.NEEDS_ATTENTION).problem(problem));
        audit.success(
                AuditAction.NUMBER_NEEDS_ATTENTION,
                tenant,
                actor,
                event -> event.phoneNumber(attention.phoneNumber().orElse(null)).detail("problem", problem));
        return new PurchaseResult(attention, steps, report, instructionsFor(attention));
    }

    private static ErrorCode problemOf(VerificationReport report) {
        for (Line line : report.problems()) {
            switch (line.check()) {
                case ACCOUNT_ACTIVE:
                    return ErrorCode.ACCOUNT_SUSPENDED;
                case NUMBER_OWNED:
                    return ErrorCode.NUMBER_NOT_OWNED;
                default:
                    break;
            }
        }
        return ErrorCode.WEBHOOK_NOT_CONFIGURED;
    }

    private static @Nullable ManualInstructions instructionsFor(NumberRecord record) {
        if (record.state() != NumberState.NEEDS_ATTENTION
                || record.phoneNumber().isEmpty()) {
            return null;
        }
        return new ManualInstructions(record.phoneNumber().get(), record.smsUrl(), record.statusCallbackUrl());
    }

    @Override
    public List<PurchaseResult> resumePending() {
        Instant cutoff = clock.instant().minus(RESUME_GRACE);
        List<PurchaseResult> results = new ArrayList<>();
        List<NumberRecord> pending = storage(() -> registry.findByStates(
                EnumSet.of(NumberState.PURCHASING, NumberState.PURCHASED, NumberState.CONFIGURED), 100));
        for (NumberRecord record : pending) {
            if (record.updatedAt().isAfter(cutoff)) {
                continue; // perhaps still in progress elsewhere
            }
            TenantId tenant = record.tenantId();
            try {
                TwilioRestClient client = clients.forTenant(tenant);
                results.add(carryOn(
                        record,
                        clients.credentials(tenant),
                        client,
                        false,
                        settings.failurePolicy(),
                        null,
                        new ArrayList<>(),
                        null,
                        false));
            } catch (TenantTwilioException e) {
                if (record.state() == NumberState.PURCHASING && e.errorCode() == ErrorCode.OUTCOME_UNKNOWN) {
                    NumberRecord failed =
                            storage(() -> registry.findById(record.id())).orElse(record);
                    NumberRecord closed = transition(
                            failed, failed.toBuilder().state(NumberState.FAILED).problem(ErrorCode.OUTCOME_UNKNOWN));
                    results.add(new PurchaseResult(closed, List.of(), null, null));
                } else {
                    LOG.warn("Could not resume purchase {} of tenant {}: {}", record.id(), tenant, e.errorCode());
                }
            }
        }
        return results;
    }

    // ---------------------------------------------------------------------------------------------
    // Verification and repair

    @Override
    public VerificationReport verify(TenantId tenant, PhoneNumber number) {
        return verify(tenant, number, null);
    }

    @Override
    public VerificationReport verify(TenantId tenant, PhoneNumber number, @Nullable PhoneNumber testRecipient) {
        NumberRecord record = ownedRecord(tenant, number);
        VerificationReport report = verifyRecord(record, clients.forTenant(tenant), testRecipient);
        settle(record, report);
        audit.success(
                AuditAction.NUMBER_VERIFIED,
                tenant,
                null,
                event -> event.phoneNumber(number)
                        .detail("passed", report.passed())
                        .detail("problems", report.problems()));
        return report;
    }

    @Override
    public VerificationReport repair(TenantId tenant, PhoneNumber number) {
        NumberRecord record = ownedRecord(tenant, number);
        TwilioRestClient client = clients.forTenant(tenant);
        VerificationReport before = verifyRecord(record, client, null);
        boolean repairable =
                before.problems().stream().anyMatch(line -> line.check().isRepairable());
        if (repairable) {
            try {
                writeConfiguration(record, client);
            } catch (TenantTwilioException e) {
                audit.failure(AuditAction.NUMBER_REPAIRED, tenant, null, e, event -> event.phoneNumber(number));
                throw e;
            }
        }
        VerificationReport after = repairable ? verifyRecord(record, client, null) : before;
        settle(record, after);
        audit.success(
                AuditAction.NUMBER_REPAIRED,
                tenant,
                null,
                event -> event.phoneNumber(number)
                        .detail("rewritten", repairable)
                        .detail("passed", after.passed()));
        return after;
    }

    /** Moves the record to ACTIVE or NEEDS_ATTENTION after a verification. */
    private void settle(NumberRecord record, VerificationReport report) {
        if (report.problems().stream().allMatch(line -> line.status() == Status.UNKNOWN) && !report.passed()) {
            return; // Twilio could not be reached: nothing learned about the number
        }
        NumberState wanted = report.passed() ? NumberState.ACTIVE : NumberState.NEEDS_ATTENTION;
        if (record.state() != wanted
                && (record.state() == NumberState.ACTIVE
                        || record.state() == NumberState.NEEDS_ATTENTION
                        || record.state() == NumberState.CONFIGURED)) {
            transition(record, record.toBuilder().state(wanted).problem(report.passed() ? null : problemOf(report)));
        }
    }

    private NumberRecord ownedRecord(TenantId tenant, PhoneNumber number) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(number, "number");
        return storage(() -> registry.findOwned(number))
                .filter(record -> record.tenantId().equals(tenant))
                .orElseThrow(() -> Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .build());
    }

    private VerificationReport verifyRecord(
            NumberRecord record, TwilioRestClient client, @Nullable PhoneNumber testRecipient) {
        TenantId tenant = record.tenantId();
        PhoneNumber number = record.phoneNumber().orElseThrow();
        List<Line> lines = new ArrayList<>();
        IncomingPhoneNumber at;
        try {
            at = TwilioCalls.call(
                    tenant,
                    Operation.READ,
                    () -> IncomingPhoneNumber.fetcher(
                                    record.accountSid(), record.twilioSid().orElseThrow())
                            .fetch(client));
        } catch (TenantTwilioException e) {
            Status status = e.errorCode() == ErrorCode.NUMBER_NOT_OWNED ? Status.FAILED : Status.UNKNOWN;
            lines.add(new Line(Check.NUMBER_OWNED, status, record.accountSid(), null));
            for (Check check : List.of(
                    Check.SMS_CAPABLE,
                    Check.SMS_URL,
                    Check.SMS_METHOD,
                    Check.NO_APPLICATION_OVERRIDE,
                    Check.NO_MESSAGING_SERVICE_OVERRIDE,
                    Check.STATUS_CALLBACK)) {
                lines.add(new Line(check, Status.SKIPPED, null, null));
            }
            lines.add(accountLine(record, client));
            lines.add(new Line(Check.TEST_MESSAGE, Status.SKIPPED, null, null));
            return new VerificationReport(tenant, number, clock.instant(), lines);
        }
        boolean owned = record.accountSid().equals(at.getAccountSid())
                && number.e164()
                        .equals(
                                at.getPhoneNumber() == null
                                        ? null
                                        : at.getPhoneNumber().getEndpoint());
        lines.add(new Line(
                Check.NUMBER_OWNED, owned ? Status.PASSED : Status.FAILED, record.accountSid(), at.getAccountSid()));
        boolean sms = at.getCapabilities() != null
                && Boolean.TRUE.equals(at.getCapabilities().getSms());
        lines.add(new Line(Check.SMS_CAPABLE, sms ? Status.PASSED : Status.FAILED, null, null));
        String smsUrl = text(at.getSmsUrl());
        lines.add(new Line(
                Check.SMS_URL,
                record.smsUrl().equals(smsUrl) ? Status.PASSED : Status.FAILED,
                record.smsUrl(),
                smsUrl));
        String method = at.getSmsMethod() == null ? "POST" : at.getSmsMethod().toString();
        lines.add(new Line(
                Check.SMS_METHOD, "POST".equalsIgnoreCase(method) ? Status.PASSED : Status.FAILED, "POST", method));
        String application = at.getSmsApplicationSid() == null ? "" : at.getSmsApplicationSid();
        lines.add(new Line(
                Check.NO_APPLICATION_OVERRIDE, application.isEmpty() ? Status.PASSED : Status.FAILED, "", application));
        lines.add(serviceLine(record, client));
        String statusCallback = text(at.getStatusCallback());
        lines.add(new Line(
                Check.STATUS_CALLBACK,
                record.statusCallbackUrl().equals(statusCallback) ? Status.PASSED : Status.FAILED,
                record.statusCallbackUrl(),
                statusCallback));
        lines.add(accountLine(record, client));
        lines.add(
                testRecipient == null
                        ? new Line(Check.TEST_MESSAGE, Status.SKIPPED, null, null)
                        : testMessageLine(record, client, number, testRecipient));
        return new VerificationReport(tenant, number, clock.instant(), lines);
    }

    private static String text(@Nullable URI uri) {
        return uri == null ? "" : uri.toString();
    }

    private Line accountLine(NumberRecord record, TwilioRestClient client) {
        try {
            Account account = TwilioCalls.call(
                    record.tenantId(),
                    Operation.READ,
                    () -> Account.fetcher(record.accountSid()).fetch(client));
            boolean active = account.getStatus() == Account.Status.ACTIVE;
            return new Line(
                    Check.ACCOUNT_ACTIVE,
                    active ? Status.PASSED : Status.FAILED,
                    "active",
                    String.valueOf(account.getStatus()));
        } catch (TenantTwilioException e) {
            return new Line(
                    Check.ACCOUNT_ACTIVE,
                    e.errorCode() == ErrorCode.INVALID_CREDENTIALS ? Status.FAILED : Status.UNKNOWN,
                    "active",
                    null);
        }
    }

    /** A Messaging Service that holds the number and sends its inbound messages to its own URL overrides ours. */
    private Line serviceLine(NumberRecord record, TwilioRestClient client) {
        String sid = record.twilioSid().orElseThrow();
        try {
            return TwilioCalls.call(record.tenantId(), Operation.READ, () -> {
                for (Service service : Service.reader().read(client)) {
                    for (var member : com.twilio.rest.messaging.v1.service.PhoneNumber.reader(service.getSid())
                            .read(client)) {
                        if (sid.equals(member.getSid())) {
                            boolean overrides = !Boolean.TRUE.equals(service.getUseInboundWebhookOnNumber())
                                    && service.getInboundRequestUrl() != null
                                    && !service.getInboundRequestUrl()
                                            .toString()
                                            .isEmpty();
                            return new Line(
                                    Check.NO_MESSAGING_SERVICE_OVERRIDE,
                                    overrides ? Status.FAILED : Status.PASSED,
                                    "",
                                    overrides ? service.getSid() : "");
                        }
                    }
                }
                return new Line(Check.NO_MESSAGING_SERVICE_OVERRIDE, Status.PASSED, "", "");
            });
        } catch (TenantTwilioException e) {
            return new Line(Check.NO_MESSAGING_SERVICE_OVERRIDE, Status.UNKNOWN, "", null);
        }
    }

    private Line testMessageLine(NumberRecord record, TwilioRestClient client, PhoneNumber from, PhoneNumber to) {
        String body = io.tenanttwilio.internal.text.Messages.text(settings.defaultLocale(), "verify.test-message-body");
        try {
            Message sent = TwilioCalls.call(
                    record.tenantId(),
                    Operation.SEND,
                    () -> Message.creator(
                                    record.accountSid(),
                                    new com.twilio.type.PhoneNumber(to.e164()),
                                    new com.twilio.type.PhoneNumber(from.e164()),
                                    body)
                            .create(client));
            Instant deadline = clock.instant().plus(TEST_MESSAGE_WAIT);
            Message.Status status = sent.getStatus();
            while (!isFinal(status) && clock.instant().isBefore(deadline)) {
                pause(Duration.ofMillis(250));
                status = TwilioCalls.call(
                                record.tenantId(),
                                Operation.READ,
                                () -> Message.fetcher(record.accountSid(), sent.getSid())
                                        .fetch(client))
                        .getStatus();
            }
            Status outcome = status == Message.Status.DELIVERED
                    ? Status.PASSED
                    : isFinal(status) ? Status.FAILED : Status.UNKNOWN;
            return new Line(Check.TEST_MESSAGE, outcome, "delivered", String.valueOf(status));
        } catch (TenantTwilioException e) {
            return new Line(
                    Check.TEST_MESSAGE,
                    Status.FAILED,
                    "delivered",
                    e.errorCode().name());
        }
    }

    private static boolean isFinal(Message.@Nullable Status status) {
        return status == Message.Status.DELIVERED
                || status == Message.Status.UNDELIVERED
                || status == Message.Status.FAILED;
    }

    // ---------------------------------------------------------------------------------------------
    // Release

    @Override
    public ReleaseResult release(TenantId tenant, PhoneNumber number) {
        NumberRecord record = ownedRecord(tenant, number);
        for (NumberLifecycleListener listener : listeners) {
            listener.beforeRelease(tenant, number);
        }
        int archived = Stores.call(tenant, () -> conversations.archiveAll(tenant, number));
        TwilioRestClient client = clients.forTenant(tenant);
        NumberRecord releasing = transition(record, record.toBuilder().state(NumberState.RELEASING));
        boolean atTwilio;
        try {
            atTwilio = deleteAtTwilio(releasing, client);
        } catch (TenantTwilioException e) {
            transition(releasing, releasing.toBuilder().state(record.state()));
            audit.failure(AuditAction.NUMBER_RELEASED, tenant, null, e, event -> event.phoneNumber(number));
            throw e;
        }
        NumberRecord released = transition(
                releasing, releasing.toBuilder().state(NumberState.RELEASED).problem(null));
        audit.success(
                AuditAction.NUMBER_RELEASED,
                tenant,
                null,
                event -> event.phoneNumber(number)
                        .detail("sid", released.twilioSid().orElse(null))
                        .detail("releasedAtTwilio", atTwilio)
                        .twilioRequestId(TwilioCalls.lastRequestId()));
        return new ReleaseResult(released, atTwilio);
    }

    /** Releases the number at Twilio; {@code false} when Twilio no longer had it. */
    private static boolean deleteAtTwilio(NumberRecord record, TwilioRestClient client) {
        try {
            TwilioCalls.call(
                    record.tenantId(),
                    Operation.RELEASE,
                    () -> IncomingPhoneNumber.deleter(
                                    record.accountSid(), record.twilioSid().orElseThrow())
                            .delete(client));
            return true;
        } catch (TenantTwilioException e) {
            if (e.errorCode() == ErrorCode.NUMBER_NOT_OWNED) {
                return false;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Messaging Services

    @Override
    public void linkMessagingService(TenantId tenant, String messagingServiceSid) {
        Objects.requireNonNull(messagingServiceSid, "messagingServiceSid");
        if (!messagingServiceSid.matches("MG[0-9a-fA-F]{32}")) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("messaging-service.sid")
                    .build();
        }
        TwilioCredentials credentials = clients.credentials(tenant);
        try {
            Service service = TwilioCalls.call(
                    tenant,
                    Operation.READ,
                    () -> Service.fetcher(messagingServiceSid).fetch(clients.forTenant(tenant)));
            if (!credentials.accountSid().equals(service.getAccountSid())) {
                throw Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .build();
            }
            // Two tenants may share one Twilio account; a service routes to the tenant that
            // linked it first, and no other tenant takes its inbound messages over.
            Optional<TenantId> linked = Stores.call(
                    tenant, () -> registry.findTenantByMessagingService(credentials.accountSid(), messagingServiceSid));
            if (linked.isPresent() && !linked.get().equals(tenant)) {
                throw Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .detail("messaging-service.linked")
                        .build();
            }
        } catch (TenantTwilioException e) {
            audit.failure(
                    AuditAction.MESSAGING_SERVICE_LINKED,
                    tenant,
                    null,
                    e,
                    event -> event.detail("messagingServiceSid", messagingServiceSid));
            throw e;
        }
        Stores.run(tenant, () -> registry.linkMessagingService(tenant, credentials.accountSid(), messagingServiceSid));
        audit.success(
                AuditAction.MESSAGING_SERVICE_LINKED,
                tenant,
                null,
                event -> event.detail("messagingServiceSid", messagingServiceSid));
    }

    // ---------------------------------------------------------------------------------------------
    // Managed mode

    @Override
    public AccountInfo createSubaccount(TenantId tenant) {
        TwilioCredentials master = requireMaster(tenant);
        TwilioRestClient masterClient = clients.forCredentials(master);
        Optional<TwilioCredentials> existing = storedCredentials(tenant);
        if (existing.isPresent()) {
            AccountInfo info = accountInfo(tenant, masterClient, existing.get().accountSid());
            if (info.ownerAccountSid().map(master.accountSid()::equals).orElse(false)) {
                return info;
            }
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("managed.has-own-account")
                    .build();
        }
        String name = Webhooks.subaccountName(tenant);
        try {
            Account sub = TwilioCalls.call(tenant, Operation.READ, () -> {
                for (Account account : Account.reader().setFriendlyName(name).read(masterClient)) {
                    if (account.getStatus() == Account.Status.ACTIVE
                            && !master.accountSid().equals(account.getSid())) {
                        return account;
                    }
                }
                return null;
            });
            if (sub == null) {
                sub = TwilioCalls.call(
                        tenant,
                        Operation.CONFIGURE,
                        () -> Account.creator().setFriendlyName(name).create(masterClient));
            }
            Account created = sub;
            NewKey key = TwilioCalls.call(
                    tenant,
                    Operation.CONFIGURE,
                    () -> NewKey.creator(created.getSid())
                            .setFriendlyName("tenant-twilio")
                            .create(masterClient));
            TwilioCredentials credentials = TwilioCredentials.apiKey()
                    .accountSid(created.getSid())
                    .apiKeySid(key.getSid())
                    .apiKeySecret(key.getSecret())
                    .signingToken(created.getAuthToken())
                    .build();
            storage(() -> {
                credentialStore.save(tenant, credentials);
                return null;
            });
            clients.invalidate(tenant);
            audit.success(
                    AuditAction.SUBACCOUNT_CREATED,
                    tenant,
                    null,
                    event -> event.detail("accountSid", created.getSid())
                            .detail("ownerAccountSid", master.accountSid()));
            audit.success(
                    AuditAction.CREDENTIALS_SAVED,
                    tenant,
                    null,
                    event -> event.detail("accountSid", created.getSid()).detail("kind", credentials.kind()));
            return accountInfo(tenant, clients.forTenant(tenant), created.getSid());
        } catch (TenantTwilioException e) {
            audit.failure(AuditAction.SUBACCOUNT_CREATED, tenant, null, e, event -> {});
            throw e;
        }
    }

    @Override
    public void closeSubaccount(TenantId tenant) {
        TwilioCredentials master = requireMaster(tenant);
        TwilioCredentials credentials = clients.credentials(tenant);
        TwilioRestClient masterClient = clients.forCredentials(master);
        try {
            TwilioCalls.call(
                    tenant,
                    Operation.CONFIGURE,
                    () -> Account.updater(credentials.accountSid())
                            .setStatus(Account.Status.CLOSED)
                            .update(masterClient));
        } catch (TenantTwilioException e) {
            audit.failure(AuditAction.SUBACCOUNT_CLOSED, tenant, null, e, event -> {});
            throw e;
        }
        for (NumberRecord record : storage(() -> registry.findByTenant(tenant))) {
            if (record.state().isOwned() || record.state().isPending()) {
                transition(record, record.toBuilder().state(NumberState.RELEASED));
            }
        }
        storage(() -> credentialStore.remove(tenant));
        clients.invalidate(tenant);
        audit.success(
                AuditAction.SUBACCOUNT_CLOSED,
                tenant,
                null,
                event -> event.detail("accountSid", credentials.accountSid()));
        audit.success(AuditAction.CREDENTIALS_REMOVED, tenant, null, event -> {});
    }

    private TwilioCredentials requireMaster(TenantId tenant) {
        if (masterCredentials == null) {
            throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .tenant(tenant)
                    .detail("config.no-master-credentials")
                    .build();
        }
        return masterCredentials;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private Optional<TwilioCredentials> storedCredentials(TenantId tenant) {
        return storage(() -> credentialStore.find(tenant));
    }

    /** Saves a state change; tells the listeners. */
    private NumberRecord transition(NumberRecord current, NumberRecord.Builder next) {
        NumberRecord wanted = next.updatedAt(clock.instant()).build();
        NumberRecord saved = storage(() -> registry.update(current, wanted))
                .orElseThrow(() -> Problems.builder(ErrorCode.STORAGE_UNAVAILABLE)
                        .tenant(current.tenantId())
                        .detail("storage.concurrent-update")
                        .build());
        if (saved.state() != current.state()) {
            for (NumberLifecycleListener listener : listeners) {
                try {
                    listener.stateChanged(current, saved);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "A number lifecycle listener failed ({})",
                            e.getClass().getSimpleName());
                }
            }
        }
        return saved;
    }

    public static <T> T storage(Supplier<T> operation) {
        return Stores.call(null, operation);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
