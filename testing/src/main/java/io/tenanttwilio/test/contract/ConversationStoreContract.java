package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.MessageUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ConversationStore} (with the {@link ContactDirectory} it is used with):
 * extend it with your store.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class ConversationStoreContract {

    private static final PhoneNumber PATIENT = PhoneNumber.ofE164("+15815006712");
    private static final PhoneNumber CLINIC = PhoneNumber.ofE164("+14185550142");
    private static final PhoneNumber OTHER_CLINIC = PhoneNumber.ofE164("+14185550143");

    /** {@return the store under test; it may be shared by every test of the class} */
    protected abstract ConversationStore store();

    /** {@return the contact directory the store's conversations refer to} */
    protected abstract ContactDirectory contacts();

    private Conversation open(TenantId tenant, PhoneNumber contact, PhoneNumber ours) {
        Contact person = contacts().findOrCreate(tenant, contact);
        return store().openConversation(tenant, person, ours, Contracts.now());
    }

    /** A conversation's messages, newest first (the first page: enough for these tests). */
    private List<SmsMessage> thread(TenantId tenant, String conversationId) {
        return store().messages(tenant, MessageQuery.inConversation(conversationId))
                .items();
    }

    private static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private static SmsMessage inbound(Conversation conversation, String sid, String body, Instant at) {
        return SmsMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(conversation.tenantId())
                .conversationId(conversation.id())
                .direction(MessageDirection.INBOUND)
                .twilioSid(sid)
                .from(conversation.contact().phoneNumber())
                .to(conversation.ourNumber())
                .body(body)
                .status(MessageStatus.RECEIVED)
                .segments(1)
                .createdAt(at)
                .updatedAt(at)
                .build();
    }

    private static SmsMessage outbound(Conversation conversation, Instant at) {
        return SmsMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(conversation.tenantId())
                .conversationId(conversation.id())
                .direction(MessageDirection.OUTBOUND)
                .from(conversation.ourNumber())
                .to(conversation.contact().phoneNumber())
                .body("Votre rendez-vous est confirmé.")
                .status(MessageStatus.PENDING)
                .sentBy("marie")
                .createdAt(at)
                .updatedAt(at)
                .build();
    }

    @Test
    void opensOneConversationPerContactAndNumber() {
        TenantId tenant = Contracts.freshTenant("clinic");

        Conversation first = open(tenant, PATIENT, CLINIC);
        Conversation again = open(tenant, PATIENT, CLINIC);
        Conversation other = open(tenant, PATIENT, OTHER_CLINIC);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(first.state()).isEqualTo(Conversation.State.OPEN);
        assertThat(first.contact().phoneNumber()).isEqualTo(PATIENT);
        assertThat(store().conversation(tenant, first.id())).isPresent();
    }

    @Test
    void storesAMessageOncePerTwilioSid() {
        Conversation conversation = open(Contracts.freshTenant("clinic"), PATIENT, CLINIC);
        String sid = sid();

        boolean first = store().insertMessage(inbound(conversation, sid, "Bonjour", Contracts.now()));
        boolean second = store().insertMessage(inbound(conversation, sid, "Bonjour", Contracts.now()));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(thread(conversation.tenantId(), conversation.id())).hasSize(1);
        assertThat(store().conversation(conversation.tenantId(), conversation.id())
                        .orElseThrow()
                        .unreadCount())
                .isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneMessageStoreItOnce() throws Exception {
        Conversation conversation = open(Contracts.freshTenant("race"), PATIENT, CLINIC);
        String sid = sid();

        List<Boolean> results =
                Contracts.race(8, () -> store().insertMessage(inbound(conversation, sid, "une fois", Contracts.now())));

        assertThat(results).containsOnlyOnce(true);
        assertThat(thread(conversation.tenantId(), conversation.id())).hasSize(1);
    }

    @Test
    void receivesAMessageFromANewSenderWithItsContactAndConversation() {
        TenantId tenant = Contracts.freshTenant("receive");
        String sid = sid();
        Instant at = Contracts.now();

        ConversationStore.Received first = store().receive(
                        contacts(),
                        tenant,
                        PATIENT,
                        CLINIC,
                        at,
                        conversation -> inbound(conversation, sid, "Bonjour", at));
        ConversationStore.Received again = store().receive(
                        contacts(),
                        tenant,
                        PATIENT,
                        CLINIC,
                        at,
                        conversation -> inbound(conversation, sid, "Bonjour", at));

        assertThat(first.stored()).isTrue();
        assertThat(again.stored()).isFalse();
        assertThat(first.contact().phoneNumber()).isEqualTo(PATIENT);
        assertThat(contacts().find(tenant, PATIENT)).contains(first.contact());
        assertThat(again.contact().id()).isEqualTo(first.contact().id());
        assertThat(again.conversation().id()).isEqualTo(first.conversation().id());
        assertThat(first.conversation().ourNumber()).isEqualTo(CLINIC);
        assertThat(thread(tenant, first.conversation().id()))
                .extracting(SmsMessage::twilioSid)
                .containsExactly(Optional.of(sid));
        Conversation stored =
                store().conversation(tenant, first.conversation().id()).orElseThrow();
        assertThat(stored.unreadCount()).isEqualTo(1);
        assertThat(stored.lastMessageAt()).contains(at);
        assertThat(stored.lastMessagePreview()).contains("Bonjour");
        assertThat(stored.state()).isEqualTo(Conversation.State.OPEN);
    }

    @Test
    void aSidAlreadyStoredArrivingFromANewSenderIsNotStoredAgainAndLeavesItsConversationUnread() {
        TenantId tenant = Contracts.freshTenant("receive-known-sid");
        String sid = sid();
        Conversation earlier = open(tenant, PATIENT, CLINIC);
        store().insertMessage(inbound(earlier, sid, "Bonjour", Contracts.now()));
        PhoneNumber stranger = PhoneNumber.ofE164("+15815006713");

        ConversationStore.Received received = store().receive(
                        contacts(),
                        tenant,
                        stranger,
                        CLINIC,
                        Contracts.now(),
                        conversation -> inbound(conversation, sid, "Bonjour", Contracts.now()));

        assertThat(received.stored()).isFalse();
        assertThat(contacts().find(tenant, stranger)).contains(received.contact());
        Conversation opened =
                store().conversation(tenant, received.conversation().id()).orElseThrow();
        assertThat(opened.unreadCount()).isZero();
        assertThat(opened.lastMessageAt()).isEmpty();
        assertThat(thread(tenant, opened.id())).isEmpty();
    }

    /** Eight deliveries at once from the patient to the clinic, each message made by {@code message}. */
    private List<ConversationStore.Received> eightAtOnceFromAPatient(
            TenantId tenant, Function<Conversation, SmsMessage> message) throws Exception {
        return Contracts.race(8, () -> store().receive(contacts(), tenant, PATIENT, CLINIC, Contracts.now(), message));
    }

    @Test
    void concurrentMessagesFromANewSenderAllLandInItsOneConversation() throws Exception {
        TenantId tenant = Contracts.freshTenant("receive-burst");
        AtomicInteger next = new AtomicInteger();

        List<ConversationStore.Received> results = eightAtOnceFromAPatient(
                tenant, conversation -> inbound(conversation, sid(), "m" + next.incrementAndGet(), Contracts.now()));

        assertThat(results).allMatch(ConversationStore.Received::stored);
        String conversationId = results.get(0).conversation().id();
        assertThat(results).extracting(r -> r.conversation().id()).containsOnly(conversationId);
        assertThat(results)
                .extracting(r -> r.contact().id())
                .containsOnly(results.get(0).contact().id());
        assertThat(thread(tenant, conversationId)).hasSize(8);
        assertThat(store().conversation(tenant, conversationId).orElseThrow().unreadCount())
                .isEqualTo(8);
    }

    @Test
    void concurrentDeliveriesFromANewSenderMakeOneContactOneConversationOneMessage() throws Exception {
        TenantId tenant = Contracts.freshTenant("receive-race");
        String sid = sid();

        List<ConversationStore.Received> results = eightAtOnceFromAPatient(
                tenant, conversation -> inbound(conversation, sid, "une fois", Contracts.now()));

        assertThat(results).filteredOn(ConversationStore.Received::stored).hasSize(1);
        assertThat(results)
                .extracting(r -> r.contact().id())
                .containsOnly(results.get(0).contact().id());
        assertThat(results)
                .extracting(r -> r.conversation().id())
                .containsOnly(results.get(0).conversation().id());
        assertThat(thread(tenant, results.get(0).conversation().id())).hasSize(1);
    }

    @Test
    void keepsEverythingAMessageCarries() {
        Conversation conversation = open(Contracts.freshTenant("clinic"), PATIENT, CLINIC);
        Instant at = Contracts.now();
        SmsMessage message =
                inbound(conversation, "MM" + UUID.randomUUID().toString().replace("-", ""), "photo é", at).toBuilder()
                        .media(List.of(
                                MediaItem.of("https://api.twilio.com/m/ME1", "image/jpeg"),
                                MediaItem.of("https://api.twilio.com/m/ME2", "image/png")))
                        .price(new BigDecimal("-0.00790"))
                        .priceUnit("USD")
                        .build();

        store().insertMessage(message);

        SmsMessage found = store().findByTwilioSid(
                        conversation.tenantId(), message.twilioSid().orElseThrow())
                .orElseThrow();
        assertThat(found.id()).isEqualTo(message.id());
        assertThat(found.body()).isEqualTo("photo é");
        assertThat(found.media()).isEqualTo(message.media());
        assertThat(found.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-0.0079"));
        assertThat(found.createdAt()).isEqualTo(at);
        assertThat(found.from()).isEqualTo(PATIENT);
    }

    @Test
    void aStatusOnlyMovesForward() {
        Conversation conversation = open(Contracts.freshTenant("clinic"), PATIENT, CLINIC);
        String sid = sid();
        SmsMessage sent = outbound(conversation, Contracts.now());
        store().insertMessage(sent);
        store().replaceMessage(sent.toBuilder()
                .twilioSid(sid)
                .status(MessageStatus.QUEUED)
                .build());
        TenantId tenant = conversation.tenantId();

        assertThat(store().updateStatus(tenant, sid, MessageStatus.DELIVERED, null, null, 1, Contracts.now()))
                .isPresent();
        assertThat(store().updateStatus(tenant, sid, MessageStatus.SENT, null, null, null, Contracts.now()))
                .isEmpty();
        assertThat(store().findByTwilioSid(tenant, sid).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store().updateStatus(
                                tenant,
                                sid,
                                MessageStatus.SENT,
                                null,
                                new BigDecimal("-0.0079"),
                                null,
                                Contracts.now()))
                .as("a late price is still recorded")
                .hasValueSatisfying(m -> {
                    assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED);
                    assertThat(m.price()).isPresent();
                });
    }

    @Test
    void keepsTheErrorCodeOfAFailure() {
        Conversation conversation = open(Contracts.freshTenant("clinic"), PATIENT, CLINIC);
        String sid = sid();
        SmsMessage sent = outbound(conversation, Contracts.now());
        store().insertMessage(sent);
        store().replaceMessage(sent.toBuilder()
                .twilioSid(sid)
                .status(MessageStatus.QUEUED)
                .build());

        store().updateStatus(
                        conversation.tenantId(), sid, MessageStatus.UNDELIVERED, 30003, null, null, Contracts.now());

        assertThat(store().findByTwilioSid(conversation.tenantId(), sid)
                        .orElseThrow()
                        .errorCode())
                .hasValue(30003);
    }

    @Test
    void aStatusFasterThanTheSendsAnswerIsAppliedWhenTheMessageLearnsItsSid() {
        Conversation conversation = open(Contracts.freshTenant("clinic"), PATIENT, CLINIC);
        String sid = sid();
        SmsMessage pending = outbound(conversation, Contracts.now());
        store().insertMessage(pending);

        assertThat(store().updateStatus(
                                conversation.tenantId(), sid, MessageStatus.SENT, null, null, null, Contracts.now()))
                .isEmpty();
        assertThat(store().updateStatus(
                                conversation.tenantId(),
                                sid,
                                MessageStatus.DELIVERED,
                                null,
                                null,
                                null,
                                Contracts.now()))
                .isEmpty();
        SmsMessage stored = store().replaceMessage(pending.toBuilder()
                        .twilioSid(sid)
                        .status(MessageStatus.QUEUED)
                        .build())
                .orElseThrow();

        assertThat(stored.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store().findByTwilioSid(conversation.tenantId(), sid)
                        .orElseThrow()
                        .status())
                .isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void listsConversationsByLastMessageAndMessagesNewestFirst() {
        TenantId tenant = Contracts.freshTenant("clinic");
        Conversation older = open(tenant, PATIENT, CLINIC);
        Conversation newer = open(tenant, PhoneNumber.ofE164("+15815006713"), CLINIC);
        Instant start = Contracts.now();
        store().insertMessage(inbound(older, sid(), "1", start));
        store().insertMessage(inbound(newer, sid(), "2", start.plusSeconds(1)));
        store().insertMessage(inbound(older, sid(), "3", start.plusSeconds(2)));

        List<Conversation> inbox =
                store().conversations(tenant, ConversationQuery.open()).items();
        List<SmsMessage> thread = thread(tenant, older.id());

        assertThat(inbox).extracting(Conversation::id).containsExactly(older.id(), newer.id());
        assertThat(inbox.get(0).unreadCount()).isEqualTo(2);
        assertThat(inbox.get(0).lastMessagePreview()).contains("3");
        assertThat(thread).extracting(SmsMessage::body).containsExactly("3", "1");
        Page<SmsMessage> newest =
                store().messages(tenant, MessageQuery.inConversation(older.id()).limit(1));
        assertThat(newest.items()).extracting(SmsMessage::body).containsExactly("3");
        assertThat(store().messages(
                                tenant,
                                MessageQuery.inConversation(older.id())
                                        .limit(1)
                                        .after(newest.nextCursor().orElseThrow()))
                        .items())
                .extracting(SmsMessage::body)
                .containsExactly("1");
        Page<Conversation> first =
                store().conversations(tenant, ConversationQuery.open().limit(1));
        assertThat(store().conversations(
                                tenant,
                                ConversationQuery.open()
                                        .limit(1)
                                        .after(first.nextCursor().orElseThrow()))
                        .items())
                .extracting(Conversation::id)
                .containsExactly(newer.id());
    }

    // Pages ------------------------------------------------------------------------------------

    /** Every conversation of the listing, page after page. */
    private List<Conversation> everyConversation(TenantId tenant, ConversationQuery query) {
        return Contracts.everyPage(cursor -> store().conversations(tenant, query.after(cursor)));
    }

    /** Every message of the listing, page after page. */
    private List<SmsMessage> everyMessage(TenantId tenant, MessageQuery query) {
        return Contracts.everyPage(cursor -> store().messages(tenant, query.after(cursor)));
    }

    private static Instant activity(Conversation conversation) {
        return conversation.lastMessageAt().orElse(conversation.createdAt());
    }

    /** {@code count} conversations with patients of their own, opened at {@code at}, on {@code ours}. */
    private List<Conversation> openMany(TenantId tenant, int count, PhoneNumber ours, Instant at) {
        List<Conversation> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Contact person = contacts().findOrCreate(tenant, patient(i));
            opened.add(store().openConversation(tenant, person, ours, at));
        }
        return opened;
    }

    private static PhoneNumber patient(int i) {
        return PhoneNumber.ofE164("+1581500" + String.format(java.util.Locale.ROOT, "%04d", 6700 + i));
    }

    @Test
    void pagesOfConversationsCoverEveryConversationOnceMostRecentFirstEvenWhenTheyShareATime() {
        TenantId tenant = Contracts.freshTenant("pages");
        Instant opened = Contracts.now().minusSeconds(60);
        List<Conversation> all = openMany(tenant, 11, CLINIC, opened);
        Instant tie = opened.plusSeconds(30);
        for (int i = 0; i < 6; i++) {
            store().insertMessage(inbound(all.get(i), sid(), "en même temps", tie));
        }
        for (int i = 6; i < 9; i++) {
            store().insertMessage(inbound(all.get(i), sid(), "plus tôt", tie.minusSeconds(1)));
        }

        List<Conversation> listed =
                everyConversation(tenant, ConversationQuery.open().limit(4));

        assertThat(listed)
                .extracting(Conversation::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        all.stream().map(Conversation::id).toList());
        assertThat(listed)
                .extracting(ConversationStoreContract::activity)
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void aThreadComesNewestFirstPageAfterPageWithEveryMessageOnceEvenWhenTheyShareATime() {
        TenantId tenant = Contracts.freshTenant("thread-pages");
        Conversation conversation = open(tenant, PATIENT, CLINIC);
        Instant tie = Contracts.now().minusSeconds(10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            SmsMessage message = inbound(conversation, sid(), "m" + i, i < 5 ? tie : tie.plusSeconds(i));
            store().insertMessage(message);
            ids.add(message.id());
        }

        List<SmsMessage> listed = everyMessage(
                tenant, MessageQuery.inConversation(conversation.id()).limit(2));

        assertThat(listed).extracting(SmsMessage::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listed).extracting(SmsMessage::createdAt).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void theMessagesOfATimeWindowComeFromEveryConversationNewestFirstAndNoneFromOutsideIt() {
        TenantId tenant = Contracts.freshTenant("window");
        Conversation one = open(tenant, PATIENT, CLINIC);
        Conversation two = open(tenant, PhoneNumber.ofE164("+15815006713"), OTHER_CLINIC);
        Instant from = Contracts.now().minusSeconds(3600);
        Instant to = from.plusSeconds(600);
        List<String> inside = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SmsMessage message = inbound(i % 2 == 0 ? one : two, sid(), "dedans", from.plusSeconds(i * 100L));
            store().insertMessage(message);
            inside.add(message.id());
        }
        store().insertMessage(inbound(one, sid(), "avant", from.minusMillis(1)));
        store().insertMessage(inbound(two, sid(), "à la fin", to));
        store().insertMessage(inbound(open(Contracts.freshTenant("other"), PATIENT, CLINIC), sid(), "ailleurs", from));

        List<SmsMessage> listed =
                everyMessage(tenant, MessageQuery.between(from, to).limit(2));

        Collections.reverse(inside);
        assertThat(listed).extracting(SmsMessage::id).containsExactlyElementsOf(inside);
    }

    @Test
    void aPageHasAtMostTheQuerysLimitAndACursorOnlyWhenMoreFollow() {
        TenantId tenant = Contracts.freshTenant("limit");
        openMany(tenant, 3, CLINIC, Contracts.now());

        Page<Conversation> whole =
                store().conversations(tenant, ConversationQuery.open().limit(3));
        Page<Conversation> first =
                store().conversations(tenant, ConversationQuery.open().limit(2));
        Page<Conversation> last = store().conversations(
                        tenant,
                        ConversationQuery.open()
                                .limit(2)
                                .after(first.nextCursor().orElseThrow()));

        assertThat(whole.items()).hasSize(3);
        assertThat(whole.hasNext()).isFalse();
        assertThat(first.items()).hasSize(2);
        assertThat(last.items()).hasSize(1);
        assertThat(last.nextCursor()).isEmpty();
    }

    @Test
    void aCursorFromOneTenantsPagesShowsAnotherTenantNothingOfTheFirst() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        Instant at = Contracts.now();
        List<Conversation> ofA = openMany(a, 3, CLINIC, at);
        List<Conversation> ofB = openMany(b, 2, CLINIC, at.minusSeconds(1));
        for (Conversation conversation : ofA) {
            store().insertMessage(inbound(conversation, sid(), "secret de A", at));
        }
        store().insertMessage(inbound(ofB.get(0), sid(), "message de B", at.minusSeconds(1)));
        Cursor fromA = store().conversations(a, ConversationQuery.open().limit(1))
                .nextCursor()
                .orElseThrow();
        Cursor fromAsThread = store().messages(
                        a, MessageQuery.inConversation(ofA.get(0).id()).limit(1))
                .nextCursor()
                .orElse(Cursor.of(at.plusSeconds(1), ofA.get(0).id()));

        List<Conversation> seenByB =
                store().conversations(b, ConversationQuery.all().after(fromA)).items();

        assertThat(seenByB).allSatisfy(c -> assertThat(c.tenantId()).isEqualTo(b));
        assertThat(seenByB)
                .extracting(Conversation::id)
                .containsExactlyInAnyOrderElementsOf(
                        ofB.stream().map(Conversation::id).toList());
        assertThat(store().messages(
                                b, MessageQuery.inConversation(ofA.get(0).id()).after(fromAsThread))
                        .items())
                .isEmpty();
        assertThat(store().messages(
                                b,
                                MessageQuery.between(at.minusSeconds(60), at.plusSeconds(60))
                                        .after(fromAsThread))
                        .items())
                .singleElement()
                .satisfies(m -> assertThat(m.tenantId()).isEqualTo(b));
    }

    @Test
    void aCursorWithoutATimeIsRefusedAsAnInvalidRequest() {
        TenantId tenant = Contracts.freshTenant("cursor");
        Conversation conversation = open(tenant, PATIENT, CLINIC);
        Cursor idOnly = Cursor.of(UUID.randomUUID().toString());

        assertThat(Contracts.refusal(() ->
                        store().conversations(tenant, ConversationQuery.open().after(idOnly))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(Contracts.refusal(() -> store().messages(
                                tenant,
                                MessageQuery.inConversation(conversation.id()).after(idOnly))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aForgedCursorShowsOnlyTheTenantsOwnRowsOrIsRefusedAsAnInvalidRequest() {
        TenantId tenant = Contracts.freshTenant("forged");
        Conversation conversation = open(tenant, PATIENT, CLINIC);
        store().insertMessage(inbound(conversation, sid(), "Bonjour", Contracts.now()));
        List<Cursor> forged = List.of(
                Cursor.of(
                        Instant.parse("9999-12-31T23:59:59Z"), UUID.randomUUID().toString()),
                Cursor.of(
                        Instant.parse("0001-01-01T00:00:00Z"), UUID.randomUUID().toString()),
                Cursor.of(Contracts.now(), "not-an-id'; DROP TABLE tt_messages; --"),
                Cursor.of(Contracts.now(), "9".repeat(128)));

        for (Cursor cursor : forged) {
            Contracts.pageOrInvalidRequest(() -> store().conversations(
                                    tenant, ConversationQuery.all().after(cursor)))
                    .ifPresent(page -> assertThat(page.items())
                            .allSatisfy(c -> assertThat(c.tenantId()).isEqualTo(tenant)));
            Contracts.pageOrInvalidRequest(() -> store().messages(
                                    tenant,
                                    MessageQuery.inConversation(conversation.id())
                                            .after(cursor)))
                    .ifPresent(page -> assertThat(page.items())
                            .allSatisfy(m -> assertThat(m.tenantId()).isEqualTo(tenant)));
        }
        assertThat(thread(tenant, conversation.id())).hasSize(1);
    }

    // Filters ----------------------------------------------------------------------------------

    @Test
    void listsOnlyTheConversationsWithUnreadMessagesWhenAsked() {
        TenantId tenant = Contracts.freshTenant("unread");
        List<Conversation> all = openMany(tenant, 4, CLINIC, Contracts.now());
        for (Conversation conversation : all) {
            store().insertMessage(inbound(conversation, sid(), "Bonjour", Contracts.now()));
        }
        store().markRead(tenant, all.get(1).id());
        store().markRead(tenant, all.get(2).id());
        store().archive(tenant, all.get(3).id());

        assertThat(everyConversation(
                        tenant, ConversationQuery.open().unreadOnly().limit(1)))
                .extracting(Conversation::id)
                .containsExactly(all.get(0).id());
        assertThat(everyConversation(tenant, ConversationQuery.all().unreadOnly()))
                .extracting(Conversation::id)
                .containsExactlyInAnyOrder(all.get(0).id(), all.get(3).id());
    }

    @Test
    void listsTheConversationsOfOneOfOurNumbersOrWithOneContact() {
        TenantId tenant = Contracts.freshTenant("filters");
        Conversation patientOnClinic = open(tenant, PATIENT, CLINIC);
        Conversation patientOnOther = open(tenant, PATIENT, OTHER_CLINIC);
        Conversation otherOnClinic = open(tenant, PhoneNumber.ofE164("+15815006713"), CLINIC);
        open(Contracts.freshTenant("other"), PATIENT, CLINIC);

        assertThat(everyConversation(
                        tenant, ConversationQuery.open().ourNumber(CLINIC).limit(1)))
                .extracting(Conversation::id)
                .containsExactlyInAnyOrder(patientOnClinic.id(), otherOnClinic.id());
        assertThat(everyConversation(
                        tenant, ConversationQuery.all().contact(PATIENT).limit(1)))
                .extracting(Conversation::id)
                .containsExactlyInAnyOrder(patientOnClinic.id(), patientOnOther.id());
        assertThat(everyConversation(
                        tenant, ConversationQuery.open().contact(PATIENT).ourNumber(OTHER_CLINIC)))
                .extracting(Conversation::id)
                .containsExactly(patientOnOther.id());
        assertThat(everyConversation(tenant, ConversationQuery.all().contact(PhoneNumber.ofE164("+15815006799"))))
                .isEmpty();
    }

    @Test
    void listsTheArchivedConversationsAloneOrWithTheOpenOnes() {
        TenantId tenant = Contracts.freshTenant("archive");
        List<Conversation> all = openMany(tenant, 5, CLINIC, Contracts.now());
        store().archive(tenant, all.get(0).id());
        store().archive(tenant, all.get(3).id());

        assertThat(everyConversation(tenant, ConversationQuery.archived().limit(1)))
                .extracting(Conversation::id)
                .containsExactlyInAnyOrder(all.get(0).id(), all.get(3).id());
        assertThat(everyConversation(tenant, ConversationQuery.open().limit(2)))
                .extracting(Conversation::id)
                .containsExactlyInAnyOrder(
                        all.get(1).id(), all.get(2).id(), all.get(4).id());
        assertThat(everyConversation(tenant, ConversationQuery.all().limit(2)))
                .extracting(Conversation::id)
                .containsExactlyInAnyOrderElementsOf(
                        all.stream().map(Conversation::id).toList());
    }

    @Test
    void marksReadArchivesAndReopens() {
        TenantId tenant = Contracts.freshTenant("clinic");
        Conversation conversation = open(tenant, PATIENT, CLINIC);
        store().insertMessage(inbound(conversation, sid(), "1", Contracts.now()));

        store().markRead(tenant, conversation.id());
        store().archive(tenant, conversation.id());

        assertThat(store().conversations(tenant, ConversationQuery.open()).items())
                .isEmpty();
        assertThat(store().conversations(tenant, ConversationQuery.all()).items())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.unreadCount()).isZero();
                    assertThat(c.state()).isEqualTo(Conversation.State.ARCHIVED);
                });
        assertThat(open(tenant, PATIENT, CLINIC).state()).isEqualTo(Conversation.State.OPEN);
    }

    @Test
    void archivesEveryConversationOfANumber() {
        TenantId tenant = Contracts.freshTenant("clinic");
        open(tenant, PATIENT, CLINIC);
        open(tenant, PhoneNumber.ofE164("+15815006713"), CLINIC);
        open(tenant, PATIENT, OTHER_CLINIC);

        assertThat(store().archiveAll(tenant, CLINIC)).isEqualTo(2);
        assertThat(store().conversations(tenant, ConversationQuery.open()).items())
                .singleElement()
                .satisfies(c -> assertThat(c.ourNumber()).isEqualTo(OTHER_CLINIC));
    }

    @Test
    void remembersOptOutsPerSender() {
        TenantId tenant = Contracts.freshTenant("clinic");

        store().setOptedOut(tenant, PATIENT, CLINIC.e164(), true, Contracts.now());
        store().setOptedOut(tenant, PATIENT, CLINIC.e164(), true, Contracts.now());

        assertThat(store().isOptedOut(tenant, PATIENT, CLINIC.e164())).isTrue();
        assertThat(store().isOptedOut(tenant, PATIENT, OTHER_CLINIC.e164())).isFalse();
        assertThat(store().isOptedOut(Contracts.freshTenant("other"), PATIENT, CLINIC.e164()))
                .isFalse();
        store().setOptedOut(tenant, PATIENT, CLINIC.e164(), false, Contracts.now());
        assertThat(store().isOptedOut(tenant, PATIENT, CLINIC.e164())).isFalse();
    }

    @Test
    void keepsTenantsApart() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        Conversation conversation = open(a, PATIENT, CLINIC);
        String sid = sid();
        store().insertMessage(inbound(conversation, sid, "secret de A", Contracts.now()));

        assertThat(store().conversations(b, ConversationQuery.all()).items()).isEmpty();
        assertThat(store().conversation(b, conversation.id())).isEmpty();
        assertThat(thread(b, conversation.id())).isEmpty();
        assertThat(store().findByTwilioSid(b, sid)).isEmpty();
        store().archive(b, conversation.id());
        assertThat(store().conversation(a, conversation.id()).orElseThrow().state())
                .isEqualTo(Conversation.State.OPEN);
    }

    @Test
    void countsUsageOfAPeriod() {
        TenantId tenant = Contracts.freshTenant("usage");
        Conversation conversation = open(tenant, PATIENT, CLINIC);
        Instant start = Contracts.now().minusSeconds(3600);
        store().insertMessage(inbound(conversation, sid(), "Bonjour", start.plusSeconds(1)));
        store().insertMessage(inbound(conversation, sid(), "Merci", start.plusSeconds(2)));
        accepted(conversation, start.plusSeconds(3), MessageStatus.DELIVERED, null, new BigDecimal("-0.00790"), 2);
        accepted(conversation, start.plusSeconds(4), MessageStatus.UNDELIVERED, 30003, new BigDecimal("-0.00790"), 1);
        accepted(conversation, start.plusSeconds(5), MessageStatus.SENT, null, null, 1);
        SmsMessage refused = outbound(conversation, start.plusSeconds(6));
        store().insertMessage(refused);
        store().replaceMessage(refused.toBuilder()
                .status(MessageStatus.FAILED)
                .errorCode(21610)
                .build());
        store().insertMessage(inbound(conversation, sid(), "Trop tard", start.plusSeconds(7200)));
        store().insertMessage(inbound(open(Contracts.freshTenant("other"), PATIENT, CLINIC), sid(), "x", start));

        MessageUsage usage = store().usage(tenant, start, start.plusSeconds(3600));

        assertThat(usage.received()).isEqualTo(2);
        assertThat(usage.receivedSegments()).isEqualTo(2);
        assertThat(usage.sent()).as("messages Twilio accepted").isEqualTo(3);
        assertThat(usage.sentSegments()).isEqualTo(4);
        assertThat(usage.delivered()).isEqualTo(1);
        assertThat(usage.failed()).isEqualTo(2);
        assertThat(usage.failuresByErrorCode()).containsOnly(entry(30003, 1L), entry(21610, 1L));
        assertThat(usage.cost()).isEqualByComparingTo("0.01580");
        assertThat(usage.awaitingPrice()).isEqualTo(1);
        assertThat(store().usage(tenant, start.plusSeconds(7000), start.plusSeconds(8000))
                        .received())
                .isEqualTo(1);
    }

    @Test
    void listsUnsettledOutboundMessagesOldestFirst() {
        TenantId tenant = Contracts.freshTenant("unsettled");
        Conversation conversation = open(tenant, PATIENT, CLINIC);
        Instant start = Contracts.now().minusSeconds(3600);
        SmsMessage waiting = accepted(conversation, start.plusSeconds(2), MessageStatus.SENT, null, null, 1);
        SmsMessage unpriced = accepted(conversation, start.plusSeconds(1), MessageStatus.DELIVERED, null, null, 1);
        accepted(conversation, start.plusSeconds(3), MessageStatus.DELIVERED, null, new BigDecimal("-0.0079"), 1);
        store().insertMessage(inbound(conversation, sid(), "Bonjour", start.plusSeconds(4)));
        store().insertMessage(outbound(conversation, start.plusSeconds(5)));

        List<SmsMessage> found = store().unsettled(tenant, start, start.plusSeconds(3600), 10);

        assertThat(found).extracting(SmsMessage::id).containsExactly(unpriced.id(), waiting.id());
        assertThat(store().unsettled(tenant, start, start.plusSeconds(3600), 1)).hasSize(1);
        assertThat(store().unsettled(tenant, start.plusSeconds(2), start.plusSeconds(3600), 10))
                .extracting(SmsMessage::id)
                .containsExactly(waiting.id());
        assertThat(store().unsettled(Contracts.freshTenant("other"), start, start.plusSeconds(3600), 10))
                .isEmpty();
    }

    private SmsMessage accepted(
            Conversation conversation,
            Instant at,
            MessageStatus status,
            Integer errorCode,
            BigDecimal price,
            int segments) {
        SmsMessage pending = outbound(conversation, at);
        store().insertMessage(pending);
        return store().replaceMessage(pending.toBuilder()
                        .twilioSid(sid())
                        .status(status)
                        .errorCode(errorCode)
                        .price(price)
                        .priceUnit(price == null ? null : "USD")
                        .segments(segments)
                        .build())
                .orElseThrow();
    }
}
