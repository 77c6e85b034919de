package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On PostgreSQL, with a tenant of tens of thousands of conversations, contacts, messages and audit
 * events beside a neighbour: every listing reads a page, however deep, as a range of an index in
 * the listing's order. Its plan (as planned for the values, and as the generic plan of a statement
 * prepared on the server) has no sort and no sequential scan, and no index scan in it returns more
 * than the page's rows plus the one that tells a next page exists; a page deep in the listing holds
 * the very rows an OFFSET would have given. The plans are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysetPlansIT {

    private static final int ROWS = 30_000;
    private static final int NEIGHBOUR_ROWS = 5_000;
    private static final int DEEP = 25_000;
    private static final int SIZE = 50;
    private static final TenantId BIG = TenantId.of("big-clinic");
    private static final TenantId NEIGHBOUR = TenantId.of("neighbour-clinic");
    private static final PhoneNumber OURS = PhoneNumber.ofE164("+14185550100");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

    private static final Pattern SORT = Pattern.compile("(?m)^\\s*(->\\s*)?(Incremental )?Sort \\(");
    /** A sort node and the rows it sorted (those of its input, the node below it). */
    private static final Pattern SORTED_ROWS = Pattern.compile(
            "(?m)^\\s*(?:->\\s*)?(?:Incremental )?Sort \\(actual rows=\\d+ loops=\\d+\\)(?:\\n(?!\\s*->).*)*\\n\\s*->[^\\n]*\\(actual rows=(\\d+)");

    private static final Pattern INDEX_SCAN_ROWS =
            Pattern.compile("Index (?:Only )?Scan[^\\n]*\\(actual rows=(\\d+) loops=\\d+\\)");
    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

    private final PlanRecorder recorder = new PlanRecorder();
    private Databases.Postgres database;
    private JdbcStores stores;
    private String thread;

    @BeforeAll
    void seedABigTenantAndANeighbour() throws SQLException {
        database = Databases.Postgres.start(4);
        stores = JdbcStores.of(recorder.wrap(database.app()), Databases.cipher());
        try (Connection admin = database.admin().getConnection()) {
            seed(admin, BIG, ROWS);
            seed(admin, NEIGHBOUR, NEIGHBOUR_ROWS);
            try (Statement statement = admin.createStatement()) {
                statement.execute("ANALYZE");
            }
            thread = adminString(
                    admin,
                    "SELECT conversation_id::text FROM tt_messages WHERE tenant_id = ? GROUP BY conversation_id"
                            + " ORDER BY count(*) DESC LIMIT 1",
                    BIG);
        }
    }

    /**
     * {@code rows} contacts named "patient N", each with a conversation on one of two numbers (a
     * third open, one in fifty unread, last messages on the hour so that many share a time), as
     * many messages in one conversation and as many spread over the others, and as many audit events
     * (many at the same time).
     */
    private static void seed(Connection admin, TenantId tenant, int rows) throws SQLException {
        String[] statements = {
            "INSERT INTO tt_contacts (id, tenant_id, phone_e164, display_name, name_key, created_at)"
                    + " SELECT gen_random_uuid(), ?, '+1581' || (5000000 + g)::text, 'Patient ' || g, 'patient ' || g,"
                    + " timestamptz '2025-12-01' FROM generate_series(1, ?) g",
            "INSERT INTO tt_conversations (id, tenant_id, contact_id, our_e164, state, unread_count, last_message_at,"
                    + " last_preview, created_at) SELECT gen_random_uuid(), k.tenant_id, k.id,"
                    + " CASE WHEN random() < 0.5 THEN '+14185550100' ELSE '+14185550101' END,"
                    + " CASE WHEN random() < 0.33 THEN 'OPEN' ELSE 'ARCHIVED' END,"
                    + " CASE WHEN random() < 0.02 THEN 1 ELSE 0 END,"
                    + " date_trunc('hour', timestamptz '2026-01-01' + random() * interval '300 days'), '…',"
                    + " timestamptz '2025-12-01' FROM tt_contacts k WHERE k.tenant_id = ? AND ? > 0",
            "INSERT INTO tt_messages (id, tenant_id, conversation_id, direction, twilio_sid, from_e164, to_e164, body,"
                    + " status, status_rank, created_at, updated_at) SELECT gen_random_uuid(), c.tenant_id, c.id,"
                    + " 'INBOUND', 'SM' || md5(random()::text || c.id::text || g), '+15815000001', '+14185550100',"
                    + " '…', 'RECEIVED', " + MessageStatus.RECEIVED.rank() + ", t, t FROM (SELECT * FROM"
                    + " tt_conversations WHERE tenant_id = ? ORDER BY id LIMIT 1) c, generate_series(1, ?) g,"
                    + " LATERAL (SELECT date_trunc('minute', timestamptz '2026-01-01' + g * interval '17 seconds') t) s",
            "INSERT INTO tt_messages (id, tenant_id, conversation_id, direction, twilio_sid, from_e164, to_e164, body,"
                    + " status, status_rank, created_at, updated_at) SELECT gen_random_uuid(), c.tenant_id, c.id,"
                    + " 'INBOUND', 'SM' || md5(random()::text || c.id::text), '+15815000001', c.our_e164, '…',"
                    + " 'RECEIVED', " + MessageStatus.RECEIVED.rank() + ", c.last_message_at, c.last_message_at"
                    + " FROM tt_conversations c WHERE c.tenant_id = ? AND ? > 0",
            "INSERT INTO tt_audit_events (at, tenant_id, actor, action, outcome) SELECT"
                    + " date_trunc('hour', timestamptz '2026-01-01' + g * interval '7 minutes'), ?, 'staff',"
                    + " 'POLICY_CHANGED', 'SUCCESS' FROM generate_series(1, ?) g"
        };
        for (String sql : statements) {
            try (PreparedStatement insert = admin.prepareStatement(sql)) {
                insert.setString(1, tenant.value());
                insert.setInt(2, rows);
                insert.executeUpdate();
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void theInboxReadsItsPagesBackwardsAlongItsIndex() throws SQLException {
        checkConversations(ConversationQuery.open(), "state = 'OPEN'", "tt_conversations_state_activity", "inbox");
    }

    @Test
    void everyConversationArchivedOrNotMergesTheTwoStatesRangesOfTheStateIndex() throws SQLException {
        checkConversations(ConversationQuery.all(), "true", "tt_conversations_state_activity", "all conversations");
    }

    @Test
    void theUnreadConversationsAreReadFromTheirOwnIndex() throws SQLException {
        checkConversations(
                ConversationQuery.all().unreadOnly(), "unread_count > 0", "tt_conversations_unread", "unread");
    }

    @Test
    void aConversationsThreadReadsItsPagesBackwardsAlongItsIndex() throws SQLException {
        check(
                "thread",
                "SELECT created_at, id::text FROM tt_messages WHERE tenant_id = ? AND conversation_id = '" + thread
                        + "' ORDER BY created_at DESC, id DESC",
                row -> Cursor.of(row.time(), row.id()),
                cursor -> stores.conversations()
                        .messages(
                                BIG,
                                MessageQuery.inConversation(thread).limit(SIZE).after(cursor)),
                SmsMessage::id,
                "tt_messages_thread");
    }

    @Test
    void theMessagesOfATimeWindowReadTheirPagesBackwardsAlongTheirIndex() throws SQLException {
        check(
                "time window",
                "SELECT created_at, id::text FROM tt_messages WHERE tenant_id = ? ORDER BY created_at DESC, id DESC",
                row -> Cursor.of(row.time(), row.id()),
                cursor -> stores.conversations()
                        .messages(
                                BIG, MessageQuery.between(FROM, TO).limit(SIZE).after(cursor)),
                SmsMessage::id,
                "tt_messages_period");
    }

    @Test
    void theContactsReadTheirPagesAlongTheNumbersKey() throws SQLException {
        check(
                "contacts by number",
                "SELECT created_at, id::text FROM tt_contacts WHERE tenant_id = ? ORDER BY phone_e164",
                row -> Cursor.of(row.id()),
                cursor -> stores.contacts()
                        .contacts(BIG, ContactQuery.all().limit(SIZE).after(cursor)),
                Contact::id,
                "tt_contacts_number");
    }

    @Test
    void aSearchByDigitsReadsTheRangeOfTheNumbersKey() throws SQLException {
        check(
                "contacts by digits",
                "SELECT created_at, id::text FROM tt_contacts WHERE tenant_id = ? AND phone_e164 LIKE '+158150%'"
                        + " ORDER BY phone_e164",
                row -> Cursor.of(row.id()),
                cursor -> stores.contacts()
                        .contacts(
                                BIG, ContactQuery.search("1 581 50").limit(SIZE).after(cursor)),
                Contact::id,
                "tt_contacts_number");
    }

    @Test
    void aSearchByNameReadsTheRangeOfTheNamesIndex() throws SQLException {
        check(
                "contacts by name",
                "SELECT created_at, id::text FROM tt_contacts WHERE tenant_id = ? AND name_key LIKE 'patient 1%'"
                        + " ORDER BY name_key, id",
                row -> Cursor.of(row.id()),
                cursor -> stores.contacts()
                        .contacts(
                                BIG,
                                ContactQuery.search("Patient 1").limit(SIZE).after(cursor)),
                Contact::id,
                "tt_contacts_name");
    }

    @Test
    void theAuditTrailReadsItsPagesBackwardsAlongItsIndex() throws SQLException {
        check(
                "audit trail",
                "SELECT at, id::text FROM tt_audit_events WHERE tenant_id = ? ORDER BY at DESC, id DESC",
                row -> Cursor.of(row.time(), row.id()),
                cursor -> stores.audit()
                        .events(BIG, AuditQuery.newestFirst().limit(SIZE).after(cursor)),
                event -> event.actor().orElseThrow() + "@" + event.at(),
                "tt_audit_events_trail");
    }

    @Test
    void aDeepPageOfTheAuditTrailHoldsTheEventsAnOffsetWouldHaveGiven() throws SQLException {
        List<Row> expected;
        try (Connection admin = database.admin().getConnection()) {
            expected = rows(
                    admin,
                    "SELECT at, id::text FROM tt_audit_events WHERE tenant_id = ? ORDER BY at DESC, id DESC",
                    DEEP,
                    SIZE + 1);
        }
        Page<AuditEvent> page = stores.audit()
                .events(
                        BIG,
                        AuditQuery.newestFirst()
                                .limit(SIZE)
                                .after(Cursor.of(
                                        expected.get(0).time(), expected.get(0).id())));

        assertThat(page.items())
                .extracting(AuditEvent::at)
                .containsExactlyElementsOf(
                        expected.subList(1, SIZE + 1).stream().map(Row::time).toList());
        assertThat(page.nextCursor())
                .contains(
                        Cursor.of(expected.get(SIZE).time(), expected.get(SIZE).id()));
    }

    // ---------------------------------------------------------------------------------------------

    private void checkConversations(ConversationQuery query, String condition, String index, String name)
            throws SQLException {
        check(
                name,
                "SELECT activity_at, id::text FROM tt_conversations WHERE tenant_id = ? AND " + condition
                        + " ORDER BY activity_at DESC, id DESC",
                row -> Cursor.of(row.time(), row.id()),
                cursor -> stores.conversations()
                        .conversations(BIG, query.limit(SIZE).after(cursor)),
                Conversation::id,
                index);
        check(
                name + " on one of our numbers",
                "SELECT activity_at, id::text FROM tt_conversations WHERE tenant_id = ? AND " + condition
                        + " AND our_e164 = '" + OURS.e164() + "' ORDER BY activity_at DESC, id DESC",
                row -> Cursor.of(row.time(), row.id()),
                cursor -> stores.conversations()
                        .conversations(BIG, query.ourNumber(OURS).limit(SIZE).after(cursor)),
                Conversation::id,
                "tt_conversations_");
    }

    /** A row's sort time (or creation) and id, as the administrator reads them. */
    private record Row(Instant time, String id) {}

    /**
     * The first page and a page deep in a listing ({@code ordered}, as the administrator would
     * read it with an OFFSET): both read along {@code index} with no sort and no scan of the
     * tenant; the deep page holds the rows after its cursor's row, as OFFSET gives them.
     */
    private <T> void check(
            String name,
            String ordered,
            Function<Row, Cursor> cursorOf,
            Function<Cursor, Page<T>> read,
            Function<T, String> key,
            String index)
            throws SQLException {
        Page<T> first = read.apply(null);
        PlanRecorder.Plans firstPlans = recorder.last();
        List<Row> deep;
        List<Row> head;
        int offset;
        try (Connection admin = database.admin().getConnection()) {
            head = rows(admin, ordered, 0, SIZE);
            offset = (int) Math.min(DEEP, count(admin, ordered) - SIZE - 2);
            deep = rows(admin, ordered, offset, SIZE + 1);
        }
        Page<T> page = read.apply(cursorOf.apply(deep.get(0)));
        PlanRecorder.Plans deepPlans = recorder.last();

        System.out.printf(
                "%n=== %s, first page ===%n%s%s%n", name, shown(firstPlans.sql()), shown(firstPlans.custom()));
        System.out.printf(
                "=== %s, page after row %,d (generic plan) ===%n%s%n", name, offset + 1, shown(deepPlans.generic()));
        System.out.printf(
                "=== %s, page after row %,d (custom plan) ===%n%s%n", name, offset + 1, shown(deepPlans.custom()));
        for (String plan :
                List.of(firstPlans.custom(), firstPlans.generic(), deepPlans.custom(), deepPlans.generic())) {
            assertThat(plan).as(name).contains(index).doesNotContain("Seq Scan");
            Matcher sorted = SORTED_ROWS.matcher(plan);
            assertThat(SORTED_ROWS.matcher(plan).results().count())
                    .as("sort nodes whose input is read in %s:%n%s", name, plan)
                    .isEqualTo(SORT.matcher(plan).results().count());
            while (sorted.find()) {
                // Only the merge of both states' pages: at most two pages' rows, never the tenant's.
                assertThat(name).as("%s sorts:%n%s", name, plan).startsWith("all conversations");
                assertThat(Integer.parseInt(sorted.group(1)))
                        .as("rows sorted for %s:%n%s", name, plan)
                        .isLessThanOrEqualTo(2 * (SIZE + 1));
            }
            Matcher scanned = INDEX_SCAN_ROWS.matcher(plan);
            int scans = 0;
            while (scanned.find()) {
                scans++;
                assertThat(Integer.parseInt(scanned.group(1)))
                        .as("rows of an index scan of %s:%n%s", name, plan)
                        .isLessThanOrEqualTo(SIZE + 1);
            }
            assertThat(scans).as(name).isPositive();
            Matcher removed = REMOVED.matcher(plan);
            while (removed.find()) {
                assertThat(Integer.parseInt(removed.group(1)))
                        .as("rows of %s read and left out:%n%s", name, plan)
                        .isLessThan(40 * SIZE);
            }
        }
        assertThat(first.items()).hasSize(SIZE);
        assertThat(first.items().stream().map(key).toList()).hasSize(SIZE);
        if (!name.equals("audit trail")) {
            assertThat(first.items().stream().map(key).toList())
                    .containsExactlyElementsOf(head.stream().map(Row::id).toList());
            assertThat(page.items().stream().map(key).toList())
                    .as("the page after row %d of %s", offset + 1, name)
                    .containsExactlyElementsOf(
                            deep.subList(1, SIZE + 1).stream().map(Row::id).toList());
        }
        assertThat(page.hasNext()).isTrue();
    }

    private static String shown(String text) {
        return text.replaceAll("\\+\\d{5,}", "+…"); // number prefixes in the plans' conditions
    }

    private static List<Row> rows(Connection admin, String ordered, int offset, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = admin.prepareStatement(ordered + " OFFSET ? LIMIT ?")) {
            select.setString(1, BIG.value());
            select.setInt(2, offset);
            select.setInt(3, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject(1, OffsetDateTime.class).toInstant(), result.getString(2)));
                }
            }
        }
        return rows;
    }

    private static long count(Connection admin, String ordered) throws SQLException {
        try (PreparedStatement select = admin.prepareStatement("SELECT count(*) FROM (" + ordered + ") x")) {
            select.setString(1, BIG.value());
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static String adminString(Connection admin, String query, TenantId tenant) throws SQLException {
        try (PreparedStatement select = admin.prepareStatement(query)) {
            select.setString(1, tenant.value());
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
