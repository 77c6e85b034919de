package io.tenanttwilio.test.simulator;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A stateful simulator of Twilio's REST API and of the signed webhooks Twilio posts, on a local
 * port. twilio-java cannot tell it from Twilio for accounts and subaccounts, API keys, balances,
 * available and incoming numbers, messages with their status callbacks, Messaging Services and
 * applications, carrier registration (TrustHub, A2P 10DLC brands and campaigns, toll-free
 * verification, addresses) with Event Streams — with Twilio's errors, test credentials and magic
 * numbers.
 *
 * <pre>{@code
 * try (TwilioSimulator twilio = TwilioSimulator.start()) {
 *     SimulatedAccount clinic = twilio.createAccount("Clinique A");
 *     // point the code under test at twilio.baseUrl(), with clinic.credentials()
 *     WebhookDelivery delivery = twilio.sendInboundSms("+15815006712", clinicNumber, "Bonjour");
 *     assertThat(delivery.statusCode()).isEqualTo(200);
 * }
 * }</pre>
 *
 * <p>Everything a test needs to look at is here: the numbers and their webhook configuration,
 * messages, webhook deliveries and the answers they got, requests received with their
 * credentials; faults can be injected per {@link Endpoint}; {@link #clock()} can be moved. The
 * same seed gives the same inventory and the same SIDs for the same sequence of calls.
 *
 * <p>Twilio's outbound physics, off by default so that messages are sent at once: {@linkplain
 * #carrierPacing(boolean) carrier pacing} queues each message behind its sender's, releases it at
 * the sender's {@linkplain #setSenderRate(String, double) rate} (1 segment a second for a long
 * code, 3 for toll-free, 100 for a short code), fails it with 30001 past the {@linkplain
 * #setQueueTime(Duration) queue time} or 30036 past its {@code ValidityPeriod}, and refuses a
 * {@code From} send to a full queue with 21611; {@link #queueReleases()} tells when each message
 * left. A per-account {@linkplain #setConcurrencyLimit(String, int) concurrency limit} answers the
 * requests beyond it 429/20429 with {@code Retry-After}, and {@link #throttleNextRequests(String,
 * int, Duration)} scripts 429 storms. Scheduled messages ({@code ScheduleType=fixed}, {@code
 * SendAt}, through a Messaging Service) are always served: {@code scheduled} until their time on
 * the clock, then queued like the others, or {@code canceled} by an update.
 *
 * <p>Thread-safe.
 */
public final class TwilioSimulator implements AutoCloseable {

    private final WireMockServer server;
    private final SimulatorEngine engine;
    private final String baseUrl;
    private final RegistrationDesk registrations;
    private final Runnable clockListener;

    private TwilioSimulator(Builder builder) {
        SimulatorClock clock = builder.clock != null ? builder.clock : SimulatorClock.system();
        WebhookSender webhooks = new WebhookSender(builder.webhookTimeout, builder.webhookRetry, clock);
        this.engine = new SimulatorEngine(builder.seed, clock, webhooks, builder.callbackMode);
        engine.outbound.defaults(builder.carrierPacing, builder.queueTime);
        engine.limits.defaults(builder.concurrencyLimit, builder.retryAfter);
        this.clockListener = engine::clockMoved;
        clock.onMove(clockListener);
        this.registrations = new RegistrationDesk(engine);
        if (builder.observer != null) {
            engine.observe(builder.observer);
        }
        ControlApi control = new ControlApi(this);
        WireMockConfiguration options = WireMockConfiguration.options()
                .port(builder.port)
                .bindAddress(builder.bindAddress)
                .containerThreads(builder.threads)
                .disableRequestJournal()
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .notifier(new Slf4jNotifier(false))
                .extensions(new WireMockBridge(engine, control));
        this.server = new WireMockServer(options);
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse()));
        this.baseUrl = "http://" + (builder.bindAddress.equals("0.0.0.0") ? "127.0.0.1" : builder.bindAddress) + ":"
                + server.port();
    }

    /**
     * Starts a simulator on a free port with seed 1, the system clock and automatic callbacks.
     *
     * @return the running simulator; close it when done
     */
    public static TwilioSimulator start() {
        return builder().start();
    }

    /**
     * Configures a simulator before starting it.
     *
     * @return a builder with the defaults of {@link #start()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return where the simulator listens: {@code http://127.0.0.1:<port>}, without trailing
     * slash}
     */
    public URI baseUrl() {
        return URI.create(baseUrl);
    }

    /** {@return the port it listens on} */
    public int port() {
        return server.port();
    }

    /** {@return the seed of its inventory and SIDs} */
    public long seed() {
        return engine.seed;
    }

    /** {@return the clock of its dates; tests may move it} */
    public SimulatorClock clock() {
        return engine.clock;
    }

    // ---------------------------------------------------------------------------------------------
    // Accounts

    /**
     * Creates a full, active account with 20 USD of balance.
     *
     * @param friendlyName the account's name, as Twilio shows it
     * @return the new account
     */
    public SimulatedAccount createAccount(String friendlyName) {
        return new SimulatedAccount(this, engine, engine.createAccount(null, friendlyName).sid);
    }

    /**
     * The account with this SID (main account or subaccount).
     *
     * @param accountSid the account's SID ({@code AC…})
     * @return the account
     * @throws IllegalArgumentException if the simulator has no such account
     */
    public SimulatedAccount account(String accountSid) {
        if (!engine.read(() -> engine.accountsView().containsKey(accountSid))) {
            throw new IllegalArgumentException("No simulated account " + accountSid);
        }
        return new SimulatedAccount(this, engine, accountSid);
    }

    /** {@return every account, in creation order} */
    public List<SimulatedAccount> accounts() {
        List<String> sids =
                engine.read(() -> new ArrayList<>(engine.accountsView().keySet()));
        List<SimulatedAccount> result = new ArrayList<>();
        sids.forEach(sid -> result.add(new SimulatedAccount(this, engine, sid)));
        return result;
    }

    String nextToken() {
        return engine.nextToken();
    }

    // ---------------------------------------------------------------------------------------------
    // Numbers

    /**
     * The numbers for sale in {@code isoCountry} of {@code type}, in the order searches list them.
     *
     * @param isoCountry the country's ISO 3166 code, such as {@code CA}, in any case
     * @param type the kind of number
     * @return the numbers, possibly none
     */
    public List<InventoryNumber> availableNumbers(String isoCountry, NumberType type) {
        return engine.available(isoCountry.toUpperCase(Locale.ROOT), type);
    }

    Optional<InventoryNumber> inventoryNumber(String phoneNumber) {
        for (NumberType type : NumberType.values()) {
            for (String country : List.of("US", "CA", "GB", "FR", "DE", "AU", "MX")) {
                for (InventoryNumber number : engine.available(country, type)) {
                    if (number.phoneNumber().equals(phoneNumber)) {
                        return Optional.of(number);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@return every number bought, by every account} */
    public List<SimulatedNumber> numbers() {
        return engine.read(() -> {
            List<SimulatedNumber> result = new ArrayList<>();
            engine.numbersView().values().forEach(number -> result.add(number.snapshot()));
            return result;
        });
    }

    /**
     * The bought number {@code phoneNumber} (E.164), with its configuration now.
     *
     * @param phoneNumber the number, E.164
     * @return the number, or empty when no account owns it
     */
    public Optional<SimulatedNumber> number(String phoneNumber) {
        return engine.read(() -> Optional.ofNullable(engine.numbersByPhoneView().get(phoneNumber))
                .map(SimState.Number::snapshot));
    }

    /**
     * Changes a number's configuration directly, as someone would in the Twilio Console (to test
     * drift detection).
     *
     * @param phoneNumber the bought number, E.164
     * @param edit what to change
     * @throws IllegalArgumentException if no account owns {@code phoneNumber}
     */
    public void editNumber(String phoneNumber, Consumer<NumberEditor> edit) {
        engine.write(() -> {
            SimState.Number number = engine.numbersByPhoneView().get(phoneNumber);
            if (number == null) {
                throw new IllegalArgumentException("No account owns " + phoneNumber);
            }
            edit.accept(new NumberEditor(number));
            number.updated = engine.clock.instant();
        });
    }

    /**
     * Releases a number directly, as if someone released it in the Twilio Console.
     *
     * @param phoneNumber the bought number, E.164
     * @throws IllegalArgumentException if no account owns {@code phoneNumber}
     */
    public void releaseNumber(String phoneNumber) {
        SimState.Number number = engine.read(() -> engine.numbersByPhoneView().get(phoneNumber));
        if (number == null) {
            throw new IllegalArgumentException("No account owns " + phoneNumber);
        }
        engine.releaseNumber(number);
    }

    @Nullable
    String messagingServiceOf(String numberSid) {
        return engine.serviceOf(numberSid);
    }

    /**
     * Puts a number in a Messaging Service's sender pool.
     *
     * @param messagingServiceSid the service's SID ({@code MG…})
     * @param numberSid the number's SID ({@code PN…})
     */
    public void addToMessagingService(String messagingServiceSid, String numberSid) {
        engine.addToService(messagingServiceSid, numberSid);
    }

    /**
     * Makes a Messaging Service send inbound messages to its own URL ({@code false}, the default)
     * or to each number's SMS URL ({@code true}).
     *
     * @param messagingServiceSid the service's SID ({@code MG…})
     * @param onNumber whether inbound messages go to each number's SMS URL
     */
    public void useInboundWebhookOnNumber(String messagingServiceSid, boolean onNumber) {
        engine.configureService(messagingServiceSid, service -> service.useInboundWebhookOnNumber = onNumber);
    }

    /**
     * Turns on Advanced Opt-Out for a Messaging Service: inbound webhooks then carry {@code
     * OptOutType}.
     *
     * @param messagingServiceSid the service's SID ({@code MG…})
     */
    public void enableAdvancedOptOut(String messagingServiceSid) {
        engine.configureService(messagingServiceSid, service -> service.advancedOptOut = true);
    }

    // ---------------------------------------------------------------------------------------------
    // Messages, recipients, inbound

    /** {@return every message (sent through the API or received), oldest first} */
    public List<SimulatedMessage> messages() {
        return engine.read(() -> {
            List<SimulatedMessage> result = new ArrayList<>();
            engine.messagesView().values().forEach(message -> result.add(message.snapshot()));
            return result;
        });
    }

    /**
     * The message with this SID.
     *
     * @param sid the message's SID ({@code SM…} or {@code MM…})
     * @return the message now, or empty when there is none
     */
    public Optional<SimulatedMessage> message(String sid) {
        return engine.read(
                () -> Optional.ofNullable(engine.messagesView().get(sid)).map(SimState.Message::snapshot));
    }

    /**
     * What becomes of messages sent to {@code phoneNumber} from now on.
     *
     * @param phoneNumber the recipient, E.164
     * @param outcome what happens to the messages
     */
    public void setDeliveryOutcome(String phoneNumber, DeliveryOutcome outcome) {
        engine.write(() -> engine.outcomesView().put(phoneNumber, Objects.requireNonNull(outcome)));
    }

    /**
     * Makes sends to {@code phoneNumber} fail with 21614 (not a mobile number).
     *
     * @param phoneNumber the recipient, E.164
     */
    public void markLandline(String phoneNumber) {
        engine.write(() -> engine.landlinesView().add(phoneNumber));
    }

    /**
     * Makes sends to {@code phoneNumber} fail with 21612 (not reachable by SMS).
     *
     * @param phoneNumber the recipient, E.164
     */
    public void markUnreachable(String phoneNumber) {
        engine.write(() -> engine.unreachableView().add(phoneNumber));
    }

    /**
     * Whether {@code recipient} has opted out (STOP) of messages from {@code sender} (a number or a
     * service).
     *
     * @param sender the number (E.164) or the Messaging Service SID
     * @param recipient the recipient, E.164
     * @return {@code true} if the recipient opted out and has not opted in again
     */
    public boolean isOptedOut(String sender, String recipient) {
        return engine.read(() -> engine.optOutsView().contains(sender + "|" + recipient));
    }

    /**
     * Starts describing an inbound message to one of the simulated numbers.
     *
     * @return a description to fill in and {@link InboundSms#send() send}
     */
    public InboundSms inboundSms() {
        return new InboundSms(this);
    }

    /**
     * A patient texts {@code body} from {@code from} to the simulated number {@code to}: the
     * signed webhook is posted to the number's SMS URL (or its application's, or its Messaging
     * Service's) and its answer recorded; a TwiML {@code <Message>} in the answer is sent back.
     *
     * @param from the sender's number, E.164
     * @param to the receiving number, E.164; one the simulator sold
     * @param body the message text
     * @return the delivery, with the answer the webhook got
     */
    public WebhookDelivery sendInboundSms(String from, String to, String body) {
        return inboundSms().from(from).to(to).body(body).send();
    }

    WebhookDelivery deliverInbound(
            String from,
            String to,
            String body,
            List<String> mediaUrls,
            List<String> mediaTypes,
            List<byte[]> hosted,
            List<String> hostedTypes) {
        List<String> urls = new ArrayList<>(mediaUrls);
        List<String> types = new ArrayList<>(mediaTypes);
        String chosenSid = null;
        if (!hosted.isEmpty()) {
            SimulatedNumber receiver =
                    number(to).orElseThrow(() -> new IllegalArgumentException("No simulated account owns " + to));
            chosenSid = engine.nextMessageSid(true);
            for (int i = 0; i < hosted.size(); i++) {
                urls.add(engine.hostMedia(receiver.accountSid(), chosenSid, hostedTypes.get(i), hosted.get(i)));
                types.add(hostedTypes.get(i));
            }
        }
        SimulatorEngine.InboundPlan plan = engine.receiveInbound(chosenSid, from, to, body, urls, types);
        WebhookDelivery delivery = engine.webhooks.send(
                WebhookDelivery.Kind.INBOUND_MESSAGE,
                plan.messageSid(),
                plan.accountSid(),
                plan.url(),
                plan.method(),
                plan.params(),
                plan.token(),
                plan.fallbackUrl(),
                plan.fallbackMethod());
        engine.recordDelivery(delivery);
        List<CallbackDispatcher.Work> replies = new ArrayList<>();
        engine.applyTwimlReply(plan, delivery, replies);
        engine.callbacks.enqueue(replies);
        return delivery;
    }

    /**
     * Posts the same webhook again, byte for byte, as Twilio does when it delivers twice.
     *
     * @param delivery a delivery made before
     * @return the new delivery, with the answer it got
     */
    public WebhookDelivery redeliver(WebhookDelivery delivery) {
        WebhookDelivery again = engine.webhooks.resend(delivery);
        engine.recordDelivery(again);
        return again;
    }

    /**
     * {@return every webhook posted so far (inbound messages and status callbacks), oldest first}
     */
    public List<WebhookDelivery> deliveries() {
        return engine.deliveries();
    }

    /**
     * How the simulator retries webhooks from now on.
     *
     * @param policy the retry policy
     */
    public void setWebhookRetryPolicy(WebhookRetryPolicy policy) {
        engine.webhooks.retryPolicy(Objects.requireNonNull(policy));
    }

    // ---------------------------------------------------------------------------------------------
    // Status callbacks

    /**
     * When status callbacks are posted from now on.
     *
     * @param mode when callbacks are posted
     */
    public void setCallbackMode(CallbackMode mode) {
        engine.callbacks.mode(Objects.requireNonNull(mode));
    }

    /**
     * In which order a message's status callbacks are posted from now on.
     *
     * @param order the order of the callbacks
     */
    public void setCallbackOrder(CallbackOrder order) {
        engine.callbacks.order(Objects.requireNonNull(order));
    }

    /**
     * Stops ({@code true}) or resumes posting status callbacks; messages still move through their
     * statuses, as when Twilio's callbacks are lost.
     *
     * @param drop {@code true} to stop posting, {@code false} to resume
     */
    public void dropStatusCallbacks(boolean drop) {
        engine.callbacks.drop(drop);
    }

    /**
     * In {@link CallbackMode#MANUAL}, moves every held message forward and posts its callbacks,
     * then posts the Event Streams deliveries held.
     *
     * @return the callbacks and deliveries posted, in order
     */
    public List<WebhookDelivery> deliverPendingCallbacks() {
        return engine.callbacks.deliverPending();
    }

    /**
     * In {@link CallbackMode#MANUAL}, how many messages wait for their callbacks, and Event Streams
     * deliveries wait to be posted.
     *
     * @return the number of messages and deliveries held
     */
    public int pendingCallbacks() {
        return engine.callbacks.pendingCount();
    }

    /**
     * In {@link CallbackMode#AUTOMATIC}, waits until every callback has been posted.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if every callback was posted in time, {@code false} on timeout or
     *     interruption
     */
    public boolean awaitCallbacks(Duration timeout) {
        return engine.callbacks.awaitIdle(timeout);
    }

    // ---------------------------------------------------------------------------------------------
    // Carrier registration

    /**
     * The review script of TrustHub bundles, A2P brands and campaigns and toll-free verifications,
     * with the fees they cost; see {@link RegistrationDesk}.
     *
     * @return the registration desk of this simulator
     */
    public RegistrationDesk registrations() {
        return registrations;
    }

    /**
     * Whether carriers filter unregistered traffic (on by default, and again after {@link
     * #reset()}). When on, a message accepted (201) to a US recipient from a US or Canadian long
     * code outside a Messaging Service with a {@code VERIFIED} A2P campaign ends {@code
     * undelivered} with 30034 (30033 if the campaign is {@code SUSPENDED}); a message from a
     * toll-free number without a {@code TWILIO_APPROVED} verification to a US or Canadian recipient
     * ends {@code undelivered} with 30032. Canadian long codes texting Canada are not affected.
     *
     * @param enforce {@code true} to filter, {@code false} to let every message through
     */
    public void enforceCarrierRules(boolean enforce) {
        engine.write(() -> engine.registrations.carrierRules(enforce));
    }

    // ---------------------------------------------------------------------------------------------
    // Carrier pacing, queues and scheduled messages

    /**
     * Turns Twilio's outbound queues on or off for the messages created from now on (off by
     * default: a message is {@code sent} as soon as it is created). When on, a message created
     * through the API is {@code queued} (or {@code accepted}, then {@code queued}, through a
     * Messaging Service) and waits in its sender's queue; messages leave a queue one after the other
     * at the sender's rate (see {@link #setSenderRate(String, double)}), a message of N segments
     * taking N slots. When it leaves, it is {@code sent}, then delivered or not as {@link
     * #setDeliveryOutcome(String, DeliveryOutcome)} and the carrier rules decide, with the usual
     * status callbacks; its {@link SimulatedMessage#sentAt()} and {@code date_sent} are the start of
     * its slot.
     *
     * <p>A message that would wait longer than the {@linkplain #setQueueTime(Duration) queue time}
     * fails with 30001 (Queue overflow) when that time runs out; one whose {@code ValidityPeriod}
     * runs out first fails with 30036 (Validity Period Expired). A message sent {@code From} a
     * number without {@code MessagingServiceSid} is refused with 400/21611 when its sender's queue
     * already holds more than the queue time of sending; with a Messaging Service it is accepted
     * (and will fail with 30001).
     *
     * <p>Time is the simulator's {@link #clock()}: moving it releases what fell due before {@link
     * SimulatorClock#advance(Duration)} returns; as real time passes, a background thread releases
     * it within some 20 ms; every REST request, and {@link #settleQueues()}, release it first. Messages
     * already queued keep their pace when pacing is turned off. Off again after {@link #reset()},
     * unless {@link Builder#carrierPacing(boolean)} turned it on.
     *
     * @param pace {@code true} to queue and pace messages, {@code false} to send them at once
     */
    public void carrierPacing(boolean pace) {
        engine.write(() -> engine.outbound.pacing(pace));
    }

    /** {@return whether messages created now are queued and paced; see {@link #carrierPacing(boolean)}} */
    public boolean carrierPacing() {
        return engine.read(engine.outbound::pacing);
    }

    /**
     * Sets how fast a sender's queue empties, for the messages still in it and those to come.
     * Without it, a sender goes at Twilio's default for its kind: 1 segment a second for a long
     * code (local or mobile number), 3 for a toll-free number, 100 for a short code, 10 for an
     * alphanumeric sender ID. A High-Throughput toll-free number or a 10DLC campaign's share is set
     * here.
     *
     * @param phoneNumber the sender, E.164 (or a short code or sender ID)
     * @param segmentsPerSecond its rate, in segments a second; greater than 0 (0.5: one segment
     *     every two seconds)
     * @throws IllegalArgumentException if {@code segmentsPerSecond} is not a positive finite number
     */
    public void setSenderRate(String phoneNumber, double segmentsPerSecond) {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        engine.write(() -> engine.outbound.senderRate(phoneNumber, segmentsPerSecond));
    }

    /**
     * The rate a sender's queue empties at; see {@link #setSenderRate(String, double)}.
     *
     * @param phoneNumber the sender, E.164 (or a short code or sender ID)
     * @return its rate, in segments a second
     */
    public double senderRate(String phoneNumber) {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        return engine.read(() -> engine.outbound.rateOf(phoneNumber));
    }

    /**
     * Sets how long a message may wait in its sender's queue (10 hours by default, as at Twilio):
     * past it, it fails with 30001; a sender whose backlog is longer refuses messages sent {@code
     * From} it with 21611. Applies to the messages already waiting too.
     *
     * @param queueTime the longest wait, positive
     * @throws IllegalArgumentException if {@code queueTime} is zero or negative
     */
    public void setQueueTime(Duration queueTime) {
        OutboundQueues.checkQueueTime(queueTime);
        engine.write(() -> engine.outbound.queueTime(queueTime));
    }

    /** {@return how long a message may wait in its sender's queue; see {@link #setQueueTime(Duration)}} */
    public Duration queueTime() {
        return engine.read(engine.outbound::queueTime);
    }

    /**
     * Releases now what fell due on the clock: scheduled messages whose {@code SendAt} came, queued
     * messages whose slot came, and those whose queue time or validity ran out. Their status changes
     * are handed to the callbacks, as after any status change (see {@link
     * #awaitCallbacks(Duration)}, {@link #deliverPendingCallbacks()}). Moving the {@link #clock()}
     * does it too.
     *
     * @return how many messages moved
     */
    public int settleQueues() {
        return engine.settleQueues(true);
    }

    /** {@return how many messages wait in their senders' queues now, scheduled ones not counted} */
    public int queuedMessages() {
        return engine.read(engine.outbound::waiting);
    }

    /** {@return how many scheduled messages wait for their {@code SendAt}, not yet canceled} */
    public int scheduledMessages() {
        return engine.read(engine.outbound::scheduledCount);
    }

    /**
     * The messages that left their senders' queues (the last 100,000), with carrier pacing, and
     * the scheduled messages whose {@code SendAt} came without it: enough to check that no sender
     * went faster than its rate.
     *
     * @return the releases, in the order they were worked out (for one sender, oldest first)
     */
    public List<QueueRelease> queueReleases() {
        return engine.read(engine.outbound::releases);
    }

    /**
     * The fastest {@code sender} went among its {@link #queueReleases()}: over every two of its
     * messages that left one after the other, the segments of the first divided by the seconds
     * between them. A sender keeps its rate when this is at most its {@link #senderRate(String)}.
     *
     * @param sender the sender, E.164
     * @return the highest rate seen, in segments a second; 0 with fewer than two releases, infinite
     *     if two left at the same instant
     */
    public double maxObservedRate(String sender) {
        Objects.requireNonNull(sender, "sender");
        return engine.read(() -> engine.outbound.maxObservedRate(sender));
    }

    // ---------------------------------------------------------------------------------------------
    // REST concurrency

    /**
     * Limits every account (without a limit of its own) to {@code limit} REST requests in flight at
     * once (none by default, and again after {@link #reset()} unless {@link
     * Builder#concurrencyLimit(int)} set one). A request beyond it is not carried out: it answers
     * 429 with Twilio's error 20429 and a {@code Retry-After} header (see {@link
     * #setRetryAfter(Duration)}). Every answer on an account carries {@code
     * Twilio-Concurrent-Requests}, the account's requests in flight with it.
     *
     * @param limit the most requests in flight per account; 0 for no limit
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void setConcurrencyLimit(int limit) {
        engine.limits.defaultLimit(limit);
    }

    /**
     * Limits one account to {@code limit} REST requests in flight at once, whatever the limit of
     * the others; see {@link #setConcurrencyLimit(int)}. A request counts against the account in
     * its path, or, for paths without one (Messaging Services, TrustHub …), the account of its
     * credentials.
     *
     * @param accountSid the account ({@code AC…}); its subaccounts have limits of their own
     * @param limit the most requests in flight; 0 for no limit
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public void setConcurrencyLimit(String accountSid, int limit) {
        Objects.requireNonNull(accountSid, "accountSid");
        engine.limits.limit(accountSid, limit);
    }

    /**
     * Sets the {@code Retry-After} of the 429s answered over a concurrency limit (1 second by
     * default).
     *
     * @param retryAfter the wait advised, sent in whole seconds
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public void setRetryAfter(Duration retryAfter) {
        engine.limits.retryAfter(retryAfter);
    }

    /**
     * The next {@code requests} REST requests of an account, on any endpoint, answer 429 with
     * error 20429 and {@code Retry-After}, without being carried out, as when the account's
     * concurrency is exhausted elsewhere; a storm of 429s made deterministic. It replaces the
     * account's earlier throttle. twilio-java resends a 429 once by itself, after {@code
     * Retry-After}: one call it makes uses up two requests.
     *
     * @param accountSid the account ({@code AC…})
     * @param requests how many requests are refused, at least 1
     * @param retryAfter the {@code Retry-After} sent, in whole seconds
     * @throws IllegalArgumentException if {@code requests} is less than 1 or {@code retryAfter}
     *     negative
     */
    public void throttleNextRequests(String accountSid, int requests, Duration retryAfter) {
        Objects.requireNonNull(accountSid, "accountSid");
        engine.limits.throttle(accountSid, requests, retryAfter);
    }

    /**
     * The REST requests of an account in flight now.
     *
     * @param accountSid the account ({@code AC…})
     * @return how many are being served
     */
    public int concurrentRequests(String accountSid) {
        return engine.limits.inFlight(Objects.requireNonNull(accountSid, "accountSid"));
    }

    /**
     * How many requests of an account were answered 429 since the last {@link #reset()}: over its
     * concurrency limit, throttled, or by an injected fault.
     *
     * @param accountSid the account ({@code AC…})
     * @return the number of 429s answered
     */
    public int tooManyRequestsAnswered(String accountSid) {
        return engine.limits.refusedCount(Objects.requireNonNull(accountSid, "accountSid"));
    }

    // ---------------------------------------------------------------------------------------------
    // Faults, requests, clients, reset

    /**
     * Starts describing a fault on {@code endpoint}.
     *
     * @param endpoint the endpoint whose calls fail
     * @return a description to finish with one of its answers, such as {@link
     *     FaultSpec#respondWithStatus(int)}
     */
    public FaultSpec fault(Endpoint endpoint) {
        return new FaultSpec(this, Objects.requireNonNull(endpoint, "endpoint"));
    }

    void install(InjectedFault fault) {
        engine.install(fault);
    }

    /** Removes every fault. */
    public void clearFaults() {
        engine.clearFaults();
    }

    /** {@return the REST requests received (the last 100,000), oldest first} */
    public List<RecordedRequest> requests() {
        return engine.requests();
    }

    /**
     * The requests received on {@code endpoint}.
     *
     * @param endpoint the endpoint
     * @return the requests, oldest first
     */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        List<RecordedRequest> result = new ArrayList<>();
        for (RecordedRequest request : engine.requests()) {
            if (request.endpoint() == endpoint) {
                result.add(request);
            }
        }
        return result;
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        engine.clearRequests();
    }

    /**
     * {@return a twilio-java HTTP client that sends to this simulator what twilio-java addresses to
     * {@code *.twilio.com}; give it to {@code TwilioRestClient.Builder#httpClient}}
     */
    public HttpClient twilioHttpClient() {
        return new SimulatorHttpClient(baseUrl);
    }

    /**
     * A twilio-java client for {@code account}, talking to this simulator.
     *
     * @param account the account whose credentials the client uses
     * @return a client whose calls reach this simulator
     */
    public TwilioRestClient restClient(SimulatedAccount account) {
        return new TwilioRestClient.Builder(account.sid(), account.authToken())
                .httpClient(twilioHttpClient())
                .build();
    }

    /**
     * Wipes every account, number, message, fault and record, and the registrations' script,
     * review delay and fees (carrier rules are on again); the inventory is whole again. Queues and
     * scheduled messages are emptied; carrier pacing, the queue time, the concurrency limit and
     * {@code Retry-After} are again as the builder set them, and senders' rates, accounts' limits,
     * throttles and counts of 429s are forgotten. Status
     * callbacks still queued are dropped (the SIDs handed out after a reset repeat those before it),
     * and one being posted is waited for, up to 5 seconds.
     */
    public void reset() {
        engine.excludingSettles(() -> {
            engine.callbacks.clear();
            engine.reset();
        });
    }

    /** Stops the simulator. */
    @Override
    public void close() {
        engine.clock.removeOnMove(clockListener);
        engine.shutdown();
        engine.callbacks.shutdown();
        server.stop();
    }

    @Override
    public String toString() {
        return "TwilioSimulator[" + baseUrl + ", seed=" + engine.seed + "]";
    }

    /** Changes a bought number's configuration; see {@link #editNumber(String, Consumer)}. Not thread-safe. */
    public static final class NumberEditor {
        private final SimState.Number number;

        NumberEditor(SimState.Number number) {
            this.number = number;
        }

        /**
         * Sets the URL inbound messages are posted to.
         *
         * @param url the URL
         * @return this editor
         */
        public NumberEditor smsUrl(String url) {
            number.smsUrl = url;
            return this;
        }

        /**
         * Sets the HTTP method of the inbound webhook.
         *
         * @param method {@code POST} or {@code GET}
         * @return this editor
         */
        public NumberEditor smsMethod(String method) {
            number.smsMethod = method;
            return this;
        }

        /**
         * Sets the URL status callbacks of messages from this number are posted to.
         *
         * @param url the URL
         * @return this editor
         */
        public NumberEditor statusCallback(String url) {
            number.statusCallback = url;
            return this;
        }

        /**
         * Hands the number's inbound messages to an application, whose SMS URL then takes
         * precedence.
         *
         * @param sid the application's SID ({@code AP…})
         * @return this editor
         */
        public NumberEditor smsApplicationSid(String sid) {
            number.smsApplicationSid = sid;
            return this;
        }

        /**
         * Sets the number's name, as Twilio shows it.
         *
         * @param name the name
         * @return this editor
         */
        public NumberEditor friendlyName(String name) {
            number.friendlyName = name;
            return this;
        }
    }

    /** Configures a simulator. Not thread-safe. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private long seed = 1;
        private int threads = 32;
        private @Nullable SimulatorClock clock;
        private CallbackMode callbackMode = CallbackMode.AUTOMATIC;
        private WebhookRetryPolicy webhookRetry = WebhookRetryPolicy.defaults();
        private Duration webhookTimeout = Duration.ofSeconds(15);
        private boolean carrierPacing;
        private Duration queueTime = OutboundQueues.DEFAULT_QUEUE_TIME;
        private int concurrencyLimit;
        private Duration retryAfter = Duration.ofSeconds(1);
        private java.util.function.@Nullable BiConsumer<SimRequest, SimResponse> observer;

        private Builder() {}

        /** Sees every answer of the REST API that is not an injected fault; for the simulator's own tests. */
        Builder observer(java.util.function.BiConsumer<SimRequest, SimResponse> observer) {
            this.observer = observer;
            return this;
        }

        /**
         * The port; 0 (the default) picks a free one.
         *
         * @param port the port, or 0
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The address to listen on; {@code 127.0.0.1} by default.
         *
         * @param address an IP address of this machine; {@code 0.0.0.0} for all of them
         * @return this builder
         */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /**
         * The seed of the inventory and the SIDs; 1 by default.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Server threads; 32 by default.
         *
         * @param threads the number of threads serving requests
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The clock; the system clock (movable) by default.
         *
         * @param clock the clock of dates, callbacks and delays
         * @return this builder
         */
        public Builder clock(SimulatorClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * When status callbacks are posted; automatically by default.
         *
         * @param mode when callbacks are posted
         * @return this builder
         */
        public Builder callbackMode(CallbackMode mode) {
            this.callbackMode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * How webhooks are retried; {@link WebhookRetryPolicy#defaults()} by default.
         *
         * @param policy the retry policy
         * @return this builder
         */
        public Builder webhookRetryPolicy(WebhookRetryPolicy policy) {
            this.webhookRetry = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * How long a webhook may take to answer; 15 seconds by default, as at Twilio.
         *
         * @param timeout the longest wait for a webhook's answer
         * @return this builder
         */
        public Builder webhookTimeout(Duration timeout) {
            this.webhookTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Whether messages wait in their senders' queues and leave them at the senders' rates; off
         * by default. See {@link TwilioSimulator#carrierPacing(boolean)}.
         *
         * @param pace {@code true} to queue and pace messages
         * @return this builder
         */
        public Builder carrierPacing(boolean pace) {
            this.carrierPacing = pace;
            return this;
        }

        /**
         * How long a message may wait in its sender's queue; 10 hours by default. See {@link
         * TwilioSimulator#setQueueTime(Duration)}.
         *
         * @param queueTime the longest wait, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code queueTime} is zero or negative
         */
        public Builder queueTime(Duration queueTime) {
            this.queueTime = OutboundQueues.checkQueueTime(queueTime);
            return this;
        }

        /**
         * The REST requests each account may have in flight at once; none by default. See {@link
         * TwilioSimulator#setConcurrencyLimit(int)}.
         *
         * @param limit the most requests in flight per account; 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder concurrencyLimit(int limit) {
            this.concurrencyLimit = RequestLimits.checkLimit(limit);
            return this;
        }

        /**
         * The {@code Retry-After} of 429s answered over a concurrency limit; 1 second by default.
         *
         * @param retryAfter the wait advised, sent in whole seconds
         * @return this builder
         * @throws IllegalArgumentException if {@code retryAfter} is negative
         */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = RequestLimits.checkRetryAfter(retryAfter);
            return this;
        }

        /**
         * Starts the simulator.
         *
         * @return the running simulator; close it when done
         */
        public TwilioSimulator start() {
            return new TwilioSimulator(this);
        }
    }
}
