package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a user looks for, through {@link TenantTwilioClient} on the JDBC stores (H2, then
 * PostgreSQL): every page walked by a {@code for} loop, a web page's "next" link followed by the
 * cursor's text, a link altered on the way refused in the user's language, a message found by its
 * SID, contacts named and searched, the audit trail paged.
 */
class ClientListingsIT {

    private static final PhoneNumber CLINIC = PhoneNumber.ofE164("+14185550142");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2 extends Scenarios {
        @BeforeAll
        void start() {
            open(JdbcStores.of(Databases.h2(), Databases.cipher()));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgreSql extends Scenarios {
        private Databases.Postgres database;

        @BeforeAll
        void start() {
            database = Databases.Postgres.start(4);
            open(JdbcStores.of(database.app(), Databases.cipher()));
        }

        @AfterAll
        void stop() throws Exception {
            if (database != null) {
                database.close();
            }
        }
    }

    abstract static class Scenarios {
        JdbcStores stores;
        TenantTwilio twilio;

        void open(JdbcStores stores) {
            this.stores = stores;
            this.twilio = Databases.sdkOn(stores).defaultRegion("CA").build();
        }

        @AfterAll
        void close() {
            if (twilio != null) {
                twilio.close();
            }
        }

        private static TenantId freshTenant() {
            return TenantId.of("clinic-" + UUID.randomUUID().toString().substring(0, 8));
        }

        private static PhoneNumber patient(int i) {
            return PhoneNumber.ofE164(String.format(Locale.ROOT, "+1581500%04d", 1000 + i));
        }

        /** {@code count} conversations, each with a message from its patient, all at the same time. */
        private List<Conversation> conversations(TenantId tenant, int count) {
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<Conversation> opened = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Contact contact = stores.contacts().findOrCreate(tenant, patient(i));
                Conversation conversation = stores.conversations().openConversation(tenant, contact, CLINIC, at);
                stores.conversations().insertMessage(message(conversation, "SM" + hex(), at));
                opened.add(conversation);
            }
            return opened;
        }

        private static SmsMessage message(Conversation conversation, String sid, Instant at) {
            return SmsMessage.builder()
                    .id(UUID.randomUUID().toString())
                    .tenantId(conversation.tenantId())
                    .conversationId(conversation.id())
                    .direction(MessageDirection.INBOUND)
                    .twilioSid(sid)
                    .from(conversation.contact().phoneNumber())
                    .to(conversation.ourNumber())
                    .body("Bonjour")
                    .status(MessageStatus.RECEIVED)
                    .createdAt(at)
                    .updatedAt(at)
                    .build();
        }

        private static String hex() {
            return UUID.randomUUID().toString().replace("-", "");
        }

        private static TenantTwilioException refusal(ThrowingCallable call) {
            return catchThrowableOfType(TenantTwilioException.class, call);
        }

        @Test
        void aForLoopWalksEveryPageOfTheInboxOnce() {
            TenantId tenant = freshTenant();
            List<Conversation> opened = conversations(tenant, 23);
            TenantTwilioClient client = twilio.client(tenant);

            List<String> seen = new ArrayList<>();
            for (Conversation conversation :
                    client.conversations(ConversationQuery.open().limit(5)).all()) {
                seen.add(conversation.id());
            }

            assertThat(seen)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            opened.stream().map(Conversation::id).toList());
        }

        @Test
        void aWebPageFollowsTheNextLinkByTheCursorsText() {
            TenantId tenant = freshTenant();
            conversations(tenant, 7);
            TenantTwilioClient client = twilio.client(tenant);

            Set<String> shown = new HashSet<>();
            String after = null; // the request's "after" parameter: none on the first page
            int pages = 0;
            do {
                Page<Conversation> page =
                        client.conversations(ConversationQuery.open().limit(3).after(after));
                page.items().forEach(c -> assertThat(shown.add(c.id())).isTrue());
                after = page.nextCursor().map(Cursor::toString).orElse(null);
                pages++;
            } while (after != null);

            assertThat(shown).hasSize(7);
            assertThat(pages).isEqualTo(3);
        }

        @Test
        void aLinkAlteredOnTheWayIsRefusedInTheUsersLanguageNotAsAFailureOfTheDatabase() {
            TenantId tenant = freshTenant();
            Conversation conversation = conversations(tenant, 1).get(0);
            TenantTwilioClient client = twilio.client(tenant);
            String forged = Cursor.of(Instant.now(), "1' OR '1'='1").toString();

            List<ThrowingCallable> reads = List.of(
                    () -> client.conversations(ConversationQuery.open().after("bm90IGEgY3Vyc29y")),
                    () -> client.conversations(ConversationQuery.all().after(forged)),
                    () -> client.messages(
                            MessageQuery.inConversation(conversation.id()).after(forged)),
                    () -> client.contacts(ContactQuery.all().after(forged)),
                    () -> client.auditTrail(AuditQuery.newestFirst().after(forged)));
            for (ThrowingCallable read : reads) {
                TenantTwilioException refused = refusal(read);
                assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(refused.userMessage(Locale.CANADA_FRENCH)).contains("recommencez à la première page");
                assertThat(refused.userMessage(Locale.ENGLISH)).contains("start again from the first page");
            }
            assertThat(refusal(() -> client.conversations(
                                    ConversationQuery.open().limit(501)))
                            .errorCode())
                    .isEqualTo(ErrorCode.INVALID_REQUEST);
        }

        @Test
        void findsAMessageByItsTwilioSidOnlyInItsOwnTenant() {
            TenantId tenant = freshTenant();
            Conversation conversation = conversations(tenant, 1).get(0);
            String sid = "SM" + hex();
            stores.conversations().insertMessage(message(conversation, sid, Instant.now()));

            assertThat(twilio.client(tenant).message(sid))
                    .hasValueSatisfying(m -> assertThat(m.conversationId()).isEqualTo(conversation.id()));
            assertThat(twilio.client(freshTenant()).message(sid)).isEmpty();
            assertThat(twilio.client(tenant).message("SM" + hex())).isEmpty();
            assertThat(twilio.client(tenant).message("x".repeat(500))).isEmpty();
        }

        @Test
        void messagesOfATimeWindowComeFromEveryConversation() {
            TenantId tenant = freshTenant();
            List<Conversation> opened = conversations(tenant, 4);
            Instant start = Instant.now().minus(1, ChronoUnit.DAYS);

            List<SmsMessage> today = new ArrayList<>();
            client(tenant)
                    .messages(MessageQuery.between(start, Instant.now().plusSeconds(1))
                            .limit(3))
                    .all()
                    .forEach(today::add);

            assertThat(today)
                    .extracting(SmsMessage::conversationId)
                    .containsExactlyInAnyOrderElementsOf(
                            opened.stream().map(Conversation::id).toList());
        }

        private TenantTwilioClient client(TenantId tenant) {
            return twilio.client(tenant);
        }

        @Test
        void namesAContactAndFindsItByNameByNumberAndByItsDigits() {
            TenantId tenant = freshTenant();
            TenantTwilioClient client = client(tenant);
            PhoneNumber number = patient(1);

            Contact named = client.nameContact(number, "  Émilie Tremblay ");
            client.nameContact(patient(2), "Marc Tremblay");

            assertThat(named.displayName()).contains("Émilie Tremblay");
            assertThat(client.contact(number)).contains(named);
            assertThat(client.contacts(ContactQuery.search("emilie")).items()).containsExactly(named);
            assertThat(client.contacts(ContactQuery.search("1 581 500 1001")).items())
                    .containsExactly(named);
            assertThat(client.contacts(ContactQuery.all()).items()).hasSize(2);
            assertThat(client(freshTenant())
                            .contacts(ContactQuery.search("emilie"))
                            .items())
                    .isEmpty();
            assertThat(client.nameContact(number, " ").displayName()).isEmpty();
            assertThat(client.contacts(ContactQuery.search("emilie")).items()).isEmpty();
            assertThat(refusal(() -> client.nameContact(number, "x".repeat(201)))
                            .errorCode())
                    .isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(refusal(() -> client.nameContact(number, "Émilie\nTremblay"))
                            .errorCode())
                    .isEqualTo(ErrorCode.INVALID_REQUEST);
        }

        @Test
        void theAuditTrailComesAPageAtATimeNewestFirst() {
            TenantId tenant = freshTenant();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 5; i++) {
                stores.audit()
                        .record(AuditEvent.builder(AuditAction.POLICY_CHANGED, at.plusSeconds(i))
                                .tenant(tenant)
                                .actor("staff-" + i)
                                .build());
            }

            Page<AuditEvent> first =
                    client(tenant).auditTrail(AuditQuery.newestFirst().limit(2));
            List<String> actors = new ArrayList<>();
            first.all().forEach(event -> actors.add(event.actor().orElseThrow()));

            assertThat(first.items()).extracting(e -> e.actor().orElseThrow()).containsExactly("staff-4", "staff-3");
            assertThat(actors).containsExactly("staff-4", "staff-3", "staff-2", "staff-1", "staff-0");
        }
    }
}
