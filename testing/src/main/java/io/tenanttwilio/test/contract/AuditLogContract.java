package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.spi.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditLog}: extend it with your log. Each test uses tenants of its own, so
 * the log may be shared; JUnit runs the tests, one instance per test.
 */
public abstract class AuditLogContract {

    /** Creates the contract; for subclasses. */
    protected AuditLogContract() {}

    /**
     * The log under test; it may be shared by every test of the class.
     *
     * @return the log
     */
    protected abstract AuditLog log();

    /** Records an event of {@code tenant} at {@code at}, told apart from the others by its actor. */
    private String record(TenantId tenant, Instant at, String actor) {
        log().record(AuditEvent.builder(AuditAction.POLICY_CHANGED, at)
                .tenant(tenant)
                .actor(actor)
                .build());
        return actor;
    }

    /** The actors of every event of the trail, page after page. */
    private List<String> every(TenantId tenant, AuditQuery query) {
        List<AuditEvent> events = Contracts.everyPage(cursor -> log().events(tenant, query.after(cursor)));
        assertThat(events).extracting(AuditEvent::at).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(events).allSatisfy(event -> assertThat(event.tenantId()).contains(tenant));
        return events.stream().map(event -> event.actor().orElseThrow()).toList();
    }

    @Test
    void pagesOfTheTrailComeNewestFirstWithEveryEventOnceEvenWhenTheyShareATime() {
        TenantId tenant = Contracts.freshTenant("trail");
        Instant tie = Contracts.now().minusSeconds(60);
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            recorded.add(record(tenant, i < 4 ? tie : tie.plusSeconds(i), "staff-" + i));
        }
        record(Contracts.freshTenant("other"), tie, "someone-else");

        List<String> listed = every(tenant, AuditQuery.newestFirst().limit(2));

        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(listed.subList(0, 3)).containsExactly("staff-6", "staff-5", "staff-4");
        assertThat(listed.subList(3, 7))
                .as("recorded at the same time: the last recorded first")
                .containsExactly("staff-3", "staff-2", "staff-1", "staff-0");
    }

    @Test
    void aCursorFromOneTenantsTrailShowsAnotherTenantNothingOfTheFirst() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        Instant at = Contracts.now();
        for (int i = 0; i < 3; i++) {
            record(a, at, "a-" + i);
        }
        record(b, at.minusSeconds(1), "b-0");
        Cursor fromA =
                log().events(a, AuditQuery.newestFirst().limit(1)).nextCursor().orElseThrow();

        assertThat(Contracts.pageOrInvalidRequest(
                        () -> log().events(b, AuditQuery.newestFirst().after(fromA))))
                .hasValueSatisfying(page -> assertThat(page.items())
                        .singleElement()
                        .satisfies(event -> assertThat(event.actor()).contains("b-0")));
    }

    @Test
    void aCursorTheLogCannotReadIsRefusedAsAnInvalidRequest() {
        TenantId tenant = Contracts.freshTenant("forged");
        record(tenant, Contracts.now(), "staff");

        for (Cursor forged : List.of(
                Cursor.of(Contracts.now(), "not-a-position"),
                Cursor.of(UUID.randomUUID().toString()),
                Cursor.of("7"))) {
            assertThat(Contracts.refusal(
                            () -> log().events(tenant, AuditQuery.newestFirst().after(forged))))
                    .isEqualTo(ErrorCode.INVALID_REQUEST);
        }
    }
}
