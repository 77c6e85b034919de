package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The check that every statement names its tenant table's tenant_id finds the ones that do not. */
class StatementRecorderIT {

    private static final Set<String> TENANT_TABLES = Set.of("tt_messages", "tt_contacts", "tt_conversations");

    @Test
    void findsAStatementThatForgotItsTenant() {
        StatementRecorder recorder = new StatementRecorder();
        recorder.record("SELECT body FROM tt_messages WHERE twilio_sid = ?");
        recorder.record("DELETE FROM tt_contacts WHERE id = ?");

        assertThat(recorder.statementsWithoutTheirTenant(TENANT_TABLES))
                .hasSize(2)
                .anyMatch(line -> line.startsWith("tt_messages"))
                .anyMatch(line -> line.startsWith("tt_contacts"));
    }

    @Test
    void findsAJoinedTableWhoseTenantIsNotInTheJoin() {
        StatementRecorder recorder = new StatementRecorder();
        recorder.record("SELECT c.id FROM tt_conversations c JOIN tt_contacts k ON k.id = c.contact_id"
                + " WHERE c.tenant_id = ?");

        assertThat(recorder.statementsWithoutTheirTenant(TENANT_TABLES))
                .singleElement()
                .asString()
                .startsWith("tt_contacts (k.tenant_id)");
    }

    @Test
    void acceptsStatementsThatNameTheirTenantAndIgnoresOtherTables() {
        StatementRecorder recorder = new StatementRecorder();
        recorder.record("INSERT INTO tt_messages (id, tenant_id, body) VALUES (?, ?, ?)");
        recorder.record("UPDATE tt_conversations SET unread_count = 0 WHERE tenant_id = ? AND id = ?");
        recorder.record("SELECT c.id FROM tt_conversations c JOIN tt_contacts k ON k.id = c.contact_id"
                + " AND k.tenant_id = c.tenant_id WHERE c.tenant_id = ?");
        recorder.record("SELECT record_id, tenant_id FROM tt_route_by_webhook_key(?)");
        recorder.record("UPDATE tt_job_leases SET owner = NULL WHERE job = ?");

        assertThat(recorder.statementsWithoutTheirTenant(TENANT_TABLES)).isEmpty();
    }
}
