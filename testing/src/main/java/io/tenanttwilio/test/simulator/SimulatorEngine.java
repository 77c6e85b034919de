package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.tenanttwilio.test.leaks.LeakCanaries;
import io.tenanttwilio.test.simulator.SimState.Account;
import io.tenanttwilio.test.simulator.SimState.Application;
import io.tenanttwilio.test.simulator.SimState.Key;
import io.tenanttwilio.test.simulator.SimState.Message;
import io.tenanttwilio.test.simulator.SimState.Number;
import io.tenanttwilio.test.simulator.SimState.Service;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The simulated Twilio: state, authentication, and every operation of the REST API it serves.
 * Every state change happens under one lock; webhooks are posted outside it.
 */
final class SimulatorEngine {

    static final String API = "/2010-04-01";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final BigDecimal DEFAULT_BALANCE = new BigDecimal("20.00");
    private static final BigDecimal NANP_SEGMENT_PRICE = new BigDecimal("0.0079");
    private static final BigDecimal INTERNATIONAL_SEGMENT_PRICE = new BigDecimal("0.0500");
    private static final BigDecimal MMS_PRICE = new BigDecimal("0.0200");
    private static final int MAX_RECORDED = 100_000;
    /** The longest {@code ValidityPeriod}, in seconds. */
    static final int MAX_VALIDITY_SECONDS = 36_000;
    /** A scheduled message's {@code SendAt} is more than this ahead. */
    static final java.time.Duration MIN_SCHEDULE_LEAD = java.time.Duration.ofMinutes(5);
    /** A scheduled message's {@code SendAt} is at most this ahead. */
    static final java.time.Duration MAX_SCHEDULE_LEAD = java.time.Duration.ofDays(35);
    /** How often the queues are settled as real time passes. */
    private static final long TICK_MILLIS = 20;
    /** Numbers a Messaging Service holds at most (COMPLIANCE.md §5: 21714 past it). */
    static final int MAX_SERVICE_NUMBERS = 400;

    private static final Set<String> OPT_OUT =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "INFO");
    private static final String TRIAL_PREFIX = "Sent from your Twilio trial account - ";

    private static final Pattern ACCOUNTS = Pattern.compile(API + "/Accounts\\.json");
    private static final Pattern ACCOUNT = Pattern.compile(API + "/Accounts/([^/]+)\\.json");
    private static final Pattern SUBRESOURCE = Pattern.compile(API + "/Accounts/([^/]+)/(.+)");
    private static final Pattern AVAILABLE = Pattern.compile("AvailablePhoneNumbers/([^/]+)/([^/]+)\\.json");
    private static final Pattern INCOMING = Pattern.compile("IncomingPhoneNumbers(?:/(Local|TollFree|Mobile))?\\.json");
    private static final Pattern INCOMING_ONE = Pattern.compile("IncomingPhoneNumbers/([^/]+)\\.json");
    private static final Pattern MESSAGES = Pattern.compile("Messages\\.json");
    private static final Pattern MESSAGE_ONE = Pattern.compile("Messages/([^/]+)\\.json");
    private static final Pattern MEDIA_ONE = Pattern.compile("Messages/([^/]+)/Media/([^/.]+)(?:\\.json)?");
    static final String MEDIA_STORAGE = "/_media/";
    private static final Pattern KEYS = Pattern.compile("Keys\\.json");
    private static final Pattern KEY_ONE = Pattern.compile("Keys/([^/]+)\\.json");
    private static final Pattern APPLICATIONS = Pattern.compile("Applications\\.json");
    private static final Pattern APPLICATION_ONE = Pattern.compile("Applications/([^/]+)\\.json");
    private static final Pattern SERVICES = Pattern.compile("/v1/Services");
    private static final Pattern SERVICE_ONE = Pattern.compile("/v1/Services/([^/]+)");
    private static final Pattern SERVICE_NUMBERS = Pattern.compile("/v1/Services/([^/]+)/PhoneNumbers");
    private static final Pattern SERVICE_NUMBER_ONE = Pattern.compile("/v1/Services/([^/]+)/PhoneNumbers/([^/]+)");
    private static final Pattern TWIML_MESSAGE = Pattern.compile("(?s)<Message[^>]*>(.*?)</Message>");
    private static final Pattern TWIML_BODY = Pattern.compile("(?s)<Body[^>]*>(.*?)</Body>");

    final long seed;
    final SimulatorClock clock;
    private final Sids sids;
    private final Inventory inventory;
    private final Object lock = new Object();

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Account> accountsByTestSid = new HashMap<>();
    private final Map<String, Key> keys = new HashMap<>();
    private final Map<String, Number> numbers = new LinkedHashMap<>();
    private final Map<String, Number> numbersByPhone = new HashMap<>();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    /** Every charge, for Usage Records: (account, category, when, count, price). */
    private final List<Charge> charges = new ArrayList<>();

    private record Charge(
            String accountSid,
            String category,
            Instant at,
            long count,
            BigDecimal price,
            @Nullable String messageSid) {
        Charge(String accountSid, String category, Instant at, long count, BigDecimal price) {
            this(accountSid, category, at, count, price, null);
        }
    }

    /** The usage categories the simulator reports, and the parents that sum their children. */
    private static final List<String> USAGE_CATEGORIES = List.of(
            "totalprice",
            "sms",
            "sms-outbound",
            "mms",
            "mms-outbound",
            "phonenumbers",
            "phonenumbers-local",
            "phonenumbers-tollfree",
            "phonenumbers-mobile");

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final Set<String> optOuts = new HashSet<>();
    private final Map<String, HostedMedia> media = new HashMap<>();

    /** A media file the simulator keeps for an inbound MMS. */
    record HostedMedia(String accountSid, String messageSid, String contentType, byte[] content) {}

    private final Map<String, DeliveryOutcome> outcomes = new HashMap<>();
    private final Set<String> landlines = new HashSet<>();
    private final Set<String> unreachable = new HashSet<>();
    private final List<InjectedFault> faults = new CopyOnWriteArrayList<>();
    private final SplittableRandom faultRandom;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final Deque<WebhookDelivery> deliveries = new ArrayDeque<>();

    final WebhookSender webhooks;
    final CallbackDispatcher callbacks;
    /** Senders' queues and scheduled messages; guarded by {@link #lock}. */
    final OutboundQueues outbound = new OutboundQueues(this);
    /** Concurrency per account and scripted 429s; thread-safe on its own. */
    final RequestLimits limits = new RequestLimits();
    /**
     * Held from a settle of the queues until what it caused is handed to the dispatcher, so that
     * whoever settles next (or resets) sees it handed over. Taken before {@link #lock}, never
     * after it.
     */
    private final java.util.concurrent.locks.ReentrantLock settleLock = new java.util.concurrent.locks.ReentrantLock();
    /** Settles the queues as real time passes; started with the first message queued or scheduled. */
    private volatile java.util.concurrent.@Nullable ScheduledExecutorService ticker;

    private final Object tickerLock = new Object();
    private volatile boolean closed;
    final Registrations registrations = new Registrations(this);
    private final TrustHubApi trustHub = new TrustHubApi(this);
    private final A2pApi a2p = new A2pApi(this);
    private final TollFreeApi tollFreeApi = new TollFreeApi(this);
    private final EventStreamsApi eventStreams = new EventStreamsApi(this);
    private volatile java.util.function.BiConsumer<SimRequest, SimResponse> observer = (request, response) -> {};

    SimulatorEngine(long seed, SimulatorClock clock, WebhookSender webhooks, CallbackMode mode) {
        this.seed = seed;
        this.clock = clock;
        this.sids = new Sids(seed);
        this.inventory = new Inventory(seed);
        this.faultRandom = new SplittableRandom(seed);
        this.webhooks = webhooks;
        this.callbacks = new CallbackDispatcher(this, mode, seed);
    }

    // ---------------------------------------------------------------------------------------------
    // Entry point

    SimResponse handle(SimRequest request) {
        Endpoint endpoint = classify(request);
        Form form = request.form();
        String username = basicAuth(request)[0];
        String pathAccount = pathAccountSid(request.path());
        String accountKey = concurrencyAccount(username, pathAccount);
        if (accountKey == null) {
            return serve(request, endpoint, form, username, pathAccount, null);
        }
        int inFlight = limits.enter(accountKey);
        SimResponse response;
        try {
            java.time.Duration retryAfter = limits.refusal(accountKey, inFlight);
            response = retryAfter != null
                    ? tooManyRequests(request, form, username, pathAccount, endpoint, retryAfter)
                    : serve(request, endpoint, form, username, pathAccount, accountKey);
        } finally {
            limits.exit(accountKey);
        }
        if (response.status() == 429) {
            limits.refused(accountKey);
        }
        return response.withHeader(RequestLimits.CONCURRENT_REQUESTS_HEADER, Integer.toString(inFlight));
    }

    /**
     * The account whose concurrency a request counts against: the account in its path, else the
     * account of its credentials (an API key's owner, a test account's live account).
     */
    private @Nullable String concurrencyAccount(@Nullable String username, @Nullable String pathAccount) {
        String sid = pathAccount != null ? pathAccount : username;
        if (sid == null) {
            return null;
        }
        synchronized (lock) {
            if (sid.startsWith("SK")) {
                Key key = keys.get(sid);
                return key == null ? null : key.accountSid;
            }
            Account live = accountsByTestSid.get(sid);
            if (live != null) {
                return live.sid;
            }
        }
        return sid.startsWith("AC") ? sid : null;
    }

    /** Twilio's answer to a request over the account's concurrency: refused, not carried out. */
    private SimResponse tooManyRequests(
            SimRequest request,
            Form form,
            @Nullable String username,
            @Nullable String pathAccount,
            Endpoint endpoint,
            java.time.Duration retryAfter) {
        SimResponse response = SimResponse.json(429, Json.error(429, 20429, "Too Many Requests"))
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
        observer.accept(request, response);
        response = response.withHeader("Twilio-Request-Id", sids.next("RQ"));
        record(new RecordedRequest(
                clock.instant(),
                request.method(),
                request.path(),
                request.query(),
                form.asMap(),
                username,
                pathAccount,
                endpoint,
                429,
                20429));
        return response;
    }

    private SimResponse serve(
            SimRequest request,
            Endpoint endpoint,
            Form form,
            @Nullable String username,
            @Nullable String pathAccount,
            @Nullable String accountKey) {
        settleQueues(false);
        SimResponse response;
        boolean injected = false;
        InjectedFault before = matchFault(endpoint, accountKey, false, isWrite(request));
        if (before != null && before.kind() == FaultSpec.Kind.DELAY) {
            // A slow Twilio: the request is carried out late, whether or not the client still waits.
            sleep(before.delay().toMillis());
            before = null;
        }
        if (before != null) {
            response = faultResponse(before, request.path());
            injected = true;
        } else {
            List<CallbackDispatcher.Work> emitted = new ArrayList<>();
            try {
                synchronized (lock) {
                    response = route(request, form, endpoint, emitted);
                }
            } catch (TwilioError e) {
                response = SimResponse.json(e.status, Json.error(e.status, e.code, e.getMessage()));
            }
            callbacks.enqueue(emitted);
            InjectedFault after = matchFault(endpoint, accountKey, true, isWrite(request));
            if (after != null) {
                injected = after.kind() != FaultSpec.Kind.DELAY;
                response = after.kind() == FaultSpec.Kind.DELAY
                        ? response.withDelay(after.delay().toMillis())
                        : faultResponse(after, request.path());
            }
        }
        if (!injected) {
            observer.accept(request, response);
        }
        response = response.withHeader("Twilio-Request-Id", sids.next("RQ"));
        record(new RecordedRequest(
                clock.instant(),
                request.method(),
                request.path(),
                request.query(),
                form.asMap(),
                username,
                pathAccount,
                endpoint,
                response.fault() == SimResponse.Fault.CONNECTION_RESET ? 0 : response.status(),
                errorCodeOf(response)));
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static @Nullable Integer errorCodeOf(SimResponse response) {
        if (response.status() < 400 || !response.contentType().startsWith("application/json")) {
            return null;
        }
        try {
            var node = Json.MAPPER.readTree(response.body());
            return node.has("code") ? node.get("code").asInt() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static Endpoint classify(SimRequest request) {
        String path = request.path();
        String method = request.method();
        if (ACCOUNTS.matcher(path).matches()) {
            return Endpoint.ACCOUNTS;
        }
        if (ACCOUNT.matcher(path).matches()) {
            return method.equals("GET") ? Endpoint.ACCOUNT_FETCH : Endpoint.ACCOUNTS;
        }
        if (path.startsWith("/v1/")) {
            return classifyV1(path);
        }
        Matcher sub = SUBRESOURCE.matcher(path);
        if (!sub.matches()) {
            return Endpoint.UNKNOWN;
        }
        String rest = sub.group(2);
        if (rest.equals("Balance.json")) {
            return Endpoint.BALANCE;
        }
        if (rest.equals("Usage/Records.json")) {
            return Endpoint.USAGE;
        }
        if (AVAILABLE.matcher(rest).matches()) {
            return Endpoint.AVAILABLE_NUMBERS;
        }
        if (INCOMING.matcher(rest).matches()) {
            return method.equals("POST") ? Endpoint.NUMBER_PURCHASE : Endpoint.NUMBER_READ;
        }
        if (INCOMING_ONE.matcher(rest).matches()) {
            switch (method) {
                case "POST":
                    return Endpoint.NUMBER_UPDATE;
                case "DELETE":
                    return Endpoint.NUMBER_RELEASE;
                default:
                    return Endpoint.NUMBER_READ;
            }
        }
        if (MESSAGES.matcher(rest).matches()) {
            return method.equals("POST") ? Endpoint.MESSAGE_CREATE : Endpoint.MESSAGE_READ;
        }
        if (MESSAGE_ONE.matcher(rest).matches() || MEDIA_ONE.matcher(rest).matches()) {
            return Endpoint.MESSAGE_READ;
        }
        if (KEYS.matcher(rest).matches() || KEY_ONE.matcher(rest).matches()) {
            return Endpoint.KEYS;
        }
        if (APPLICATIONS.matcher(rest).matches()
                || APPLICATION_ONE.matcher(rest).matches()) {
            return Endpoint.APPLICATIONS;
        }
        if (rest.matches("Addresses(/[^/]+)?\\.json")) {
            return Endpoint.ADDRESSES;
        }
        return Endpoint.UNKNOWN;
    }

    private static Endpoint classifyV1(String path) {
        if (path.equals("/v1/Services/Usecases") || path.matches("/v1/Services/[^/]+/Compliance/Usa2p(/.*)?")) {
            return Endpoint.CAMPAIGNS;
        }
        if (path.startsWith("/v1/Services")) {
            return Endpoint.MESSAGING_SERVICES;
        }
        if (path.matches("/v1/a2p/BrandRegistrations(/[^/]+)?")) {
            return Endpoint.BRAND_REGISTRATIONS;
        }
        if (path.matches("/v1/Tollfree/Verifications(/[^/]+)?")) {
            return Endpoint.TOLLFREE_VERIFICATIONS;
        }
        if (path.matches("/v1/(CustomerProfiles|TrustProducts|EndUsers|SupportingDocuments)(/.*)?")) {
            return Endpoint.TRUSTHUB;
        }
        if (path.matches("/v1/Sinks(/[^/]+)?")) {
            return Endpoint.EVENT_SINKS;
        }
        if (path.matches("/v1/Subscriptions(/[^/]+)?")) {
            return Endpoint.EVENT_SUBSCRIPTIONS;
        }
        return Endpoint.UNKNOWN;
    }

    private static @Nullable String pathAccountSid(String path) {
        Matcher account = ACCOUNT.matcher(path);
        if (account.matches()) {
            return account.group(1);
        }
        Matcher sub = SUBRESOURCE.matcher(path);
        return sub.matches() ? sub.group(1) : null;
    }

    // ---------------------------------------------------------------------------------------------
    // Queues and scheduled messages over time

    /**
     * Carries out what fell due in the queues and among scheduled messages, and hands the status
     * changes to the dispatcher. {@code wait}: wait for a settle under way in another thread (so
     * that what it caused has been handed over on return), rather than leave it to that one.
     * Returns how many messages moved.
     */
    int settleQueues(boolean wait) {
        if (!outbound.due(clock.instant())) {
            return 0;
        }
        boolean locked;
        try {
            locked = wait ? settleLock.tryLock(5, java.util.concurrent.TimeUnit.SECONDS) : settleLock.tryLock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (!locked) {
            return 0;
        }
        try {
            List<CallbackDispatcher.Work> emitted = new ArrayList<>();
            int moved;
            synchronized (lock) {
                moved = outbound.settle(clock.instant(), emitted);
            }
            callbacks.enqueue(emitted);
            return moved;
        } finally {
            settleLock.unlock();
        }
    }

    /** Runs {@code action} while no settle is under way or can start (for a reset). */
    void excludingSettles(Runnable action) {
        settleLock.lock();
        try {
            action.run();
        } finally {
            settleLock.unlock();
        }
    }

    /** The simulator's clock moved: what fell due happens now, before {@code advance} returns. */
    void clockMoved() {
        if (!closed) {
            settleQueues(true);
        }
    }

    /** Starts the thread that settles the queues as real time passes, once. */
    private void startTicker() {
        if (ticker != null || closed) {
            return;
        }
        synchronized (tickerLock) {
            if (ticker != null || closed) {
                return;
            }
            java.util.concurrent.ScheduledExecutorService started =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                        Thread thread = new Thread(runnable, "twilio-simulator-queues");
                        thread.setDaemon(true);
                        return thread;
                    });
            started.scheduleWithFixedDelay(
                    () -> {
                        try {
                            settleQueues(false);
                        } catch (RuntimeException e) {
                            // A settle that failed is tried again at the next tick.
                        }
                    },
                    TICK_MILLIS,
                    TICK_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            ticker = started;
        }
    }

    /** Stops the thread that settles the queues. */
    void shutdown() {
        synchronized (tickerLock) {
            closed = true;
            java.util.concurrent.ScheduledExecutorService running = ticker;
            if (running != null) {
                running.shutdownNow();
            }
        }
    }

    /**
     * The statuses a message goes through once it leaves its queue (or, with {@code queuedFirst},
     * once its SendAt comes without pacing), per the recipient's configured outcome and the carrier
     * rules now.
     */
    CallbackDispatcher.Batch releaseBatch(Message message, boolean queuedFirst) {
        Number sender = numbersByPhone.get(message.from);
        Integer block = sender == null ? null : registrations.carrierBlock(sender, message.to);
        return progression(message, queuedFirst, block);
    }

    // ---------------------------------------------------------------------------------------------
    // Faults

    /** Sees every answer that is not an injected fault (for conformance checks in tests). */
    void observe(java.util.function.BiConsumer<SimRequest, SimResponse> observer) {
        this.observer = observer;
    }

    void install(InjectedFault fault) {
        faults.add(fault);
    }

    void clearFaults() {
        faults.forEach(InjectedFault::cancel);
        faults.clear();
    }

    private static boolean isWrite(SimRequest request) {
        return !"GET".equalsIgnoreCase(request.method());
    }

    private @Nullable InjectedFault matchFault(
            Endpoint endpoint, @Nullable String accountSid, boolean afterProcessing, boolean write) {
        for (InjectedFault fault : faults) {
            if (fault.endpoint() == endpoint
                    && fault.afterProcessing() == afterProcessing
                    && (fault.accountSid() == null || fault.accountSid().equals(accountSid))) {
                boolean hit;
                synchronized (faultRandom) {
                    hit = fault.tryTrigger(faultRandom::nextDouble, write);
                }
                if (hit) {
                    return fault;
                }
            }
        }
        faults.removeIf(fault -> !fault.isActive());
        return null;
    }

    private static SimResponse faultResponse(InjectedFault fault, String path) {
        long delay = fault.delay().toMillis();
        switch (fault.kind()) {
            case TOO_MANY_REQUESTS:
                return SimResponse.json(429, Json.error(429, 20429, "Too Many Requests"))
                        .withHeader(
                                "Retry-After",
                                Long.toString(Math.max(0, fault.retryAfter().toSeconds())))
                        .withDelay(delay);
            case CONNECTION_RESET:
                return new SimResponse(0, "", "", new LinkedHashMap<>(), SimResponse.Fault.CONNECTION_RESET, delay);
            case EMPTY_BODY:
                return SimResponse.empty(fault.status()).withDelay(delay);
            case HTML_BODY:
                return new SimResponse(
                        fault.status(),
                        "text/html",
                        "<html><head><title>" + fault.status() + "</title></head><body><h1>Service unavailable"
                                + "</h1></body></html>",
                        new LinkedHashMap<>(),
                        SimResponse.Fault.NONE,
                        delay);
            default:
                int status = fault.status();
                int code = status == 503 ? 20503 : status == 429 ? 20429 : status >= 500 ? 20500 : 20001;
                String message =
                        status == 503 ? "Service unavailable" : status >= 500 ? "Internal Server Error" : "Error";
                return SimResponse.json(status, Json.error(status, code, message))
                        .withDelay(delay);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Routing and authentication

    private SimResponse route(SimRequest request, Form form, Endpoint endpoint, List<CallbackDispatcher.Work> emitted) {
        String path = request.path();
        String method = request.method();
        if (endpoint == Endpoint.UNKNOWN) {
            throw TwilioError.notFound(path);
        }
        if (endpoint == Endpoint.MESSAGING_SERVICES) {
            Principal principal = authenticate(request, null, endpoint);
            registrations.applyDue(emitted);
            return messagingServices(principal, method, path, form);
        }
        switch (endpoint) {
            case TRUSTHUB, BRAND_REGISTRATIONS, CAMPAIGNS, TOLLFREE_VERIFICATIONS, EVENT_SINKS, EVENT_SUBSCRIPTIONS -> {
                Principal principal = authenticate(request, null, endpoint);
                registrations.applyDue(emitted);
                return switch (endpoint) {
                    case TRUSTHUB -> trustHub.handle(principal, method, path, form);
                    case BRAND_REGISTRATIONS, CAMPAIGNS -> a2p.handle(principal, method, path, form);
                    case TOLLFREE_VERIFICATIONS -> tollFreeApi.handle(principal, method, path, form);
                    default -> eventStreams.handle(principal, method, path, form);
                };
            }
            default -> {
                // API 2010 below
            }
        }
        if (endpoint == Endpoint.ACCOUNTS && ACCOUNTS.matcher(path).matches()) {
            Principal principal = authenticate(request, null, endpoint);
            return method.equals("POST") ? createSubaccount(principal, form) : listAccounts(principal, form, path);
        }
        Matcher account = ACCOUNT.matcher(path);
        if (account.matches()) {
            Principal principal = authenticate(request, account.group(1), endpoint);
            if (method.equals("GET")) {
                return SimResponse.json(200, Json.write(accountJson(principal.account)));
            }
            if (method.equals("POST")) {
                return updateAccount(principal, form);
            }
            throw TwilioError.notFound(path);
        }
        Matcher sub = SUBRESOURCE.matcher(path);
        if (!sub.matches()) {
            throw TwilioError.notFound(path);
        }
        Principal principal = authenticate(request, sub.group(1), endpoint);
        String rest = sub.group(2);
        Matcher m;
        switch (endpoint) {
            case BALANCE:
                return balance(principal, path);
            case USAGE:
                return usageRecords(principal, form, path);
            case AVAILABLE_NUMBERS:
                m = AVAILABLE.matcher(rest);
                m.matches();
                return searchAvailable(principal, m.group(1), m.group(2), form, path);
            case NUMBER_PURCHASE:
                m = INCOMING.matcher(rest);
                m.matches();
                return purchase(principal, m.group(1) == null ? null : NumberType.fromResource(m.group(1)), form);
            case NUMBER_READ:
                m = INCOMING_ONE.matcher(rest);
                if (m.matches()) {
                    return SimResponse.json(200, Json.write(numberJson(ownedNumber(principal, m.group(1), path))));
                }
                return listNumbers(principal, form, path);
            case NUMBER_UPDATE:
                m = INCOMING_ONE.matcher(rest);
                m.matches();
                return updateNumber(principal, ownedNumber(principal, m.group(1), path), form);
            case NUMBER_RELEASE:
                m = INCOMING_ONE.matcher(rest);
                m.matches();
                releaseNumber(ownedNumber(principal, m.group(1), path));
                return SimResponse.empty(204);
            case MESSAGE_CREATE:
                registrations.applyDue(emitted);
                return createMessage(principal, form, emitted);
            case MESSAGE_READ:
                m = MEDIA_ONE.matcher(rest);
                if (m.matches()) {
                    return media(principal, m.group(1), m.group(2), path);
                }
                m = MESSAGE_ONE.matcher(rest);
                if (m.matches()) {
                    return messageOperation(principal, method, m.group(1), form, path, emitted);
                }
                return listMessages(principal, form, path);
            case KEYS:
                return keys(principal, method, rest, form, path);
            case APPLICATIONS:
                return applications(principal, method, rest, form, path);
            case ADDRESSES:
                return trustHub.addresses(principal, method, rest, form, path);
            default:
                throw TwilioError.notFound(path);
        }
    }

    /** Who is calling, and the account the call acts on. */
    static final class Principal {
        final Account account;
        final boolean test;

        Principal(Account account, boolean test) {
            this.account = account;
            this.test = test;
        }
    }

    private static String[] basicAuth(SimRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new String[] {null, null};
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new String[] {null, null};
        }
        int colon = decoded.indexOf(':');
        return colon < 0
                ? new String[] {decoded, ""}
                : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private Principal authenticate(SimRequest request, @Nullable String pathAccountSid, Endpoint endpoint) {
        String[] credentials = basicAuth(request);
        String user = credentials[0];
        String password = credentials[1];
        if (user == null) {
            throw TwilioError.authenticate("Authenticate");
        }
        Account caller;
        boolean test = false;
        if (user.startsWith("AC")) {
            caller = accounts.get(user);
            if (caller != null && !(password.equals(caller.authToken) || password.equals(caller.secondaryAuthToken))) {
                throw TwilioError.authenticate("Authenticate");
            }
            if (caller == null) {
                Account owner = accountsByTestSid.get(user);
                if (owner == null) {
                    throw TwilioError.authenticate("Authentication Error - invalid username");
                }
                if (!password.equals(owner.testToken)) {
                    throw TwilioError.authenticate("Authenticate");
                }
                caller = owner;
                test = true;
            }
        } else if (user.startsWith("SK")) {
            Key key = keys.get(user);
            if (key == null || !password.equals(key.secret)) {
                throw TwilioError.authenticate("Authenticate");
            }
            caller = accounts.get(key.accountSid);
        } else {
            throw TwilioError.authenticate("Authentication Error - invalid username");
        }
        if (test) {
            if (pathAccountSid == null || !pathAccountSid.equals(user)) {
                throw new TwilioError(403, 20008, "Resource not accessible with Test Account Credentials");
            }
            if (endpoint != Endpoint.NUMBER_PURCHASE && endpoint != Endpoint.MESSAGE_CREATE) {
                throw new TwilioError(403, 20008, "Resource not accessible with Test Account Credentials");
            }
            return new Principal(caller, true);
        }
        Account target = caller;
        if (pathAccountSid != null) {
            target = accounts.get(pathAccountSid);
            if (target == null) {
                throw TwilioError.notFound(request.path());
            }
            boolean allowed = target.sid.equals(caller.sid) || caller.sid.equals(target.ownerSid);
            if (!allowed) {
                throw TwilioError.authenticate("Authenticate");
            }
        }
        boolean fetchingAccount = endpoint == Endpoint.ACCOUNT_FETCH;
        boolean ownerManagingSubaccount =
                endpoint == Endpoint.ACCOUNTS && caller.isActive() && caller.sid.equals(target.ownerSid);
        if (!fetchingAccount && !ownerManagingSubaccount && (!caller.isActive() || !target.isActive())) {
            Account inactive = !caller.isActive() ? caller : target;
            throw TwilioError.authenticate("Authentication Error - account " + inactive.status);
        }
        if ("closed".equals(caller.status)) {
            throw TwilioError.authenticate("Authentication Error - account closed");
        }
        return new Principal(target, false);
    }

    // ---------------------------------------------------------------------------------------------
    // Accounts, keys, balance

    Account createAccount(@Nullable String ownerSid, String friendlyName) {
        synchronized (lock) {
            Instant now = clock.instant();
            Account account = new Account(
                    sids.next("AC"),
                    sids.nextToken("auth"),
                    sids.next("AC"),
                    sids.nextToken("test"),
                    friendlyName,
                    ownerSid,
                    ownerSid == null ? DEFAULT_BALANCE : BigDecimal.ZERO,
                    now);
            accounts.put(account.sid, account);
            accountsByTestSid.put(account.testSid, account);
            return account;
        }
    }

    private SimResponse createSubaccount(Principal principal, Form form) {
        if (principal.account.ownerSid != null) {
            throw TwilioError.authenticate("Authenticate");
        }
        String name = form.get("FriendlyName");
        Account sub = createAccount(
                principal.account.sid,
                name == null || name.isBlank() ? "SubAccount Created at " + Json.rfc2822(clock.instant()) : name);
        return SimResponse.json(201, Json.write(accountJson(sub)));
    }

    private SimResponse listAccounts(Principal principal, Form form, String path) {
        List<ObjectNode> result = new ArrayList<>();
        String friendlyName = form.get("FriendlyName");
        String status = form.get("Status");
        for (Account account : accounts.values()) {
            boolean visible = account == principal.account || principal.account.sid.equals(account.ownerSid);
            if (visible
                    && (friendlyName == null || friendlyName.equals(account.friendlyName))
                    && (status == null || status.equalsIgnoreCase(account.status))) {
                result.add(accountJson(account));
            }
        }
        return page("accounts", result, path, form);
    }

    private SimResponse updateAccount(Principal principal, Form form) {
        Account account = principal.account;
        String status = form.get("Status");
        if (status != null) {
            String wanted = status.toLowerCase(Locale.ROOT);
            if (!Set.of("active", "suspended", "closed").contains(wanted)) {
                throw TwilioError.badRequest(20001, "Invalid Status: " + status);
            }
            if ("closed".equals(account.status) && !"closed".equals(wanted)) {
                throw TwilioError.badRequest(20001, "A closed account cannot be reopened");
            }
            setStatus(account, wanted);
        }
        String name = form.get("FriendlyName");
        if (name != null) {
            account.friendlyName = name;
        }
        account.updated = clock.instant();
        return SimResponse.json(200, Json.write(accountJson(account)));
    }

    /** Changes an account's status; closing it releases its numbers and closes its subaccounts. */
    void setStatus(Account account, String status) {
        synchronized (lock) {
            account.status = status;
            account.updated = clock.instant();
            if ("closed".equals(status)) {
                for (Number number : new ArrayList<>(numbers.values())) {
                    if (number.accountSid.equals(account.sid)) {
                        releaseNumber(number);
                    }
                }
                for (Account sub : accounts.values()) {
                    if (account.sid.equals(sub.ownerSid) && !"closed".equals(sub.status)) {
                        setStatus(sub, "closed");
                    }
                }
            }
        }
    }

    /**
     * {@code Usage/Records.json}: the account's charges (and its subaccounts', unless {@code
     * IncludeSubaccounts=false}) from {@code StartDate} to {@code EndDate} (GMT dates, inclusive),
     * one record per category; parent categories sum their children.
     */
    private SimResponse usageRecords(Principal principal, Form form, String path) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        java.time.LocalDate start = usageDate(form.get("StartDate"), principal.account.created, "StartDate");
        java.time.LocalDate end = usageDate(form.get("EndDate"), clock.instant(), "EndDate");
        String only = form.get("Category");
        if (only != null && !USAGE_CATEGORIES.contains(only)) {
            throw TwilioError.badRequest(20001, "Invalid Category: " + only);
        }
        boolean subaccounts = !"false".equalsIgnoreCase(form.get("IncludeSubaccounts"));
        String sid = principal.account.sid;
        List<ObjectNode> records = new ArrayList<>();
        for (String category : USAGE_CATEGORIES) {
            if (only != null && !only.equals(category)) {
                continue;
            }
            long count = 0;
            BigDecimal price = BigDecimal.ZERO;
            for (Charge charge : charges) {
                Account owner = accounts.get(charge.accountSid());
                boolean mine =
                        charge.accountSid().equals(sid) || (subaccounts && owner != null && sid.equals(owner.ownerSid));
                java.time.LocalDate day = java.time.LocalDate.ofInstant(charge.at(), java.time.ZoneOffset.UTC);
                if (mine
                        && !day.isBefore(start)
                        && !day.isAfter(end)
                        && (category.equals("totalprice")
                                || charge.category().equals(category)
                                || charge.category().startsWith(category + "-"))) {
                    count += charge.count();
                    price = price.add(charge.price());
                }
            }
            ObjectNode node = Json.object();
            node.put("account_sid", sid);
            node.put("api_version", "2010-04-01");
            node.put(
                    "as_of",
                    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            clock.instant().atOffset(java.time.ZoneOffset.UTC).withNano(0)));
            node.put("category", category);
            String unit = category.startsWith("phonenumbers")
                    ? "phonenumbers"
                    : category.equals("totalprice") ? "usd" : "messages";
            node.put("count", String.valueOf(category.equals("totalprice") ? 0 : count));
            node.put("count_unit", unit);
            node.put("description", usageDescription(category));
            node.put("end_date", end.toString());
            node.put("price", price.setScale(5, java.math.RoundingMode.HALF_UP));
            node.put("price_unit", "usd");
            node.put("start_date", start.toString());
            ObjectNode subresources = node.putObject("subresource_uris");
            String base = API + "/Accounts/" + sid + "/Usage/Records";
            for (String sub : List.of(
                    "all_time", "daily", "last_month", "monthly", "this_month", "today", "yearly", "yesterday")) {
                subresources.put(sub, base + "/" + camel(sub) + ".json?Category=" + category);
            }
            node.put("uri", base + ".json?Category=" + category + "&StartDate=" + start + "&EndDate=" + end);
            node.put(
                    "usage",
                    category.equals("totalprice")
                            ? price.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                            : String.valueOf(count));
            node.put("usage_unit", unit);
            records.add(node);
        }
        if (today.isBefore(start)) {
            records.clear();
        }
        return page("usage_records", records, path, form);
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        for (String part : snake.split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static String usageDescription(String category) {
        switch (category) {
            case "totalprice":
                return "Total Price";
            case "sms":
                return "SMS";
            case "sms-outbound":
                return "Outbound SMS";
            case "mms":
                return "MMS";
            case "mms-outbound":
                return "Outbound MMS";
            case "phonenumbers":
                return "Phone Numbers";
            case "phonenumbers-local":
                return "Local Phone Numbers";
            case "phonenumbers-tollfree":
                return "Toll-Free Phone Numbers";
            default:
                return "Mobile Phone Numbers";
        }
    }

    private static java.time.LocalDate usageDate(@Nullable String value, Instant fallback, String name) {
        if (value == null || value.isBlank()) {
            return java.time.LocalDate.ofInstant(fallback, java.time.ZoneOffset.UTC);
        }
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw TwilioError.badRequest(20001, "Invalid " + name + ": " + value);
        }
    }

    private SimResponse balance(Principal principal, String path) {
        Account account = principal.account;
        if (account.ownerSid != null) {
            // "Child accounts do not contain balance information."
            throw TwilioError.notFound(path);
        }
        ObjectNode node = Json.object();
        node.put("account_sid", account.sid);
        node.put("balance", Json.money(account.balance));
        node.put("currency", "USD");
        return SimResponse.json(200, Json.write(node));
    }

    String nextToken() {
        return sids.nextToken("auth");
    }

    Key createKey(Account account, String friendlyName) {
        synchronized (lock) {
            Key key = new Key(sids.next("SK"), sids.nextSecret(), account.sid, friendlyName, clock.instant());
            keys.put(key.sid, key);
            account.keys.put(key.sid, key);
            return key;
        }
    }

    private SimResponse keys(Principal principal, String method, String rest, Form form, String path) {
        Account account = principal.account;
        Matcher one = KEY_ONE.matcher(rest);
        if (!one.matches()) {
            if (method.equals("POST")) {
                String name = form.get("FriendlyName");
                Key key = createKey(account, name == null ? "" : name);
                return SimResponse.json(201, Json.write(keyJson(key, true)));
            }
            List<ObjectNode> list = new ArrayList<>();
            account.keys.values().forEach(key -> list.add(keyJson(key, false)));
            return page("keys", list, path, form);
        }
        Key key = account.keys.get(one.group(1));
        if (key == null) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                account.keys.remove(key.sid);
                keys.remove(key.sid);
                return SimResponse.empty(204);
            case "POST":
                if (form.get("FriendlyName") != null) {
                    key.friendlyName = form.get("FriendlyName");
                }
                key.updated = clock.instant();
                return SimResponse.json(200, Json.write(keyJson(key, false)));
            default:
                return SimResponse.json(200, Json.write(keyJson(key, false)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Available numbers

    private SimResponse searchAvailable(Principal principal, String country, String resource, Form form, String path) {
        NumberType type = NumberType.fromResource(resource);
        if (type == null || !inventory.knowsCountry(country)) {
            throw TwilioError.notFound(path);
        }
        String areaCode = form.get("AreaCode");
        if (areaCode != null && !areaCode.matches("[2-9][0-9]{2}")) {
            throw TwilioError.badRequest(21451, "Invalid area code: " + areaCode);
        }
        String contains = form.get("Contains");
        Predicate<String> containsMatch = contains == null ? n -> true : containsPattern(contains);
        String region = form.get("InRegion");
        String locality = form.get("InLocality");
        String postalCode = form.get("InPostalCode");
        Boolean smsEnabled = form.bool("SmsEnabled");
        Boolean mmsEnabled = form.bool("MmsEnabled");
        Boolean voiceEnabled = form.bool("VoiceEnabled");
        boolean excludeAll = Boolean.TRUE.equals(form.bool("ExcludeAllAddressRequired"));
        boolean excludeLocal = Boolean.TRUE.equals(form.bool("ExcludeLocalAddressRequired"));
        boolean excludeForeign = Boolean.TRUE.equals(form.bool("ExcludeForeignAddressRequired"));
        List<ObjectNode> result = new ArrayList<>();
        for (InventoryNumber number : inventory.available(country, type)) {
            String national = nationalDigits(number.phoneNumber());
            if (areaCode != null && !(number.phoneNumber().startsWith("+1") && national.startsWith(areaCode))) {
                continue;
            }
            if (!containsMatch.test(number.phoneNumber())
                    || (region != null && !region.equalsIgnoreCase(number.region()))
                    || (locality != null && !locality.equalsIgnoreCase(number.locality()))
                    || (postalCode != null
                            && !postalCode
                                    .replace(" ", "")
                                    .equalsIgnoreCase(
                                            String.valueOf(number.postalCode()).replace(" ", "")))
                    || (smsEnabled != null && smsEnabled != number.sms())
                    || (mmsEnabled != null && mmsEnabled != number.mms())
                    || (voiceEnabled != null && voiceEnabled != number.voice())
                    || (excludeAll && !number.addressRequirements().equals("none"))
                    || (excludeLocal && number.addressRequirements().equals("local"))
                    || (excludeForeign && number.addressRequirements().equals("foreign"))) {
                continue;
            }
            result.add(availableJson(number));
        }
        return page("available_phone_numbers", result, path, form);
    }

    /**
     * Twilio's {@code Contains}: digits and letters (read as keypad digits), {@code *} for any
     * digit; a leading {@code +} anchors the pattern at the start of the E.164 number, otherwise it
     * matches anywhere.
     */
    private static Predicate<String> containsPattern(String contains) {
        String pattern = contains.trim();
        if (pattern.length() < 2 || pattern.length() > 16 || !pattern.matches("\\+?[0-9A-Za-z*]+")) {
            throw TwilioError.badRequest(21451, "Contains must be 2 to 16 characters: digits, letters or *");
        }
        boolean anchored = pattern.startsWith("+");
        StringBuilder regex = new StringBuilder(anchored ? "^\\+" : "");
        for (char c : (anchored ? pattern.substring(1) : pattern).toCharArray()) {
            regex.append(c == '*' ? "[0-9]" : String.valueOf(keypad(c)));
        }
        Pattern compiled = Pattern.compile(regex.toString());
        return number ->
                compiled.matcher(anchored ? number : number.substring(1)).find();
    }

    private static char keypad(char c) {
        char upper = Character.toUpperCase(c);
        if (upper >= '0' && upper <= '9') {
            return upper;
        }
        String keys = "22233344455566677778889999";
        return keys.charAt(upper - 'A');
    }

    private static String nationalDigits(String e164) {
        try {
            return String.valueOf(PHONES.parse(e164, "ZZ").getNationalNumber());
        } catch (NumberParseException e) {
            return e164;
        }
    }

    List<InventoryNumber> available(String country, NumberType type) {
        synchronized (lock) {
            return inventory.available(country, type);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Incoming numbers

    private SimResponse purchase(Principal principal, @Nullable NumberType subresource, Form form) {
        String phoneNumber = form.get("PhoneNumber");
        String areaCode = form.get("AreaCode");
        if (principal.test) {
            return testPurchase(principal, phoneNumber, areaCode);
        }
        if (phoneNumber == null && areaCode == null) {
            throw TwilioError.badRequest(21421, "You must provide an AreaCode or a PhoneNumber");
        }
        Account account = principal.account;
        InventoryNumber chosen;
        if (phoneNumber != null) {
            String e164 = phoneNumber.trim();
            if (!isValidE164(e164)) {
                throw TwilioError.badRequest(21421, "PhoneNumber " + phoneNumber + " is invalid");
            }
            chosen = inventory.forSale(e164);
            if (chosen == null || (subresource != null && chosen.type() != subresource)) {
                throw TwilioError.badRequest(21422, e164 + " is not available");
            }
        } else {
            if (subresource != null && subresource != NumberType.LOCAL) {
                throw TwilioError.badRequest(21457, "AreaCode parameter not supported");
            }
            if (!areaCode.matches("[2-9][0-9]{2}")) {
                throw TwilioError.badRequest(21451, "Invalid area code: " + areaCode);
            }
            chosen = null;
            for (String country : List.of("US", "CA")) {
                for (InventoryNumber candidate : inventory.available(country, NumberType.LOCAL)) {
                    if (nationalDigits(candidate.phoneNumber()).startsWith(areaCode)) {
                        chosen = candidate;
                        break;
                    }
                }
                if (chosen != null) {
                    break;
                }
            }
            if (chosen == null) {
                throw TwilioError.badRequest(21452, "No phone numbers found in area code " + areaCode);
            }
        }
        if ("Trial".equals(account.type) && ownedBy(account.sid) >= 1) {
            throw TwilioError.badRequest(
                    21404,
                    "Trial accounts are allowed only one Twilio number. To purchase"
                            + " additional numbers, please upgrade your account.");
        }
        if (!chosen.addressRequirements().equals("none")
                && form.get("AddressSid") == null
                && form.get("BundleSid") == null) {
            throw TwilioError.badRequest(
                    21631,
                    "Phone Number Requires an Address: " + chosen.phoneNumber() + " requires an address ("
                            + chosen.addressRequirements() + ")");
        }
        Account payer = accounts.get(account.billingSid());
        if (payer.balance.compareTo(chosen.monthlyPrice()) < 0) {
            throw TwilioError.badRequest(
                    20005, "Account not active: insufficient funds to purchase " + chosen.phoneNumber());
        }
        String friendlyName = form.get("FriendlyName");
        Number number = new Number(
                sids.next("PN"),
                account.sid,
                chosen,
                friendlyName == null ? chosen.friendlyName() : friendlyName,
                clock.instant());
        applyNumberSettings(number, form);
        payer.balance = payer.balance.subtract(chosen.monthlyPrice());
        charges.add(new Charge(
                account.sid, "phonenumbers-" + chosen.type().apiName(), clock.instant(), 1, chosen.monthlyPrice()));
        inventory.markSold(chosen.phoneNumber());
        numbers.put(number.sid, number);
        numbersByPhone.put(number.phoneNumber, number);
        return SimResponse.json(201, Json.write(numberJson(number)));
    }

    private SimResponse testPurchase(Principal principal, @Nullable String phoneNumber, @Nullable String areaCode) {
        if ("+15005550000".equals(phoneNumber)) {
            throw TwilioError.badRequest(21422, "+15005550000 is not available");
        }
        if ("+15005550001".equals(phoneNumber)) {
            throw TwilioError.badRequest(21421, "+15005550001 is not a valid number");
        }
        if ("533".equals(areaCode)) {
            throw TwilioError.badRequest(21452, "No phone numbers found in area code 533");
        }
        if (!"+15005550006".equals(phoneNumber) && !"500".equals(areaCode)) {
            throw TwilioError.badRequest(21422, (phoneNumber == null ? areaCode : phoneNumber) + " is not available");
        }
        InventoryNumber magic = new InventoryNumber(
                "+15005550006",
                "(500) 555-0006",
                "US",
                NumberType.LOCAL,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "none",
                false,
                false,
                false,
                BigDecimal.ZERO);
        Number number =
                new Number(sids.next("PN"), principal.account.testSid, magic, magic.friendlyName(), clock.instant());
        return SimResponse.json(201, Json.write(numberJson(number)));
    }

    private int ownedBy(String accountSid) {
        int count = 0;
        for (Number number : numbers.values()) {
            if (number.accountSid.equals(accountSid)) {
                count++;
            }
        }
        return count;
    }

    private Number ownedNumber(Principal principal, String sid, String path) {
        Number number = numbers.get(sid);
        if (number == null || !number.accountSid.equals(principal.account.sid)) {
            throw TwilioError.notFound(path);
        }
        return number;
    }

    private SimResponse listNumbers(Principal principal, Form form, String path) {
        String phone = form.get("PhoneNumber");
        String friendlyName = form.get("FriendlyName");
        Pattern phonePattern = phone == null
                ? null
                : Pattern.compile(Pattern.quote(phone.trim()).replace("*", "\\E[0-9]\\Q"));
        List<ObjectNode> result = new ArrayList<>();
        for (Number number : numbers.values()) {
            if (!number.accountSid.equals(principal.account.sid)) {
                continue;
            }
            if (phonePattern != null
                    && !phonePattern.matcher(number.phoneNumber).find()) {
                continue;
            }
            if (friendlyName != null && !friendlyName.equals(number.friendlyName)) {
                continue;
            }
            result.add(numberJson(number));
        }
        return page("incoming_phone_numbers", result, path, form);
    }

    private SimResponse updateNumber(Principal principal, Number number, Form form) {
        String moveTo = form.get("AccountSid");
        if (moveTo != null && !moveTo.equals(number.accountSid)) {
            Account target = accounts.get(moveTo);
            Account owner = principal.account;
            boolean related = target != null && (owner.sid.equals(target.ownerSid) || moveTo.equals(owner.ownerSid));
            if (!related) {
                throw TwilioError.badRequest(20001, "AccountSid " + moveTo + " is not related to this account");
            }
        }
        applyNumberSettings(number, form);
        if (moveTo != null) {
            number.accountSid = moveTo;
        }
        number.updated = clock.instant();
        return SimResponse.json(200, Json.write(numberJson(number)));
    }

    private void applyNumberSettings(Number number, Form form) {
        String smsUrl = form.get("SmsUrl");
        if (smsUrl != null) {
            number.smsUrl = checkUrl(smsUrl, "SmsUrl");
        }
        String smsMethod = form.get("SmsMethod");
        if (smsMethod != null) {
            number.smsMethod = checkMethod(smsMethod, "SmsMethod");
        }
        String fallback = form.get("SmsFallbackUrl");
        if (fallback != null) {
            if (!fallback.isEmpty() && number.smsUrl.isEmpty()) {
                throw TwilioError.badRequest(21406, "Cannot set SmsFallbackUrl without setting SmsUrl");
            }
            number.smsFallbackUrl = checkUrl(fallback, "SmsFallbackUrl");
        }
        if (form.get("SmsFallbackMethod") != null) {
            number.smsFallbackMethod = checkMethod(form.get("SmsFallbackMethod"), "SmsFallbackMethod");
        }
        String app = form.get("SmsApplicationSid");
        if (app != null) {
            if (!app.isEmpty() && !applications.containsKey(app)) {
                throw TwilioError.badRequest(21606, "SmsApplicationSid " + app + " is not a valid application");
            }
            number.smsApplicationSid = app;
        }
        String statusCallback = form.get("StatusCallback");
        if (statusCallback != null) {
            number.statusCallback = checkUrl(statusCallback, "StatusCallback");
        }
        if (form.get("StatusCallbackMethod") != null) {
            number.statusCallbackMethod = checkMethod(form.get("StatusCallbackMethod"), "StatusCallbackMethod");
        }
        if (form.get("VoiceUrl") != null) {
            number.voiceUrl = checkUrl(form.get("VoiceUrl"), "VoiceUrl");
        }
        if (form.get("VoiceMethod") != null) {
            number.voiceMethod = checkMethod(form.get("VoiceMethod"), "VoiceMethod");
        }
        if (form.get("VoiceApplicationSid") != null) {
            number.voiceApplicationSid = form.get("VoiceApplicationSid");
        }
        String friendlyName = form.get("FriendlyName");
        if (friendlyName != null) {
            if (friendlyName.length() > 64) {
                throw TwilioError.badRequest(20001, "FriendlyName must be at most 64 characters");
            }
            number.friendlyName = friendlyName;
        }
        if (form.get("AddressSid") != null) {
            number.addressSid = form.get("AddressSid");
        }
        if (form.get("BundleSid") != null) {
            number.bundleSid = form.get("BundleSid");
        }
    }

    static String checkUrl(String url, String field) {
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || uri.getHost().contains("_")) {
                throw TwilioError.badRequest(21502, "Invalid " + field + ": " + url);
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw TwilioError.badRequest(21502, "Invalid " + field + ": " + url);
        }
    }

    static String checkMethod(String method, String field) {
        String upper = method.toUpperCase(Locale.ROOT);
        if (!upper.equals("GET") && !upper.equals("POST")) {
            throw TwilioError.badRequest(20001, field + " must be GET or POST");
        }
        return upper;
    }

    void releaseNumber(Number number) {
        synchronized (lock) {
            numbers.remove(number.sid);
            numbersByPhone.remove(number.phoneNumber);
            for (Service service : services.values()) {
                service.numberSids.remove(number.sid);
            }
            inventory.release(number.phoneNumber);
        }
    }

    Number buyDirectly(Account account, InventoryNumber chosen) {
        synchronized (lock) {
            if (inventory.forSale(chosen.phoneNumber()) == null) {
                throw new IllegalArgumentException(chosen.phoneNumber() + " is not for sale");
            }
            Number number = new Number(sids.next("PN"), account.sid, chosen, chosen.friendlyName(), clock.instant());
            inventory.markSold(chosen.phoneNumber());
            numbers.put(number.sid, number);
            numbersByPhone.put(number.phoneNumber, number);
            return number;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Messages

    private SimResponse createMessage(Principal principal, Form form, List<CallbackDispatcher.Work> emitted) {
        String to = trimmed(form.get("To"));
        String from = trimmed(form.get("From"));
        String serviceSid = trimmed(form.get("MessagingServiceSid"));
        String body = form.get("Body") == null ? "" : form.get("Body");
        LeakCanaries.register(body);
        List<String> media = form.all("MediaUrl");
        String statusCallback = trimmed(form.get("StatusCallback"));
        if (to == null || to.isEmpty()) {
            throw TwilioError.badRequest(21604, "A 'To' phone number is required.");
        }
        if ((from == null || from.isEmpty()) && (serviceSid == null || serviceSid.isEmpty())) {
            throw TwilioError.badRequest(
                    21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
        }
        if (body.isEmpty() && media.isEmpty()) {
            throw TwilioError.badRequest(21602, "Message body is required.");
        }
        if (body.length() > 1600) {
            throw TwilioError.badRequest(21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (media.size() > 10) {
            throw TwilioError.badRequest(21623, "Number of media files exceeds allowed limit");
        }
        if (statusCallback != null && !statusCallback.isEmpty()) {
            try {
                checkUrl(statusCallback, "StatusCallback");
            } catch (TwilioError e) {
                throw TwilioError.badRequest(21609, "Invalid 'StatusCallback': " + statusCallback);
            }
        }
        Integer validity = validityPeriod(form.get("ValidityPeriod"));
        Instant sendAt = sendAt(form, serviceSid);
        if (principal.test) {
            return testMessage(principal, from, to, body);
        }
        Account account = principal.account;
        if (!isValidE164(to)) {
            throw TwilioError.badRequest(21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        Number sender;
        String senderKey;
        Service service = null;
        if (from != null && !from.isEmpty()) {
            if (!isValidE164(from)) {
                throw TwilioError.badRequest(
                        21212,
                        "The 'From' number " + from + " is not a valid phone number,"
                                + " shortcode, or alphanumeric sender ID.");
            }
            sender = numbersByPhone.get(from);
            if (sender == null || !sender.accountSid.equals(account.sid) || !sender.sms) {
                throw TwilioError.badRequest(
                        21606,
                        "The From phone number " + from + " is not a valid, SMS-capable"
                                + " inbound phone number or short code for your account.");
            }
            service = serviceHolding(sender.sid);
            senderKey = service != null ? service.sid : sender.phoneNumber;
        } else {
            service = services.get(serviceSid);
            if (service == null || !service.accountSid.equals(account.sid)) {
                throw TwilioError.badRequest(21701, "The Messaging Service Sid " + serviceSid + " is invalid.");
            }
            sender = null;
            for (String numberSid : service.numberSids) {
                Number candidate = numbers.get(numberSid);
                if (candidate != null && candidate.sms) {
                    sender = candidate;
                    break;
                }
            }
            if (sender == null) {
                throw TwilioError.badRequest(21704, "The Messaging Service contains no phone numbers");
            }
            senderKey = service.sid;
        }
        if ("Trial".equals(account.type)
                && !accounts.get(account.billingSid()).verifiedCallerIds.contains(to)
                && !account.verifiedCallerIds.contains(to)) {
            throw TwilioError.badRequest(
                    21608,
                    "The number " + to + " is unverified. Trial accounts cannot send"
                            + " messages to unverified numbers; verify " + to
                            + " at twilio.com/user/account/phone-numbers/"
                            + "verified, or purchase a Twilio number to send messages to unverified numbers.");
        }
        String country = regionOf(to);
        if (account.blockedCountries.contains(country)
                || accounts.get(account.billingSid()).blockedCountries.contains(country)) {
            throw TwilioError.badRequest(
                    21408,
                    "Permission to send an SMS has not been enabled for the region" + " indicated by the 'To' number: "
                            + to + ".");
        }
        if (optOuts.contains(senderKey + "|" + to)) {
            throw TwilioError.badRequest(21610, "Attempt to send to unsubscribed recipient");
        }
        if (landlines.contains(to)) {
            throw TwilioError.badRequest(21614, "To number: " + to + ", is not a mobile number");
        }
        if (unreachable.contains(to)) {
            throw TwilioError.badRequest(
                    21612,
                    "The 'To' phone number: " + to + ", is not currently reachable" + " using the 'From' phone number: "
                            + sender.phoneNumber + " via SMS.");
        }
        boolean serviceNamed = serviceSid != null && !serviceSid.isEmpty();
        if (sendAt == null
                && !serviceNamed
                && outbound.pacing()
                && outbound.backlog(sender.phoneNumber, clock.instant()).compareTo(outbound.queueTime()) > 0) {
            // Without a Messaging Service, a full queue refuses the message (COMPLIANCE.md §4).
            throw TwilioError.badRequest(
                    21611, "This 'From' number has exceeded the maximum number of queued messages");
        }
        String text = "Trial".equals(account.type) ? TRIAL_PREFIX + body : body;
        int segments = io.tenanttwilio.messaging.SmsSegments.count(text);
        BigDecimal cost = media.isEmpty()
                ? ("US".equals(country) || "CA".equals(country) ? NANP_SEGMENT_PRICE : INTERNATIONAL_SEGMENT_PRICE)
                        .multiply(BigDecimal.valueOf(segments))
                : MMS_PRICE;
        Account payer = accounts.get(account.billingSid());
        if (payer.balance.compareTo(cost) < 0) {
            throw TwilioError.badRequest(20005, "Account not active: insufficient funds");
        }
        boolean viaService = from == null || from.isEmpty();
        Message message = new Message(
                sids.next(media.isEmpty() ? "SM" : "MM"),
                account.sid,
                "outbound-api",
                sender.phoneNumber,
                to,
                text,
                media,
                List.of(),
                sendAt != null ? "scheduled" : viaService ? "accepted" : "queued",
                segments,
                cost,
                service != null ? service.sid : null,
                statusCallback != null && !statusCallback.isEmpty()
                        ? statusCallback
                        : service != null && !service.statusCallback.isEmpty() ? service.statusCallback : null,
                clock.instant());
        payer.balance = payer.balance.subtract(cost);
        charges.add(new Charge(
                account.sid,
                media.isEmpty() ? "sms-outbound" : "mms-outbound",
                clock.instant(),
                media.isEmpty() ? segments : 1,
                cost,
                message.sid));
        messages.put(message.sid, message);
        if (sendAt != null) {
            outbound.schedule(sender.phoneNumber, message.sid, sendAt, validity);
            startTicker();
        } else if (outbound.pacing()) {
            if (viaService) {
                emitted.add(new CallbackDispatcher.Batch(
                        message.sid, List.of(new CallbackDispatcher.Event("queued", null))));
            }
            outbound.enqueue(sender.phoneNumber, message.sid, message.created, segments, validity);
            startTicker();
        } else {
            emitted.add(progression(message, viaService, registrations.carrierBlock(sender, to)));
        }
        return SimResponse.json(201, Json.write(messageJson(message)));
    }

    /** {@code ValidityPeriod}: whole seconds from 1 to 36,000, or {@code null} when not given. */
    private static @Nullable Integer validityPeriod(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > MAX_VALIDITY_SECONDS) {
            throw TwilioError.badRequest(21624, "Invalid validity period value");
        }
        return seconds;
    }

    /**
     * When a scheduled message is to be sent ({@code ScheduleType=fixed} with {@code SendAt}), or
     * {@code null} for a message to send now. Scheduling needs a Messaging Service, and a {@code
     * SendAt} more than 5 minutes and at most 35 days ahead (COMPLIANCE.md §4).
     */
    private @Nullable Instant sendAt(Form form, @Nullable String serviceSid) {
        String type = trimmed(form.get("ScheduleType"));
        if (type == null || type.isEmpty()) {
            return null;
        }
        if (!type.equals("fixed")) {
            throw TwilioError.badRequest(35126, "The ScheduleType value provided is not supported for this channel");
        }
        String value = trimmed(form.get("SendAt"));
        if (value == null || value.isEmpty()) {
            throw TwilioError.badRequest(35111, "SendAt timestamp is missing");
        }
        if (serviceSid == null || serviceSid.isEmpty()) {
            throw TwilioError.badRequest(35118, "MessagingServiceSid is required to schedule a message");
        }
        Instant when = isoInstant(value);
        Instant now = clock.instant();
        if (when == null || !when.isAfter(now.plus(MIN_SCHEDULE_LEAD)) || when.isAfter(now.plus(MAX_SCHEDULE_LEAD))) {
            throw TwilioError.badRequest(
                    35114,
                    "Scheduling does not support this timestamp: SendAt must be an ISO 8601 time more than 5"
                            + " minutes and at most 35 days ahead");
        }
        return when;
    }

    /**
     * An ISO 8601 date and time; one without an offset is UTC. twilio-java 13 sends {@code SendAt}
     * so, as {@code yyyy-MM-dd'T'HH:mm:ss} in the zone of the {@code ZonedDateTime} it was given,
     * whatever that zone.
     */
    private static @Nullable Instant isoInstant(String value) {
        java.time.temporal.TemporalAccessor parsed;
        try {
            parsed = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                || parsed.query(java.time.temporal.TemporalQueries.zoneId()) != null) {
            return java.time.ZonedDateTime.from(parsed).toInstant();
        }
        return java.time.LocalDateTime.from(parsed).toInstant(java.time.ZoneOffset.UTC);
    }

    private SimResponse testMessage(Principal principal, @Nullable String from, String to, String body) {
        if (from != null) {
            switch (from) {
                case "+15005550001":
                    throw TwilioError.badRequest(
                            21212,
                            "The 'From' number " + from + " is not a valid phone number,"
                                    + " shortcode, or alphanumeric sender ID.");
                case "+15005550008":
                    throw TwilioError.badRequest(
                            21611, "This 'From' number has exceeded the maximum number of queued" + " messages");
                case "+15005550006":
                    break;
                default:
                    throw TwilioError.badRequest(
                            21606,
                            "The From phone number " + from + " is not a valid,"
                                    + " SMS-capable inbound phone number or short code for your account.");
            }
        }
        switch (to) {
            case "+15005550001":
                throw TwilioError.badRequest(21211, "The 'To' number " + to + " is not a valid phone number.");
            case "+15005550002":
                throw TwilioError.badRequest(21612, "The 'To' phone number is not currently reachable via SMS");
            case "+15005550003":
                throw TwilioError.badRequest(
                        21408,
                        "Permission to send an SMS has not been enabled for the region"
                                + " indicated by the 'To' number: " + to + ".");
            case "+15005550004":
                throw TwilioError.badRequest(21610, "Attempt to send to unsubscribed recipient");
            case "+15005550009":
                throw TwilioError.badRequest(21614, "To number: " + to + ", is not a mobile number");
            default:
                if (!isValidE164(to)) {
                    throw TwilioError.badRequest(21211, "The 'To' number " + to + " is not a valid phone number.");
                }
        }
        Message message = new Message(
                sids.next("SM"),
                principal.account.testSid,
                "outbound-api",
                from == null ? "+15005550006" : from,
                to,
                body,
                List.of(),
                List.of(),
                "queued",
                io.tenanttwilio.messaging.SmsSegments.count(body),
                BigDecimal.ZERO,
                null,
                null,
                clock.instant());
        return SimResponse.json(201, Json.write(messageJson(message)));
    }

    /** The statuses a new message goes through, per the recipient's configured outcome. */
    private CallbackDispatcher.Batch progression(Message message, boolean viaService, @Nullable Integer carrierBlock) {
        DeliveryOutcome outcome = outcomes.getOrDefault(message.to, DeliveryOutcome.delivered());
        List<CallbackDispatcher.Event> events = new ArrayList<>();
        if (viaService) {
            events.add(new CallbackDispatcher.Event("queued", null));
        }
        if (carrierBlock != null) {
            // Accepted, then blocked by the carriers: unregistered 10DLC (30034), suspended
            // campaign (30033), unverified toll-free (30032).
            events.add(new CallbackDispatcher.Event("undelivered", carrierBlock));
            return new CallbackDispatcher.Batch(message.sid, events);
        }
        switch (outcome.finalStatus()) {
            case "failed":
                events.add(new CallbackDispatcher.Event("failed", outcome.errorCode()));
                break;
            case "sent":
                events.add(new CallbackDispatcher.Event("sent", null));
                break;
            default:
                events.add(new CallbackDispatcher.Event("sent", null));
                events.add(new CallbackDispatcher.Event(outcome.finalStatus(), outcome.errorCode()));
        }
        return new CallbackDispatcher.Batch(message.sid, events);
    }

    /**
     * Moves a message to the last status of {@code events}; returns the parameters of each
     * callback to post and where, or nothing when the message has no status callback.
     */
    CallbackDispatcher.@Nullable Target applyProgression(CallbackDispatcher.Batch batch) {
        synchronized (lock) {
            Message message = messages.get(batch.messageSid());
            if (message == null) {
                return null;
            }
            CallbackDispatcher.Event last = batch.events().get(batch.events().size() - 1);
            message.status = last.status();
            message.errorCode = last.errorCode();
            message.errorMessage = last.errorCode() == null ? null : errorMessage(last.errorCode());
            Instant now = clock.instant();
            message.updated = now;
            if (!Set.of("queued", "failed", "canceled").contains(last.status())) {
                // Sent when it left its queue, if it waited in one; else now.
                message.sent = message.leftQueue != null ? message.leftQueue : now;
                message.price = message.cost.negate();
            }
            Account account = accounts.get(message.accountSid);
            if (message.statusCallback == null || account == null) {
                return null;
            }
            return new CallbackDispatcher.Target(
                    message.statusCallback,
                    account.authToken,
                    message.accountSid,
                    message.from,
                    message.to,
                    message.messagingServiceSid);
        }
    }

    private static String errorMessage(int code) {
        return switch (code) {
            case OutboundQueues.QUEUE_OVERFLOW -> "Queue overflow";
            case OutboundQueues.VALIDITY_EXPIRED -> "Validity Period Expired";
            default -> "Error " + code;
        };
    }

    private SimResponse messageOperation(
            Principal principal,
            String method,
            String sid,
            Form form,
            String path,
            List<CallbackDispatcher.Work> emitted) {
        Message message = messages.get(sid);
        if (message == null || !message.accountSid.equals(principal.account.sid)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                outbound.cancel(sid);
                messages.remove(sid);
                return SimResponse.empty(204);
            case "POST":
                if ("".equals(form.get("Body"))) {
                    message.body = "";
                }
                String status = form.get("Status");
                if (status != null) {
                    if (!status.equalsIgnoreCase("canceled")) {
                        throw TwilioError.badRequest(20001, "Invalid Status: " + status);
                    }
                    cancel(message, emitted);
                }
                message.updated = clock.instant();
                return SimResponse.json(200, Json.write(messageJson(message)));
            default:
                return SimResponse.json(200, Json.write(messageJson(message)));
        }
    }

    /**
     * Cancels a scheduled message before its SendAt: it is {@code canceled}, not charged, and its
     * status callback says so; any other message answers 30409.
     */
    private void cancel(Message message, List<CallbackDispatcher.Work> emitted) {
        if (!outbound.cancel(message.sid)) {
            throw TwilioError.badRequest(30409, "This message cannot be canceled");
        }
        message.status = "canceled";
        Account payer = accounts.get(accounts.get(message.accountSid).billingSid());
        payer.balance = payer.balance.add(message.cost);
        charges.removeIf(charge -> message.sid.equals(charge.messageSid()));
        emitted.add(new CallbackDispatcher.Batch(message.sid, List.of(new CallbackDispatcher.Event("canceled", null))));
    }

    private SimResponse listMessages(Principal principal, Form form, String path) {
        String to = form.get("To");
        String from = form.get("From");
        List<Message> matching = new ArrayList<>();
        for (Message message : messages.values()) {
            if (message.accountSid.equals(principal.account.sid)
                    && (to == null || to.equals(message.to))
                    && (from == null || from.equals(message.from))) {
                matching.add(message);
            }
        }
        List<ObjectNode> result = new ArrayList<>();
        for (int i = matching.size() - 1; i >= 0; i--) {
            result.add(messageJson(matching.get(i)));
        }
        return page("messages", result, path, form);
    }

    // ---------------------------------------------------------------------------------------------
    // Inbound messages

    /** What the simulator posts for an inbound message, decided under the lock. */
    record InboundPlan(
            String messageSid,
            String accountSid,
            String url,
            String method,
            String fallbackUrl,
            String fallbackMethod,
            Map<String, List<String>> params,
            String token,
            String numberPhone) {}

    InboundPlan receiveInbound(String from, String to, String body, List<String> mediaUrls, List<String> mediaTypes) {
        return receiveInbound(null, from, to, body, mediaUrls, mediaTypes);
    }

    InboundPlan receiveInbound(
            @Nullable String chosenSid,
            String from,
            String to,
            String body,
            List<String> mediaUrls,
            List<String> mediaTypes) {
        synchronized (lock) {
            Number number = numbersByPhone.get(to);
            if (number == null) {
                throw new IllegalArgumentException("No simulated account owns " + to);
            }
            Account account = accounts.get(number.accountSid);
            Service service = serviceHolding(number.sid);
            boolean viaApplication =
                    !number.smsApplicationSid.isEmpty() && applications.containsKey(number.smsApplicationSid);
            // A service without its own URL that does not defer to the number's: Twilio neither logs
            // nor delivers the message (COMPLIANCE.md §5).
            boolean dropped = !viaApplication
                    && service != null
                    && !service.useInboundWebhookOnNumber
                    && service.inboundRequestUrl.isEmpty();
            Message message = new Message(
                    sids.next(mediaUrls.isEmpty() ? "SM" : "MM"),
                    account.sid,
                    "inbound",
                    from,
                    to,
                    body,
                    mediaUrls,
                    mediaTypes,
                    "received",
                    io.tenanttwilio.messaging.SmsSegments.count(body),
                    BigDecimal.ZERO,
                    service == null ? null : service.sid,
                    null,
                    clock.instant());
            message.price = NANP_SEGMENT_PRICE.negate();
            if (!dropped) {
                messages.put(message.sid, message);
            }

            String keyword = body.trim().toUpperCase(Locale.ROOT);
            String scope = (service != null ? service.sid : number.phoneNumber) + "|" + from;
            String optOutType = null;
            if (OPT_OUT.contains(keyword)) {
                optOuts.add(scope);
                optOutType = "STOP";
            } else if (OPT_IN.contains(keyword)) {
                optOuts.remove(scope);
                optOutType = "START";
            } else if (HELP.contains(keyword)) {
                optOutType = "HELP";
            }

            String url = number.smsUrl;
            String method = number.smsMethod;
            String fallbackUrl = number.smsFallbackUrl;
            String fallbackMethod = number.smsFallbackMethod;
            if (viaApplication) {
                Application application = applications.get(number.smsApplicationSid);
                url = application.smsUrl;
                method = application.smsMethod;
                fallbackUrl = application.smsFallbackUrl;
                fallbackMethod = application.smsFallbackMethod;
            } else if (service != null && !service.useInboundWebhookOnNumber) {
                url = service.inboundRequestUrl;
                method = service.inboundMethod;
                fallbackUrl = service.fallbackUrl;
                fallbackMethod = "POST";
            }
            InventoryNumber place = inventory.find(to);
            InventoryNumber origin = inventory.find(from);
            Map<String, List<String>> params = new LinkedHashMap<>();
            put(params, "ToCountry", number.isoCountry);
            put(params, "ToState", place == null ? "" : nullToEmpty(place.region()));
            put(params, "SmsMessageSid", message.sid);
            put(params, "NumMedia", Integer.toString(mediaUrls.size()));
            put(params, "ToCity", place == null ? "" : nullToEmpty(place.locality()));
            put(params, "FromZip", origin == null ? "" : nullToEmpty(origin.postalCode()));
            put(params, "SmsSid", message.sid);
            put(params, "FromState", origin == null ? "" : nullToEmpty(origin.region()));
            put(params, "SmsStatus", "received");
            put(params, "FromCity", origin == null ? "" : nullToEmpty(origin.locality()));
            put(params, "Body", body);
            LeakCanaries.register(body);
            put(params, "FromCountry", regionOf(from));
            put(params, "To", to);
            if (service != null) {
                put(params, "MessagingServiceSid", service.sid);
            }
            put(params, "ToZip", place == null ? "" : nullToEmpty(place.postalCode()));
            put(params, "NumSegments", Integer.toString(message.segments));
            put(params, "MessageSid", message.sid);
            put(params, "AccountSid", account.sid);
            put(params, "From", from);
            put(params, "ApiVersion", "2010-04-01");
            for (int i = 0; i < mediaUrls.size(); i++) {
                put(params, "MediaContentType" + i, i < mediaTypes.size() ? mediaTypes.get(i) : "image/jpeg");
                put(params, "MediaUrl" + i, mediaUrls.get(i));
            }
            if (optOutType != null && service != null && service.advancedOptOut) {
                put(params, "OptOutType", optOutType);
            }
            return new InboundPlan(
                    message.sid,
                    account.sid,
                    url,
                    method,
                    fallbackUrl,
                    fallbackMethod,
                    params,
                    account.authToken,
                    number.phoneNumber);
        }
    }

    /** Sends the messages a TwiML answer asked for, from the number that received the message. */
    void applyTwimlReply(InboundPlan plan, WebhookDelivery delivery, List<CallbackDispatcher.Work> emitted) {
        String contentType = delivery.attempts().isEmpty()
                ? null
                : delivery.attempts().get(delivery.attempts().size() - 1).contentType();
        if (!delivery.succeeded() || contentType == null || !contentType.contains("xml")) {
            return;
        }
        Matcher messageMatcher = TWIML_MESSAGE.matcher(delivery.responseBody());
        synchronized (lock) {
            while (messageMatcher.find()) {
                String inner = messageMatcher.group(1);
                Matcher bodyMatcher = TWIML_BODY.matcher(inner);
                String text = unescapeXml(bodyMatcher.find() ? bodyMatcher.group(1) : inner.replaceAll("<[^>]+>", ""));
                Message reply = new Message(
                        sids.next("SM"),
                        plan.accountSid(),
                        "outbound-reply",
                        plan.numberPhone(),
                        delivery.parameter("From"),
                        text,
                        List.of(),
                        List.of(),
                        "queued",
                        io.tenanttwilio.messaging.SmsSegments.count(text),
                        NANP_SEGMENT_PRICE.multiply(
                                BigDecimal.valueOf(io.tenanttwilio.messaging.SmsSegments.count(text))),
                        null,
                        null,
                        clock.instant());
                messages.put(reply.sid, reply);
                Number replier = numbersByPhone.get(plan.numberPhone());
                emitted.add(progression(
                        reply, false, replier == null ? null : registrations.carrierBlock(replier, reply.to)));
            }
        }
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
                .trim();
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** Keeps {@code content} as a media file of a message to come; returns its Twilio-style URL. */
    String hostMedia(String accountSid, String messageSid, String contentType, byte[] content) {
        synchronized (lock) {
            String sid = sids.next("ME");
            media.put(sid, new HostedMedia(accountSid, messageSid, contentType, content.clone()));
            return "https://api.twilio.com" + API + "/Accounts/" + accountSid + "/Messages/" + messageSid + "/Media/"
                    + sid;
        }
    }

    /** Twilio answers a media URL with a redirect to its storage, which needs no credentials. */
    private SimResponse media(Principal principal, String messageSid, String mediaSid, String path) {
        HostedMedia hosted = media.get(mediaSid);
        if (hosted == null
                || !hosted.accountSid().equals(principal.account.sid)
                || !hosted.messageSid().equals(messageSid)) {
            throw TwilioError.notFound(path);
        }
        return SimResponse.empty(302).withHeader("Location", MEDIA_STORAGE + mediaSid + "?Expires=3600");
    }

    /** The storage behind media URLs: no authentication, as with Twilio's. */
    SimResponse storedMedia(String path) {
        synchronized (lock) {
            String sid = path.substring(MEDIA_STORAGE.length());
            HostedMedia hosted = media.get(sid);
            return hosted == null
                    ? SimResponse.empty(404)
                    : SimResponse.bytes(200, hosted.contentType(), hosted.content());
        }
    }

    String nextSid(String prefix) {
        return sids.next(prefix);
    }

    Map<String, Service> servicesView() {
        return services;
    }

    String nextMessageSid(boolean mms) {
        return sids.next(mms ? "MM" : "SM");
    }

    // ---------------------------------------------------------------------------------------------
    // Messaging Services (messaging.twilio.com/v1)

    @Nullable
    Service serviceHolding(String numberSid) {
        for (Service service : services.values()) {
            if (service.numberSids.contains(numberSid)) {
                return service;
            }
        }
        return null;
    }

    @Nullable
    String serviceOf(String numberSid) {
        synchronized (lock) {
            Service service = serviceHolding(numberSid);
            return service == null ? null : service.sid;
        }
    }

    private SimResponse messagingServices(Principal principal, String method, String path, Form form) {
        Account account = principal.account;
        Matcher numberOne = SERVICE_NUMBER_ONE.matcher(path);
        Matcher numbersOf = SERVICE_NUMBERS.matcher(path);
        Matcher one = SERVICE_ONE.matcher(path);
        if (SERVICES.matcher(path).matches()) {
            if (method.equals("POST")) {
                String name = form.get("FriendlyName");
                if (name == null || name.isBlank()) {
                    throw TwilioError.badRequest(20001, "FriendlyName is required");
                }
                Service service = new Service(sids.next("MG"), account.sid, name, clock.instant());
                applyServiceSettings(service, form);
                services.put(service.sid, service);
                return SimResponse.json(201, Json.write(serviceJson(service)));
            }
            List<ObjectNode> list = new ArrayList<>();
            services.values().stream()
                    .filter(s -> s.accountSid.equals(account.sid))
                    .forEach(s -> list.add(serviceJson(s)));
            return v1Page("services", list, path, form);
        }
        String serviceSid = numberOne.matches()
                ? numberOne.group(1)
                : numbersOf.matches() ? numbersOf.group(1) : one.matches() ? one.group(1) : null;
        Service service = serviceSid == null ? null : services.get(serviceSid);
        if (service == null || !service.accountSid.equals(account.sid)) {
            throw TwilioError.notFound(path);
        }
        if (numberOne.matches()) {
            Number number = numbers.get(numberOne.group(2));
            if (number == null || !service.numberSids.contains(number.sid)) {
                throw TwilioError.notFound(path);
            }
            if (method.equals("DELETE")) {
                service.numberSids.remove(number.sid);
                return SimResponse.empty(204);
            }
            return SimResponse.json(200, Json.write(serviceNumberJson(service, number)));
        }
        if (numbersOf.matches()) {
            if (method.equals("POST")) {
                String numberSid = form.get("PhoneNumberSid");
                Number number = numberSid == null ? null : numbers.get(numberSid);
                if (number == null || !number.accountSid.equals(account.sid)) {
                    throw TwilioError.badRequest(
                            21606, "PhoneNumberSid " + numberSid + " is not a phone number of" + " this account");
                }
                Service holder = serviceHolding(number.sid);
                if (holder == service) {
                    throw TwilioError.badRequest(
                            21710, "Phone Number or Short Code is already in the Messaging" + " Service.");
                }
                if (holder != null) {
                    throw TwilioError.badRequest(
                            21712, "Phone Number or Short Code is associated with another Messaging Service.");
                }
                if (service.numberSids.size() >= MAX_SERVICE_NUMBERS) {
                    throw TwilioError.badRequest(21714, "Messaging Service Number Pool size limit reached");
                }
                service.numberSids.add(number.sid);
                return SimResponse.json(201, Json.write(serviceNumberJson(service, number)));
            }
            List<ObjectNode> list = new ArrayList<>();
            for (String sid : service.numberSids) {
                list.add(serviceNumberJson(service, numbers.get(sid)));
            }
            return v1Page("phone_numbers", list, path, form);
        }
        switch (method) {
            case "DELETE":
                services.remove(service.sid);
                registrations.campaigns.values().removeIf(campaign -> campaign.serviceSid.equals(service.sid));
                return SimResponse.empty(204);
            case "POST":
                applyServiceSettings(service, form);
                service.updated = clock.instant();
                return SimResponse.json(200, Json.write(serviceJson(service)));
            default:
                return SimResponse.json(200, Json.write(serviceJson(service)));
        }
    }

    private static void applyServiceSettings(Service service, Form form) {
        if (form.get("FriendlyName") != null) {
            service.friendlyName = form.get("FriendlyName");
        }
        if (form.get("InboundRequestUrl") != null) {
            service.inboundRequestUrl = checkUrl(form.get("InboundRequestUrl"), "InboundRequestUrl");
        }
        if (form.get("InboundMethod") != null) {
            service.inboundMethod = checkMethod(form.get("InboundMethod"), "InboundMethod");
        }
        if (form.get("FallbackUrl") != null) {
            service.fallbackUrl = checkUrl(form.get("FallbackUrl"), "FallbackUrl");
        }
        if (form.get("StatusCallback") != null) {
            service.statusCallback = checkUrl(form.get("StatusCallback"), "StatusCallback");
        }
        if (form.bool("UseInboundWebhookOnNumber") != null) {
            service.useInboundWebhookOnNumber = form.bool("UseInboundWebhookOnNumber");
        }
    }

    Service createService(Account account, String friendlyName) {
        synchronized (lock) {
            Service service = new Service(sids.next("MG"), account.sid, friendlyName, clock.instant());
            services.put(service.sid, service);
            return service;
        }
    }

    void addToService(String serviceSid, String numberSid) {
        synchronized (lock) {
            Service service = services.get(serviceSid);
            if (service == null || !numbers.containsKey(numberSid)) {
                throw new IllegalArgumentException("Unknown service or number");
            }
            service.numberSids.add(numberSid);
        }
    }

    void configureService(String serviceSid, java.util.function.Consumer<Service> change) {
        synchronized (lock) {
            Service service = services.get(serviceSid);
            if (service == null) {
                throw new IllegalArgumentException("Unknown Messaging Service " + serviceSid);
            }
            change.accept(service);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Applications

    private SimResponse applications(Principal principal, String method, String rest, Form form, String path) {
        Account account = principal.account;
        Matcher one = APPLICATION_ONE.matcher(rest);
        if (!one.matches()) {
            if (method.equals("POST")) {
                String name = form.get("FriendlyName");
                Application application =
                        new Application(sids.next("AP"), account.sid, name == null ? "" : name, clock.instant());
                applyApplicationSettings(application, form);
                applications.put(application.sid, application);
                return SimResponse.json(201, Json.write(applicationJson(application)));
            }
            List<ObjectNode> list = new ArrayList<>();
            applications.values().stream()
                    .filter(a -> a.accountSid.equals(account.sid))
                    .forEach(a -> list.add(applicationJson(a)));
            return page("applications", list, path, form);
        }
        Application application = applications.get(one.group(1));
        if (application == null || !application.accountSid.equals(account.sid)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                applications.remove(application.sid);
                for (Number number : numbers.values()) {
                    if (number.smsApplicationSid.equals(application.sid)) {
                        number.smsApplicationSid = "";
                    }
                }
                return SimResponse.empty(204);
            case "POST":
                applyApplicationSettings(application, form);
                application.updated = clock.instant();
                return SimResponse.json(200, Json.write(applicationJson(application)));
            default:
                return SimResponse.json(200, Json.write(applicationJson(application)));
        }
    }

    private static void applyApplicationSettings(Application application, Form form) {
        if (form.get("FriendlyName") != null) {
            application.friendlyName = form.get("FriendlyName");
        }
        if (form.get("SmsUrl") != null) {
            application.smsUrl = checkUrl(form.get("SmsUrl"), "SmsUrl");
        }
        if (form.get("SmsMethod") != null) {
            application.smsMethod = checkMethod(form.get("SmsMethod"), "SmsMethod");
        }
        if (form.get("SmsFallbackUrl") != null) {
            application.smsFallbackUrl = checkUrl(form.get("SmsFallbackUrl"), "SmsFallbackUrl");
        }
        if (form.get("SmsStatusCallback") != null) {
            application.smsStatusCallback = checkUrl(form.get("SmsStatusCallback"), "SmsStatusCallback");
        }
        if (form.get("MessageStatusCallback") != null) {
            application.messageStatusCallback = checkUrl(form.get("MessageStatusCallback"), "MessageStatusCallback");
        }
        if (form.get("StatusCallback") != null) {
            application.statusCallback = checkUrl(form.get("StatusCallback"), "StatusCallback");
        }
    }

    Application createApplication(Account account, String friendlyName, String smsUrl) {
        synchronized (lock) {
            Application application = new Application(sids.next("AP"), account.sid, friendlyName, clock.instant());
            application.smsUrl = smsUrl;
            applications.put(application.sid, application);
            return application;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // JSON

    private ObjectNode accountJson(Account account) {
        ObjectNode node = Json.object();
        String uri = API + "/Accounts/" + account.sid + ".json";
        node.put("auth_token", account.authToken);
        node.put("date_created", Json.rfc2822(account.created));
        node.put("date_updated", Json.rfc2822(account.updated));
        node.put("friendly_name", account.friendlyName);
        node.put("owner_account_sid", account.ownerSid != null ? account.ownerSid : account.sid);
        node.put("sid", account.sid);
        node.put("status", account.status);
        ObjectNode subresources = node.putObject("subresource_uris");
        String base = API + "/Accounts/" + account.sid;
        subresources.put("available_phone_numbers", base + "/AvailablePhoneNumbers.json");
        subresources.put("incoming_phone_numbers", base + "/IncomingPhoneNumbers.json");
        subresources.put("messages", base + "/Messages.json");
        subresources.put("applications", base + "/Applications.json");
        subresources.put("keys", base + "/Keys.json");
        subresources.put("balance", base + "/Balance.json");
        node.put("type", account.type);
        node.put("uri", uri);
        return node;
    }

    private static ObjectNode keyJson(Key key, boolean withSecret) {
        ObjectNode node = Json.object();
        node.put("sid", key.sid);
        node.put("friendly_name", key.friendlyName);
        node.put("date_created", Json.rfc2822(key.created));
        node.put("date_updated", Json.rfc2822(key.updated));
        if (withSecret) {
            node.put("secret", key.secret);
        }
        return node;
    }

    private static ObjectNode availableJson(InventoryNumber number) {
        ObjectNode node = Json.object();
        node.put("friendly_name", number.friendlyName());
        node.put("phone_number", number.phoneNumber());
        node.put("lata", number.lata());
        node.put("locality", number.locality());
        node.put("rate_center", number.rateCenter());
        if (number.latitude() != null) {
            node.put("latitude", number.latitude());
            node.put("longitude", number.longitude());
        } else {
            node.putNull("latitude");
            node.putNull("longitude");
        }
        node.put("region", number.region());
        node.put("postal_code", number.postalCode());
        node.put("iso_country", number.isoCountry());
        node.put("address_requirements", number.addressRequirements());
        node.put("beta", false);
        ObjectNode capabilities = node.putObject("capabilities");
        capabilities.put("voice", number.voice());
        capabilities.put("SMS", number.sms());
        capabilities.put("MMS", number.mms());
        return node;
    }

    private static ObjectNode numberJson(Number number) {
        ObjectNode node = Json.object();
        node.put("account_sid", number.accountSid);
        node.put("address_sid", number.addressSid);
        node.put("address_requirements", number.addressRequirements);
        node.put("api_version", "2010-04-01");
        node.put("beta", false);
        ObjectNode capabilities = node.putObject("capabilities");
        capabilities.put("voice", number.voice);
        capabilities.put("sms", number.sms);
        capabilities.put("mms", number.mms);
        capabilities.put("fax", false);
        node.put("date_created", Json.rfc2822(number.created));
        node.put("date_updated", Json.rfc2822(number.updated));
        node.put("friendly_name", number.friendlyName);
        node.putNull("identity_sid");
        node.put("phone_number", number.phoneNumber);
        node.put("origin", "twilio");
        node.put("sid", number.sid);
        node.put("sms_application_sid", number.smsApplicationSid);
        node.put("sms_fallback_method", number.smsFallbackMethod);
        node.put("sms_fallback_url", number.smsFallbackUrl);
        node.put("sms_method", number.smsMethod);
        node.put("sms_url", number.smsUrl);
        node.put("status_callback", number.statusCallback);
        node.put("status_callback_method", number.statusCallbackMethod);
        node.putNull("trunk_sid");
        node.put("uri", API + "/Accounts/" + number.accountSid + "/IncomingPhoneNumbers/" + number.sid + ".json");
        node.put("voice_receive_mode", "voice");
        node.put("voice_application_sid", number.voiceApplicationSid);
        node.put("voice_caller_id_lookup", false);
        node.put("voice_fallback_method", number.voiceFallbackMethod);
        node.put("voice_fallback_url", number.voiceFallbackUrl);
        node.put("voice_method", number.voiceMethod);
        node.put("voice_url", number.voiceUrl);
        node.put("emergency_status", "Inactive");
        node.putNull("emergency_address_sid");
        node.put("emergency_address_status", "unregistered");
        node.put("bundle_sid", number.bundleSid);
        node.put("status", "in-use");
        node.put("type", number.type.apiName());
        return node;
    }

    private static ObjectNode messageJson(Message message) {
        ObjectNode node = Json.object();
        node.put("account_sid", message.accountSid);
        node.put("api_version", "2010-04-01");
        node.put("body", message.body);
        node.put("date_created", Json.rfc2822(message.created));
        node.put("date_sent", Json.rfc2822(message.sent));
        node.put("date_updated", Json.rfc2822(message.updated));
        node.put("direction", message.direction);
        if (message.errorCode == null) {
            node.putNull("error_code");
        } else {
            node.put("error_code", message.errorCode.intValue());
        }
        node.put("error_message", message.errorMessage);
        node.put("from", message.from);
        node.put("messaging_service_sid", message.messagingServiceSid);
        node.put("num_media", Integer.toString(message.mediaUrls.size()));
        node.put("num_segments", Integer.toString(message.segments));
        node.put("price", message.price == null ? null : Json.money(message.price));
        node.put("price_unit", "USD");
        node.put("sid", message.sid);
        node.put("status", message.status);
        ObjectNode subresources = node.putObject("subresource_uris");
        String base = API + "/Accounts/" + message.accountSid + "/Messages/" + message.sid;
        subresources.put("media", base + "/Media.json");
        subresources.put("feedback", base + "/Feedback.json");
        node.put("to", message.to);
        node.put("uri", base + ".json");
        return node;
    }

    private static ObjectNode applicationJson(Application application) {
        ObjectNode node = Json.object();
        node.put("account_sid", application.accountSid);
        node.put("api_version", "2010-04-01");
        node.put("date_created", Json.rfc2822(application.created));
        node.put("date_updated", Json.rfc2822(application.updated));
        node.put("friendly_name", application.friendlyName);
        node.put("message_status_callback", application.messageStatusCallback);
        node.put("sid", application.sid);
        node.put("sms_fallback_method", application.smsFallbackMethod);
        node.put("sms_fallback_url", application.smsFallbackUrl);
        node.put("sms_method", application.smsMethod);
        node.put("sms_status_callback", application.smsStatusCallback);
        node.put("sms_url", application.smsUrl);
        node.put("status_callback", application.statusCallback);
        node.put("status_callback_method", "POST");
        node.put("uri", API + "/Accounts/" + application.accountSid + "/Applications/" + application.sid + ".json");
        node.put("voice_caller_id_lookup", false);
        node.put("voice_fallback_method", "POST");
        node.put("voice_fallback_url", "");
        node.put("voice_method", "POST");
        node.put("voice_url", "");
        node.put("public_application_connect_enabled", false);
        return node;
    }

    private ObjectNode serviceJson(Service service) {
        ObjectNode node = Json.object();
        String url = "https://messaging.twilio.com/v1/Services/" + service.sid;
        node.put("account_sid", service.accountSid);
        node.put("sid", service.sid);
        node.put("friendly_name", service.friendlyName);
        node.put("date_created", Json.iso8601(service.created));
        node.put("date_updated", Json.iso8601(service.updated));
        node.put("inbound_request_url", service.inboundRequestUrl.isEmpty() ? null : service.inboundRequestUrl);
        node.put("inbound_method", service.inboundMethod);
        node.put("fallback_url", service.fallbackUrl.isEmpty() ? null : service.fallbackUrl);
        node.put("fallback_method", "POST");
        node.put("status_callback", service.statusCallback.isEmpty() ? null : service.statusCallback);
        node.put("sticky_sender", true);
        node.put("mms_converter", true);
        node.put("smart_encoding", true);
        node.put("scan_message_content", "inherit");
        node.put("fallback_to_long_code", false);
        node.put("area_code_geomatch", true);
        node.put("synchronous_validation", false);
        node.put("validity_period", 14400);
        node.put("use_inbound_webhook_on_number", service.useInboundWebhookOnNumber);
        node.put("usecase", "undeclared");
        RegState.Campaign campaign = registrations.campaignOf(service.sid);
        node.put("us_app_to_person_registered", campaign != null && campaign.status.equals("VERIFIED"));
        node.put("url", url);
        ObjectNode links = node.putObject("links");
        links.put("phone_numbers", url + "/PhoneNumbers");
        return node;
    }

    private static ObjectNode serviceNumberJson(Service service, Number number) {
        ObjectNode node = Json.object();
        node.put("sid", number.sid);
        node.put("account_sid", number.accountSid);
        node.put("service_sid", service.sid);
        node.put("date_created", Json.iso8601(number.created));
        node.put("date_updated", Json.iso8601(number.updated));
        node.put("phone_number", number.phoneNumber);
        node.put("country_code", number.isoCountry);
        ArrayNode capabilities = node.putArray("capabilities");
        if (number.sms) {
            capabilities.add("SMS");
        }
        if (number.mms) {
            capabilities.add("MMS");
        }
        if (number.voice) {
            capabilities.add("Voice");
        }
        node.put("url", "https://messaging.twilio.com/v1/Services/" + service.sid + "/PhoneNumbers/" + number.sid);
        return node;
    }

    /** A page of an API 2010 list, with Twilio's paging fields. */
    static SimResponse page(String key, List<ObjectNode> all, String path, Form form) {
        int pageSize = intParam(form, "PageSize", 50, 1, 1000);
        int page = intParam(form, "Page", 0, 0, Integer.MAX_VALUE);
        int start = (int) Math.min((long) page * pageSize, all.size());
        int end = Math.min(start + pageSize, all.size());
        String filters = filterQuery(form);
        ObjectNode node = Json.object();
        node.put("end", Math.max(start, end - 1));
        node.put("first_page_uri", path + "?" + filters + "PageSize=" + pageSize + "&Page=0");
        node.put(
                "next_page_uri",
                end < all.size()
                        ? path + "?" + filters + "PageSize=" + pageSize + "&Page=" + (page + 1) + "&PageToken=PA" + end
                        : null);
        node.put("page", page);
        node.put("page_size", pageSize);
        node.put(
                "previous_page_uri",
                page > 0 ? path + "?" + filters + "PageSize=" + pageSize + "&Page=" + (page - 1) : null);
        node.put("start", start);
        node.put("uri", path + "?" + filters + "PageSize=" + pageSize + "&Page=" + page);
        ArrayNode items = node.putArray(key);
        all.subList(start, end).forEach(items::add);
        return SimResponse.json(200, Json.write(node));
    }

    /** A page of a Messaging v1 list, with its {@code meta} block of absolute URLs. */
    private static SimResponse v1Page(String key, List<ObjectNode> all, String path, Form form) {
        return v1Page("https://messaging.twilio.com", key, all, path, form);
    }

    /**
     * A page of a v1 list of {@code host} ({@code https://trusthub.twilio.com} …), with its {@code
     * meta} block of absolute URLs that keep the list's filters.
     */
    static SimResponse v1Page(String host, String key, List<ObjectNode> all, String path, Form form) {
        int pageSize = intParam(form, "PageSize", 50, 1, 1000);
        int page = intParam(form, "Page", 0, 0, Integer.MAX_VALUE);
        int start = (int) Math.min((long) page * pageSize, all.size());
        int end = Math.min(start + pageSize, all.size());
        String base = host + path + "?" + filterQuery(form) + "PageSize=" + pageSize + "&Page=";
        ObjectNode node = Json.object();
        ArrayNode items = node.putArray(key);
        all.subList(start, end).forEach(items::add);
        ObjectNode meta = node.putObject("meta");
        meta.put("page", page);
        meta.put("page_size", pageSize);
        meta.put("first_page_url", base + 0);
        meta.put("previous_page_url", page > 0 ? base + (page - 1) : null);
        meta.put("url", base + page);
        meta.put("next_page_url", end < all.size() ? base + (page + 1) + "&PageToken=PA" + end : null);
        meta.put("key", key);
        return SimResponse.json(200, Json.write(node));
    }

    private static String filterQuery(Form form) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : form.asMap().entrySet()) {
            String name = entry.getKey();
            if (name.equals("Page") || name.equals("PageSize") || name.equals("PageToken")) {
                continue;
            }
            for (String value : entry.getValue()) {
                query.append(Form.encode(name))
                        .append('=')
                        .append(Form.encode(value))
                        .append('&');
            }
        }
        return query.toString();
    }

    private static int intParam(Form form, String name, int defaultValue, int min, int max) {
        String value = form.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw TwilioError.badRequest(20001, name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw TwilioError.badRequest(20001, name + " must be a number");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers and inspection

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null ? null : value.trim();
    }

    static boolean isValidE164(String value) {
        if (!value.matches("\\+[1-9][0-9]{1,14}")) {
            return false;
        }
        if (value.startsWith("+1500555")) {
            return true; // Twilio's magic test numbers
        }
        try {
            return PHONES.isValidNumber(PHONES.parse(value, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    static String regionOf(String e164) {
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(e164, "ZZ");
            String region = PHONES.getRegionCodeForNumber(parsed);
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    <T> T read(java.util.function.Supplier<T> reader) {
        synchronized (lock) {
            return reader.get();
        }
    }

    void write(Runnable writer) {
        synchronized (lock) {
            writer.run();
        }
    }

    Map<String, Account> accountsView() {
        return accounts;
    }

    Map<String, Number> numbersView() {
        return numbers;
    }

    Map<String, Number> numbersByPhoneView() {
        return numbersByPhone;
    }

    Map<String, Message> messagesView() {
        return messages;
    }

    Set<String> optOutsView() {
        return optOuts;
    }

    Map<String, DeliveryOutcome> outcomesView() {
        return outcomes;
    }

    Set<String> landlinesView() {
        return landlines;
    }

    Set<String> unreachableView() {
        return unreachable;
    }

    private void record(RecordedRequest request) {
        synchronized (requests) {
            requests.addLast(request);
            while (requests.size() > MAX_RECORDED) {
                requests.removeFirst();
            }
        }
    }

    List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    void recordDelivery(WebhookDelivery delivery) {
        synchronized (deliveries) {
            deliveries.addLast(delivery);
            while (deliveries.size() > MAX_RECORDED) {
                deliveries.removeFirst();
            }
        }
    }

    List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    void reset() {
        synchronized (lock) {
            accounts.clear();
            accountsByTestSid.clear();
            keys.clear();
            numbers.clear();
            numbersByPhone.clear();
            messages.clear();
            charges.clear();
            services.clear();
            applications.clear();
            optOuts.clear();
            outcomes.clear();
            landlines.clear();
            unreachable.clear();
            media.clear();
            registrations.reset();
            outbound.reset();
            inventory.reset();
            sids.reset();
        }
        limits.reset();
        clearFaults();
        clearRequests();
        synchronized (deliveries) {
            deliveries.clear();
        }
    }
}
