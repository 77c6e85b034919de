package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.inbound.InboundEvent;
import io.tenanttwilio.inbound.Keyword;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.simulator.CallbackMode;
import io.tenanttwilio.test.simulator.CallbackOrder;
import io.tenanttwilio.test.simulator.DeliveryOutcome;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSignature;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import io.tenanttwilio.test.simulator.WebhookDelivery;
import io.tenanttwilio.test.simulator.WebhookRetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound webhooks and sending, end to end: the simulator posts signed webhooks to the webhook
 * servlet in a real servlet container, which feeds the SDK.
 */
class MessagingIT {

    private static final TenantId CLINIC_A = TenantId.of("clinique-a");
    private static final TenantId CLINIC_B = TenantId.of("clinique-b");
    private static final String PATIENT = "+15815006712";

    private static TwilioSimulator simulator;
    private static WebhookServer server;

    private SdkFixture sdk;
    private SimulatedAccount accountA;
    private SimulatedAccount accountB;
    private NumberRecord numberA;
    private NumberRecord numberB;
    private final List<InboundEvent> heard = new CopyOnWriteArrayList<>();
    private final List<SmsMessage> statuses = new CopyOnWriteArrayList<>();
    private final FlakyConversationStore flaky = new FlakyConversationStore();

    @BeforeAll
    static void start() throws Exception {
        simulator = TwilioSimulator.start();
        server = new WebhookServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        simulator.close();
    }

    @BeforeEach
    void twoClinics() {
        simulator.reset();
        sdk = SdkFixture.on(simulator)
                .publicUrl(server.baseUrl())
                .conversationStore(flaky)
                .inboundMessageListener(event -> {
                    heard.add(event);
                    return event.message().body().equals("horaires?")
                            ? Optional.of("Ouvert de 8 h à 17 h <lun-ven> & sam")
                            : Optional.empty();
                })
                .statusListener((tenant, message) -> statuses.add(message))
                .build();
        server.use(sdk.twilio.webhooks());
        accountA = simulator.createAccount("Clinique A");
        accountB = simulator.createAccount("Clinique B");
        numberA = buy(CLINIC_A, accountA, "418");
        numberB = buy(CLINIC_B, accountB, "514");
    }

    @AfterEach
    void close() {
        sdk.close();
        simulator.setCallbackMode(CallbackMode.AUTOMATIC);
        simulator.setCallbackOrder(CallbackOrder.IN_ORDER);
        simulator.setWebhookRetryPolicy(WebhookRetryPolicy.defaults());
    }

    private NumberRecord buy(TenantId tenant, SimulatedAccount account, String areaCode) {
        return sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(tenant, "k-" + tenant)
                        .areaCode(areaCode)
                        .credentials(account.credentials())
                        .build())
                .record();
    }

    private static String e164(NumberRecord record) {
        return record.phoneNumber().orElseThrow().e164();
    }

    private TenantTwilioClient client(TenantId tenant) {
        return sdk.twilio.client(tenant);
    }

    private List<SmsMessage> allMessages(TenantId tenant) {
        List<SmsMessage> all = new ArrayList<>();
        for (Conversation conversation :
                client(tenant).conversations(ConversationQuery.all()).all()) {
            client(tenant)
                    .messages(MessageQuery.inConversation(conversation.id()))
                    .all()
                    .forEach(all::add);
        }
        return all;
    }

    @Test
    void aPatientTextingClinicBLandsInBOnlyEvenWhenAlsoAContactOfA() {
        client(CLINIC_A)
                .sendSms(SmsRequest.to(PATIENT)
                        .body("Rappel: rendez-vous demain")
                        .build());
        simulator.awaitCallbacks(Duration.ofSeconds(10));

        WebhookDelivery delivery = simulator.sendInboundSms(PATIENT, e164(numberB), "Bonjour clinique B");

        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(delivery.responseBody()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(allMessages(CLINIC_B)).singleElement().satisfies(message -> {
            assertThat(message.direction()).isEqualTo(MessageDirection.INBOUND);
            assertThat(message.body()).isEqualTo("Bonjour clinique B");
            assertThat(message.from().e164()).isEqualTo(PATIENT);
            assertThat(message.twilioSid()).contains(delivery.parameter("MessageSid"));
        });
        assertThat(allMessages(CLINIC_A))
                .allSatisfy(m -> assertThat(m.direction()).isEqualTo(MessageDirection.OUTBOUND));
        assertThat(sdk.contacts.find(CLINIC_A, PhoneNumber.ofE164(PATIENT)).map(Contact::id))
                .isNotEqualTo(
                        sdk.contacts.find(CLINIC_B, PhoneNumber.ofE164(PATIENT)).map(Contact::id));
        assertThat(heard)
                .singleElement()
                .satisfies(event -> assertThat(event.tenant()).isEqualTo(CLINIC_B));
        Conversation conversation =
                client(CLINIC_B).conversations(ConversationQuery.open()).items().get(0);
        assertThat(conversation.unreadCount()).isEqualTo(1);
        client(CLINIC_B).markRead(conversation.id());
        assertThat(client(CLINIC_B)
                        .conversations(ConversationQuery.open())
                        .items()
                        .get(0)
                        .unreadCount())
                .isZero();
    }

    @Test
    void forgedWebhooksAreRefusedAndNothingIsStored() throws Exception {
        WebhookDelivery genuine = simulator.sendInboundSms(PATIENT, e164(numberA), "vrai");
        int stored = allMessages(CLINIC_A).size();

        Map<String, List<String>> params = new LinkedHashMap<>(genuine.parameters());
        params.put("MessageSid", List.of("SM" + "1".repeat(32)));
        String url = numberA.smsUrl();
        // A wrong token.
        assertThat(post(url, params, TwilioSignature.sign("0".repeat(32), url, params)))
                .isEqualTo(403);
        // A tampered body under the genuine signature.
        Map<String, List<String>> tampered = new LinkedHashMap<>(genuine.parameters());
        tampered.put("Body", List.of("faux"));
        assertThat(post(url, tampered, genuine.signature())).isEqualTo(403);
        // A genuine request replayed to the other tenant's key.
        assertThat(post(numberB.smsUrl(), genuine.parameters(), genuine.signature()))
                .isEqualTo(403);
        // Signed with B's token for B's key, but claiming A's account and number.
        Map<String, List<String>> crossed = new LinkedHashMap<>(params);
        assertThat(post(
                        numberB.smsUrl(),
                        crossed,
                        TwilioSignature.sign(accountB.authToken(), numberB.smsUrl(), crossed)))
                .isEqualTo(403);
        // No signature, an unknown key.
        assertThat(post(url, params, null)).isEqualTo(403);
        assertThat(post(server.baseUrl() + "/sms/unknownkey", params, genuine.signature()))
                .isEqualTo(403);

        assertThat(allMessages(CLINIC_A)).hasSize(stored);
        assertThat(allMessages(CLINIC_B)).isEmpty();
        assertThat(sdk.audit.events())
                .filteredOn(e -> e.action() == AuditAction.WEBHOOK_REJECTED)
                .isNotEmpty();
    }

    private static int post(String url, Map<String, List<String>> params, String signature) throws Exception {
        StringBuilder body = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8))));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void theSameMessageDeliveredThreeTimesAtOnceIsStoredOnce() throws Exception {
        WebhookDelivery first = simulator.sendInboundSms(PATIENT, e164(numberA), "une fois");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Callable<WebhookDelivery>> again = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                again.add(() -> {
                    go.await();
                    return simulator.redeliver(first);
                });
            }
            List<Future<WebhookDelivery>> futures = new ArrayList<>();
            again.forEach(call -> futures.add(pool.submit(call)));
            go.countDown();
            for (Future<WebhookDelivery> future : futures) {
                assertThat(future.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(allMessages(CLINIC_A))
                .filteredOn(m -> m.direction() == MessageDirection.INBOUND)
                .hasSize(1);
        assertThat(heard).hasSize(1);
    }

    @Test
    void statusCallbacksShuffledAndRepeatedEndOnTheRightStatus() {
        simulator.setCallbackMode(CallbackMode.MANUAL);
        simulator.setCallbackOrder(CallbackOrder.SHUFFLED_WITH_DUPLICATES);
        simulator.setDeliveryOutcome("+15815006713", DeliveryOutcome.undelivered(30003));
        SmsMessage delivered =
                client(CLINIC_A).sendSms(SmsRequest.to(PATIENT).body("un").build());
        SmsMessage undelivered = client(CLINIC_A)
                .sendSms(SmsRequest.to("+15815006713").body("deux").build());

        List<WebhookDelivery> posted = simulator.deliverPendingCallbacks();

        assertThat(posted)
                .allSatisfy(d -> assertThat(d.statusCode()).isEqualTo(200))
                .hasSizeGreaterThan(4);
        Map<String, SmsMessage> byId = new LinkedHashMap<>();
        allMessages(CLINIC_A).forEach(m -> byId.put(m.id(), m));
        assertThat(byId.get(delivered.id()).status()).isEqualTo(MessageStatus.DELIVERED);
        SmsMessage failed = byId.get(undelivered.id());
        assertThat(failed.status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(failed.errorCode()).hasValue(30003);
        assertThat(failed.failureReason(Locale.FRENCH))
                .contains("Le téléphone du destinataire est éteint ou hors de portée.");
        assertThat(statuses).extracting(SmsMessage::status).doesNotContain(MessageStatus.QUEUED);
    }

    @Test
    void afterStopSendingIsRefusedUntilStart() {
        simulator.sendInboundSms(PATIENT, e164(numberA), "Arrêt");

        TenantTwilioException refused = catchThrowableOfType(
                TenantTwilioException.class,
                () -> client(CLINIC_A)
                        .sendSms(SmsRequest.to("(581) 500-6712")
                                .body("Promotion")
                                .build()));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.RECIPIENT_OPTED_OUT);
        assertThat(refused.userMessage(Locale.FRENCH)).contains("désabonnée");
        assertThat(simulator.requests(io.tenanttwilio.test.simulator.Endpoint.MESSAGE_CREATE))
                .isEmpty();
        assertThat(heard.get(0).keyword()).contains(Keyword.OPT_OUT);
        assertThat(client(CLINIC_B)
                        .isOptedOut(
                                PhoneNumber.ofE164(PATIENT),
                                numberB.phoneNumber().orElseThrow()))
                .as("an opt-out belongs to the number it was sent to")
                .isFalse();

        simulator.sendInboundSms(PATIENT, e164(numberA), "start");

        assertThat(client(CLINIC_A)
                        .sendSms(SmsRequest.to("(581) 500-6712").body("Merci").build())
                        .twilioSid())
                .isPresent();
    }

    @Test
    void twilioRefusingAnUnsubscribedRecipientMarksTheContact() {
        // The patient opted out at Twilio (a carrier-level STOP) without the SDK knowing.
        simulator.sendInboundSms(PATIENT, e164(numberA), "STOP");
        flaky.setOptedOut(CLINIC_A, PhoneNumber.ofE164(PATIENT), e164(numberA), false, java.time.Instant.now());

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class,
                () -> client(CLINIC_A).sendSms(SmsRequest.to(PATIENT).body("x").build()));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.RECIPIENT_OPTED_OUT);
        assertThat(e.twilioErrorCode()).hasValue(21610);
        assertThat(client(CLINIC_A)
                        .isOptedOut(
                                PhoneNumber.ofE164(PATIENT),
                                numberA.phoneNumber().orElseThrow()))
                .isTrue();
        assertThat(allMessages(CLINIC_A)).anySatisfy(m -> {
            assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(m.errorCode()).hasValue(21610);
        });
    }

    @Test
    void everyFormatOfAPatientsNumberMeetsTheSameContact() {
        SmsMessage first =
                client(CLINIC_A).sendSms(SmsRequest.to("15815006712").body("a").build());
        SmsMessage second =
                client(CLINIC_A).sendSms(SmsRequest.to("14185551234").body("b").build());
        simulator.sendInboundSms("+15815006712", e164(numberA), "c");
        SmsMessage typed = client(CLINIC_A)
                .sendSms(SmsRequest.to("(581) 500-6712").body("d").build());
        SmsMessage dashed =
                client(CLINIC_A).sendSms(SmsRequest.to("581-500-6712").body("e").build());

        assertThat(typed.conversationId()).isEqualTo(first.conversationId()).isEqualTo(dashed.conversationId());
        assertThat(second.conversationId()).isNotEqualTo(first.conversationId());
        assertThat(client(CLINIC_A).conversations(ConversationQuery.open()).items())
                .hasSize(2);
        assertThat(client(CLINIC_A)
                        .messages(MessageQuery.inConversation(first.conversationId()))
                        .items())
                .hasSize(4);
    }

    @Test
    void aFailingStoreAnswers503AndTwilioRetryStoresTheMessageOnce() {
        flaky.failNextInserts(1);

        WebhookDelivery delivery = simulator.sendInboundSms(PATIENT, e164(numberA), "réessayé");

        assertThat(delivery.attempts())
                .extracting(WebhookDelivery.Attempt::statusCode)
                .containsExactly(503, 200);
        assertThat(allMessages(CLINIC_A))
                .filteredOn(m -> m.body().equals("réessayé"))
                .hasSize(1);
    }

    @Test
    void aStoreThatStaysDownNeverAcknowledges() {
        simulator.setWebhookRetryPolicy(WebhookRetryPolicy.attempts(3));
        flaky.failNextInserts(10);

        WebhookDelivery delivery = simulator.sendInboundSms(PATIENT, e164(numberA), "perdu?");

        assertThat(delivery.attempts())
                .extracting(WebhookDelivery.Attempt::statusCode)
                .containsOnly(503);
        assertThat(allMessages(CLINIC_A)).isEmpty();
    }

    @Test
    void aListenerCanAnswerWithAnEscapedAutomaticReply() {
        WebhookDelivery delivery = simulator.sendInboundSms(PATIENT, e164(numberA), "horaires?");

        assertThat(delivery.responseBody())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                        + "Ouvert de 8 h à 17 h &lt;lun-ven&gt; &amp; sam</Message></Response>");
        assertThat(delivery.attempts().get(0).contentType()).startsWith("text/xml");
        assertThat(simulator.messages()).anySatisfy(m -> {
            assertThat(m.direction()).isEqualTo("outbound-reply");
            assertThat(m.body()).isEqualTo("Ouvert de 8 h à 17 h <lun-ven> & sam");
        });
        assertThat(allMessages(CLINIC_A)).anySatisfy(m -> assertThat(m.sentBy()).contains("auto-reply"));
    }

    @Test
    void anMmsKeepsItsMediaWithoutDownloadingIt() {
        simulator
                .inboundSms()
                .from(PATIENT)
                .to(e164(numberA))
                .body("photo")
                .media(simulator.baseUrl() + "/media/ME1", "image/jpeg")
                .send();

        SmsMessage mms = allMessages(CLINIC_A).get(0);
        assertThat(mms.media()).singleElement().satisfies(item -> {
            assertThat(item.url()).endsWith("/media/ME1");
            assertThat(item.contentType()).isEqualTo("image/jpeg");
        });
        assertThat(mms.twilioSid()).hasValueSatisfying(sid -> assertThat(sid).startsWith("MM"));
    }

    @Test
    void sendingUsesTheTenantsOwnNumberAndCredentialsAndRecordsTheProgress() {
        SmsMessage sent = client(CLINIC_B)
                .sendSms(SmsRequest.to("514 555 0199")
                        .body("Bonjour")
                        .sentBy("marie")
                        .build());
        simulator.awaitCallbacks(Duration.ofSeconds(10));

        assertThat(sent.from().e164()).isEqualTo(e164(numberB));
        assertThat(sent.to().e164()).isEqualTo("+15145550199");
        assertThat(sent.status()).isIn(MessageStatus.QUEUED, MessageStatus.SENT, MessageStatus.DELIVERED);
        assertThat(sent.twilioSid()).isPresent();
        assertThat(simulator.requests(io.tenanttwilio.test.simulator.Endpoint.MESSAGE_CREATE))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.username()).isEqualTo(accountB.sid());
                    assertThat(request.parameter("StatusCallback")).isEqualTo(numberB.statusCallbackUrl());
                });
        SmsMessage after = client(CLINIC_B)
                .messages(MessageQuery.inConversation(sent.conversationId()).limit(1))
                .items()
                .get(0);
        assertThat(after.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(after.sentBy()).contains("marie");
        assertThat(statuses)
                .extracting(SmsMessage::status)
                .endsWith(MessageStatus.DELIVERED)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(MessageStatus::rank))
                .doesNotHaveDuplicates();
    }

    @Test
    void badInputGetsA400WithAReasonAndNeverA500() throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("AccountSid", List.of(accountA.sid()));
        params.put("To", List.of(e164(numberA)));
        params.put("From", List.of("not a number"));
        params.put("MessageSid", List.of("SM" + "2".repeat(32)));
        String url = numberA.smsUrl();

        HttpResponse<String> badFrom = postRaw(url, params, TwilioSignature.sign(accountA.authToken(), url, params));
        params.put("From", List.of(PATIENT));
        params.put("MessageSid", List.of("nope"));
        HttpResponse<String> badSid = postRaw(url, params, TwilioSignature.sign(accountA.authToken(), url, params));
        params.put("MessageSid", List.of("SM" + "3".repeat(32)));
        params.put("Body", List.of("x".repeat(1601)));
        HttpResponse<String> tooLong = postRaw(url, params, TwilioSignature.sign(accountA.authToken(), url, params));
        HttpResponse<String> notUtf8 = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'B', 'o', 'd', 'y', '=', (byte) 0xC3, (byte) 0x28}))
                .build());
        // The servlet refuses an oversized body without reading it and the container closes the
        // connection; a client still writing may see the close before the answer, so the
        // request is sent again until the answer is read (never a 5xx either way).
        Integer hugeStatus = null;
        for (int attempt = 0; attempt < 5 && hugeStatus == null; attempt++) {
            try {
                hugeStatus = send(HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofString("Body=" + "x".repeat(70_000)))
                                .build())
                        .statusCode();
            } catch (java.io.IOException closedBeforeTheAnswer) {
                // read again
            }
        }

        assertThat(badFrom.statusCode()).isEqualTo(400);
        assertThat(badFrom.body()).contains("From is not a phone number");
        assertThat(badSid.statusCode()).isEqualTo(400);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("UTF-8");
        assertThat(hugeStatus).isEqualTo(413);
        assertThat(allMessages(CLINIC_A)).isEmpty();
    }

    private static HttpResponse<String> postRaw(String url, Map<String, List<String>> params, String signature)
            throws Exception {
        StringBuilder body = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> body.append(body.length() == 0 ? "" : "&")
                .append(name)
                .append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keylessWebhooksRouteByMessagingServiceFallingBackToAccountAndNumber() {
        String linked = accountA.createMessagingService("Linked", server.baseUrl() + "/sms");
        String unlinked = accountB.createMessagingService("Not linked", server.baseUrl() + "/sms");
        simulator.addToMessagingService(linked, numberA.twilioSid().orElseThrow());
        simulator.addToMessagingService(unlinked, numberB.twilioSid().orElseThrow());
        sdk.twilio.provisioner().linkMessagingService(CLINIC_A, linked);

        WebhookDelivery toA = simulator.sendInboundSms(PATIENT, e164(numberA), "par service");
        WebhookDelivery toB = simulator.sendInboundSms(PATIENT, e164(numberB), "par repli");

        assertThat(toA.url()).isEqualTo(server.baseUrl() + "/sms");
        assertThat(toA.statusCode()).isEqualTo(200);
        assertThat(toB.statusCode()).isEqualTo(200);
        assertThat(allMessages(CLINIC_A)).extracting(SmsMessage::body).containsExactly("par service");
        assertThat(allMessages(CLINIC_B)).extracting(SmsMessage::body).containsExactly("par repli");
    }

    @Test
    void aFloodOfForgedRequestsDoesNotFloodTheAuditTrail() throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("AccountSid", List.of(accountA.sid()));
        params.put("To", List.of(e164(numberA)));
        params.put("From", List.of(PATIENT));
        params.put("MessageSid", List.of("SM" + "4".repeat(32)));
        for (int i = 0; i < 50; i++) {
            assertThat(post(numberA.smsUrl(), params, "forged" + i)).isEqualTo(403);
        }

        assertThat(sdk.audit.events())
                .filteredOn(e -> e.action() == AuditAction.WEBHOOK_REJECTED)
                .hasSize(5);
    }

    @Test
    void staffDownloadAnMmsWithTheClinicsOwnCredentialsOnly() {
        byte[] picture = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, (byte) 0xFF};
        simulator
                .inboundSms()
                .from(PATIENT)
                .to(e164(numberA))
                .body("")
                .media(picture, "image/png")
                .send();
        MediaItem item = allMessages(CLINIC_A).get(0).media().get(0);

        byte[] fetched = client(CLINIC_A).fetchMedia(item, 1_000_000);

        assertThat(item.url())
                .startsWith("https://api.twilio.com/2010-04-01/Accounts/" + accountA.sid() + "/Messages/MM");
        assertThat(fetched).isEqualTo(picture);
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> client(CLINIC_B).fetchMedia(item, 1_000_000))
                        .errorCode())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> client(CLINIC_A).fetchMedia(item, 4))
                        .errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> client(CLINIC_A)
                                        .fetchMedia(MediaItem.of("https://evil.example/a.png", "image/png"), 100))
                        .userMessage(Locale.ENGLISH))
                .contains("Only media stored at Twilio");
    }

    @Test
    void sendsThroughALinkedMessagingServiceAndRoutesItsKeylessCallbacks() {
        String service = accountA.createMessagingService("Clinique A", null);
        simulator.addToMessagingService(service, numberA.twilioSid().orElseThrow());
        sdk.twilio.provisioner().linkMessagingService(CLINIC_A, service);

        SmsMessage sent = client(CLINIC_A)
                .sendSms(SmsRequest.to(PATIENT)
                        .body("par le service")
                        .messagingServiceSid(service)
                        .build());
        simulator.awaitCallbacks(Duration.ofSeconds(10));

        // The answer says accepted; a callback may already have moved it on.
        assertThat(sent.status().rank()).isGreaterThanOrEqualTo(MessageStatus.ACCEPTED.rank());
        assertThat(simulator.requests(io.tenanttwilio.test.simulator.Endpoint.MESSAGE_CREATE))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.parameter("MessagingServiceSid")).isEqualTo(service);
                    assertThat(request.parameter("From")).isNull();
                    assertThat(request.parameter("StatusCallback")).isEqualTo(server.baseUrl() + "/status");
                });
        assertThat(client(CLINIC_A)
                        .messages(MessageQuery.inConversation(sent.conversationId())
                                .limit(1))
                        .items()
                        .get(0)
                        .status())
                .isEqualTo(MessageStatus.DELIVERED);
        String otherService = accountB.createMessagingService("Clinique B", null);
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> client(CLINIC_A)
                                        .sendSms(SmsRequest.to(PATIENT)
                                                .body("x")
                                                .messagingServiceSid(otherService)
                                                .build()))
                        .errorCode())
                .isEqualTo(ErrorCode.NO_SENDER);
        assertThat(catchThrowableOfType(
                                TenantTwilioException.class,
                                () -> sdk.twilio.provisioner().linkMessagingService(CLINIC_A, otherService))
                        .errorCode())
                .isIn(ErrorCode.NUMBER_NOT_OWNED, ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void archivedConversationsLeaveTheInboxAndANewMessageReopensThem() {
        simulator.sendInboundSms(PATIENT, e164(numberA), "un");
        Conversation conversation =
                client(CLINIC_A).conversations(ConversationQuery.open()).items().get(0);

        client(CLINIC_A).archive(conversation.id());
        List<Conversation> inbox =
                client(CLINIC_A).conversations(ConversationQuery.open()).items();
        List<Conversation> everything =
                client(CLINIC_A).conversations(ConversationQuery.all()).items();
        simulator.sendInboundSms(PATIENT, e164(numberA), "deux");

        assertThat(inbox).isEmpty();
        assertThat(everything)
                .singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(Conversation.State.ARCHIVED));
        assertThat(client(CLINIC_A).conversations(ConversationQuery.open()).items())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(conversation.id());
                    assertThat(c.state()).isEqualTo(Conversation.State.OPEN);
                    assertThat(c.lastMessagePreview()).contains("deux");
                });
    }

    @Test
    void releasingANumberArchivesItsConversations() {
        simulator.sendInboundSms(PATIENT, e164(numberA), "un");

        sdk.twilio.provisioner().release(CLINIC_A, numberA.phoneNumber().orElseThrow());

        assertThat(client(CLINIC_A).conversations(ConversationQuery.open()).items())
                .isEmpty();
        assertThat(client(CLINIC_A).conversations(ConversationQuery.all()).items())
                .singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(Conversation.State.ARCHIVED));
        assertThat(simulator.sendInboundSms(PATIENT, e164(numberB), "x").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aNumberConfiguredForGetIsVerifiedOnTheFullUrl() {
        simulator.editNumber(e164(numberA), n -> n.smsMethod("GET"));

        WebhookDelivery delivery = simulator.sendInboundSms(PATIENT, e164(numberA), "par GET é&=");

        assertThat(delivery.method()).isEqualTo("GET");
        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(allMessages(CLINIC_A)).extracting(SmsMessage::body).containsExactly("par GET é&=");
    }
}
