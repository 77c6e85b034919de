package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.ConsentKind;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OutboxStore}: extend it with your store.
 *
 * <p>The listing of the tenants with work is read across tenants, so it may list other tests'
 * tenants too: its checks keep to the test's own tenants, and to times long past that no other
 * test uses. A claim is given its moment, so the claims' tests use moments of their own choosing.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class OutboxStoreContract {

    private static final PhoneNumber PATIENT = PhoneNumber.ofE164("+15815550123");
    private static final String LONG_CODE = "+15815550100";
    private static final String OTHER_LONG_CODE = "+15815550101";
    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    /** A text an encoding must not trip over: quotes, separators, newlines, Unicode. */
    private static final String AWKWARD = "« L'Érable » \"quoted\"; a=3:b;\nsecond line 😀";
    /** Long before any test's "now": only the listing of the tenants with work uses times around it. */
    private static final Instant LONG_AGO = Instant.parse("2001-02-03T04:05:06.789Z");
    /** One segment per second, for every sender: a long code's pace. */
    private static final ToDoubleFunction<String> ONE_PER_SECOND = sender -> 1.0;

    /** {@return the store under test; it may be shared by every test of the class} */
    protected abstract OutboxStore store();

    /**
     * {@return the same store seen by a second application instance (another connection pool on the
     * same database); the store itself by default}
     */
    protected OutboxStore otherInstance() {
        return store();
    }

    // ---------------------------------------------------------------------------------------------
    // Messages

    @Test
    void aStoredMessageComesBackWithEveryValueAndAFullOneToo() {
        ScheduledMessage bare = message(Contracts.freshTenant("bare"), "bare", LONG_CODE, Contracts.now(), 1);

        assertThat(store().insertIfAbsent(bare)).isEqualTo(bare);
        ScheduledMessage found = store().find(bare.tenantId(), "bare").orElseThrow();
        assertThat(found).isEqualTo(bare);
        assertThat(found.messagingServiceSid()).isEmpty();
        assertThat(found.sentBy()).isEmpty();
        assertThat(found.expiresAt()).isEmpty();
        assertThat(found.messageId()).isEmpty();
        assertThat(found.leaseUntil()).isEmpty();
        assertThat(found.problem()).isEmpty();
        assertThat(found.twilioErrorCode()).isEmpty();

        ScheduledMessage full = withEverything(found);
        ScheduledMessage updated = store().update(found, full).orElseThrow();
        assertThat(store().find(bare.tenantId(), "bare")).hasValue(updated);
        assertThat(updated.body()).isEqualTo(AWKWARD);
    }

    @Test
    void aSecondMessageWithTheSameClientKeyGetsTheFirstBack() {
        TenantId tenant = Contracts.freshTenant("twice");
        ScheduledMessage first = message(tenant, "rdv-42:reminder", LONG_CODE, Contracts.now(), 1);
        ScheduledMessage second = message(tenant, "rdv-42:reminder", OTHER_LONG_CODE, Contracts.now(), 2);

        store().insertIfAbsent(first);
        ScheduledMessage returned = store().insertIfAbsent(second);

        assertThat(returned).isEqualTo(first);
        assertThat(store().find(tenant, "rdv-42:reminder")).hasValue(first);
        assertThat(store().list(tenant, OutboxQuery.all())).containsExactly(first);
    }

    @Test
    void theSameClientKeyInTwoTenantsIsTwoMessages() {
        ScheduledMessage ofA = message(Contracts.freshTenant("a"), "rdv-1", LONG_CODE, Contracts.now(), 1);
        ScheduledMessage ofB = message(Contracts.freshTenant("b"), "rdv-1", LONG_CODE, Contracts.now(), 1);

        assertThat(store().insertIfAbsent(ofA)).isEqualTo(ofA);
        assertThat(store().insertIfAbsent(ofB)).isEqualTo(ofB);

        assertThat(store().find(ofA.tenantId(), "rdv-1")).hasValue(ofA);
        assertThat(store().find(ofB.tenantId(), "rdv-1")).hasValue(ofB);
    }

    @Test
    void concurrentInsertsOfOneClientKeyFromTwoInstancesAllGetTheSameMessage() throws Exception {
        TenantId tenant = Contracts.freshTenant("race-insert");
        Instant due = Contracts.now();
        AtomicInteger turn = new AtomicInteger();

        List<ScheduledMessage> results = Contracts.race(8, () -> {
            OutboxStore instance = turn.incrementAndGet() % 2 == 0 ? store() : otherInstance();
            return instance.insertIfAbsent(message(tenant, "once", LONG_CODE, due, 1));
        });

        assertThat(results.stream().map(ScheduledMessage::id).distinct()).hasSize(1);
        assertThat(store().list(tenant, OutboxQuery.all()))
                .extracting(ScheduledMessage::id)
                .containsExactly(results.get(0).id());
    }

    @Test
    void anUpdateRaisesTheVersionAndAStaleOneLoses() {
        ScheduledMessage stored =
                store().insertIfAbsent(message(Contracts.freshTenant("cas"), "k", LONG_CODE, Contracts.now(), 1));

        ScheduledMessage canceled = store().update(
                        stored, stored.toBuilder().state(OutboxState.CANCELED).build())
                .orElseThrow();

        assertThat(canceled.version()).isEqualTo(stored.version() + 1);
        assertThat(store().find(stored.tenantId(), "k")).hasValue(canceled);
        assertThat(store().update(stored, stored.toBuilder().segments(3).build()))
                .as("an update of a version since replaced")
                .isEmpty();
        assertThat(store().find(stored.tenantId(), "k")).hasValue(canceled);
        ScheduledMessage again = store().update(
                        canceled, canceled.toBuilder().segments(3).build())
                .orElseThrow();
        assertThat(again.version()).isEqualTo(stored.version() + 2);
    }

    @Test
    void anUpdateThatChangesTheIdTheTenantOrTheClientKeyOrOfNothingStoredIsRefused() {
        ScheduledMessage stored =
                store().insertIfAbsent(message(Contracts.freshTenant("keys"), "k", LONG_CODE, Contracts.now(), 1));
        ScheduledMessage never = message(Contracts.freshTenant("never"), "k", LONG_CODE, Contracts.now(), 1);

        assertThat(store().update(
                                stored,
                                stored.toBuilder()
                                        .id(UUID.randomUUID().toString())
                                        .build()))
                .isEmpty();
        assertThat(store().update(
                                stored,
                                stored.toBuilder().tenantId(never.tenantId()).build()))
                .isEmpty();
        assertThat(store().update(stored, stored.toBuilder().clientKey("other").build()))
                .isEmpty();
        assertThat(store().update(never, never.toBuilder().segments(2).build())).isEmpty();
        assertThat(store().find(never.tenantId(), "k")).isEmpty();
        assertThat(store().find(stored.tenantId(), "k")).hasValue(stored);
    }

    @Test
    void ofConcurrentUpdatesOfOneVersionFromTwoInstancesExactlyOneWins() throws Exception {
        ScheduledMessage stored =
                store().insertIfAbsent(message(Contracts.freshTenant("race"), "k", LONG_CODE, Contracts.now(), 1));
        AtomicInteger turn = new AtomicInteger();

        List<Optional<ScheduledMessage>> results = Contracts.race(8, () -> {
            int mine = turn.incrementAndGet();
            OutboxStore instance = mine % 2 == 0 ? store() : otherInstance();
            return instance.update(stored, stored.toBuilder().segments(mine).build());
        });

        List<ScheduledMessage> winners =
                results.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        assertThat(store().find(stored.tenantId(), "k")).hasValue(winners.get(0));
    }

    @Test
    void aListingGoesFromTheLatestToTheOldestPageByPage() {
        TenantId tenant = Contracts.freshTenant("list");
        Instant t = Contracts.now();
        List<ScheduledMessage> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two messages at each time but the last: the id orders them
            stored.add(store().insertIfAbsent(message(tenant, "k" + i, LONG_CODE, t.plusSeconds(i / 2), 1)));
        }
        store().insertIfAbsent(message(Contracts.freshTenant("else"), "k0", LONG_CODE, t, 1));

        List<ScheduledMessage> listed = new ArrayList<>();
        OutboxQuery query = OutboxQuery.all().limit(3);
        for (int pages = 0; pages < 10; pages++) {
            List<ScheduledMessage> page = store().list(tenant, query);
            assertThat(page).hasSizeLessThanOrEqualTo(4);
            listed.addAll(page.subList(0, Math.min(3, page.size())));
            if (page.size() <= 3) {
                break;
            }
            ScheduledMessage last = page.get(2);
            query = query.after(Cursor.of(last.sendAt(), last.id()));
        }

        assertThat(listed)
                .containsExactlyElementsOf(stored.stream()
                        .sorted(Comparator.comparing(ScheduledMessage::sendAt)
                                .thenComparing(ScheduledMessage::id)
                                .reversed())
                        .toList());
    }

    @Test
    void aListingOfOneStateShowsThatStateOnly() {
        TenantId tenant = Contracts.freshTenant("states");
        Instant t = Contracts.now();
        ScheduledMessage waiting = store().insertIfAbsent(message(tenant, "a", LONG_CODE, t, 1));
        ScheduledMessage other = store().insertIfAbsent(message(tenant, "b", LONG_CODE, t.plusSeconds(1), 1));
        ScheduledMessage canceled = store().update(
                        other, other.toBuilder().state(OutboxState.CANCELED).build())
                .orElseThrow();

        assertThat(store().list(tenant, OutboxQuery.inState(OutboxState.SCHEDULED)))
                .containsExactly(waiting);
        assertThat(store().list(tenant, OutboxQuery.inState(OutboxState.CANCELED)))
                .containsExactly(canceled);
        assertThat(store().list(tenant, OutboxQuery.inState(OutboxState.SENT))).isEmpty();
        assertThat(store().list(tenant, OutboxQuery.all())).containsExactly(canceled, waiting);
    }

    // ---------------------------------------------------------------------------------------------
    // The tenants with work

    @Test
    void theTenantsWithWorkAreListedAcrossTenantsTheLongestWaitingFirst() {
        Instant now = LONG_AGO.plusSeconds(10);
        TenantId late = tenantWithMessageDueAt("due-late", LONG_AGO.plusSeconds(3));
        TenantId first = tenantWithMessageDueAt("due-first", LONG_AGO.plusSeconds(1));
        TenantId notYet = tenantWithMessageDueAt("due-not-yet", LONG_AGO.plusSeconds(3_600));
        TenantId expired = tenantWithMessageDueAt("lease-expired", LONG_AGO);
        claim(expired, LONG_AGO, Duration.ofSeconds(2), Duration.ZERO, 10); // leased until +2 s
        TenantId live = tenantWithMessageDueAt("lease-live", LONG_AGO);
        claim(live, LONG_AGO, Duration.ofHours(1), Duration.ZERO, 10); // leased until +1 h
        TenantId sent = tenantWithMessageDueAt("sent", LONG_AGO);
        ScheduledMessage ofSent = store().list(sent, OutboxQuery.all()).get(0);
        store().update(ofSent, ofSent.toBuilder().state(OutboxState.SENT).build())
                .orElseThrow();
        Set<TenantId> ours = Set.of(late, first, notYet, expired, live, sent);

        List<TenantId> due = store().tenantsDue(now, 1_000);

        assertThat(due.stream().filter(ours::contains)).containsExactly(first, expired, late);
        assertThat(store().tenantsDue(now, 2)).containsExactlyElementsOf(due.subList(0, 2));
        assertThat(store().tenantsDue(now, 0)).isEmpty();
        assertThat(store().tenantsDue(LONG_AGO.plusSeconds(1), 1_000).stream().filter(ours::contains))
                .as("due at the very time of its message, and none whose message is later")
                .containsExactly(first);
    }

    // ---------------------------------------------------------------------------------------------
    // Claims

    @Test
    void aClaimTakesASendersMessagesAtItsPaceWithinTheHorizon() {
        TenantId tenant = Contracts.freshTenant("pace");
        Instant now = Contracts.now();
        List<ScheduledMessage> stored = schedule(tenant, LONG_CODE, now.minusSeconds(60), 10, 1);

        List<ScheduledMessage> claimed = claim(tenant, now, Duration.ofSeconds(30), Duration.ofSeconds(2), 50);

        assertThat(claimed).extracting(ScheduledMessage::id).containsExactlyElementsOf(ids(stored.subList(0, 3)));
        assertThat(claimed)
                .extracting(m -> m.slotAt().orElseThrow())
                .containsExactly(now, now.plusSeconds(1), now.plusSeconds(2));
        assertThat(store().list(tenant, OutboxQuery.inState(OutboxState.SCHEDULED)))
                .hasSize(7);
    }

    @Test
    void aMessageOfThreeSegmentsHoldsItsSenderThreeSeconds() {
        TenantId tenant = Contracts.freshTenant("segments");
        Instant now = Contracts.now();
        ScheduledMessage longer = store().insertIfAbsent(message(tenant, "a", LONG_CODE, now.minusSeconds(3), 3));
        ScheduledMessage next = store().insertIfAbsent(message(tenant, "b", LONG_CODE, now.minusSeconds(2), 1));

        assertThat(claim(tenant, now, Duration.ofSeconds(30), Duration.ofSeconds(2), 50))
                .extracting(ScheduledMessage::id)
                .containsExactly(longer.id());
        assertThat(claim(tenant, now.plusSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2), 50))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.id()).isEqualTo(next.id());
                    assertThat(m.slotAt()).hasValue(now.plusSeconds(3));
                });
    }

    @Test
    void twoSendersKeepTheirPacesApart() {
        TenantId tenant = Contracts.freshTenant("senders");
        Instant now = Contracts.now();
        schedule(tenant, LONG_CODE, now.minusSeconds(60), 5, 1);
        schedule(tenant, SERVICE, now.minusSeconds(30), 5, 1);
        ToDoubleFunction<String> pace = sender -> sender.equals(SERVICE) ? 2.0 : 1.0;

        List<ScheduledMessage> claimed = store().claim(OutboxClaim.of(
                tenant, now, "instance-1", Duration.ofSeconds(30), Duration.ofSeconds(2), 50, 50, pace));

        Map<String, List<Instant>> slots = claimed.stream()
                .collect(Collectors.groupingBy(
                        ScheduledMessage::sender,
                        Collectors.mapping(m -> m.slotAt().orElseThrow(), Collectors.toList())));
        assertThat(slots.get(LONG_CODE)).containsExactly(now, now.plusSeconds(1), now.plusSeconds(2));
        assertThat(slots.get(SERVICE))
                .containsExactly(
                        now, now.plusMillis(500), now.plusSeconds(1), now.plusMillis(1_500), now.plusSeconds(2));
        assertThat(claimed).extracting(m -> m.slotAt().orElseThrow()).isSorted();
    }

    @Test
    void aClaimTakesNoMoreThanItsMaximumTheOldestDueFirst() {
        TenantId tenant = Contracts.freshTenant("max");
        Instant now = Contracts.now();
        List<ScheduledMessage> stored = schedule(tenant, LONG_CODE, now.minusSeconds(60), 6, 1);

        List<ScheduledMessage> claimed = store().claim(OutboxClaim.of(
                tenant, now, "i", Duration.ofSeconds(30), Duration.ofHours(1), 4, 100, ONE_PER_SECOND));

        assertThat(claimed).extracting(ScheduledMessage::id).containsExactlyElementsOf(ids(stored.subList(0, 4)));
    }

    @Test
    void aClaimLeavesNoMoreThanTheMostInFlightWithALiveLease() {
        TenantId tenant = Contracts.freshTenant("in-flight");
        Instant now = Contracts.now();
        schedule(tenant, LONG_CODE, now.minusSeconds(60), 10, 1);
        Duration horizon = Duration.ofHours(1);
        Duration lease = Duration.ofSeconds(30);

        assertThat(store().claim(OutboxClaim.of(tenant, now, "i", lease, horizon, 50, 3, ONE_PER_SECOND)))
                .hasSize(3);
        assertThat(store().claim(OutboxClaim.of(tenant, now, "i", lease, horizon, 50, 3, ONE_PER_SECOND)))
                .isEmpty();
        assertThat(store().claim(OutboxClaim.of(tenant, now, "i", lease, horizon, 50, 5, ONE_PER_SECOND)))
                .hasSize(2);
        // Leases ended: those claims no longer count (slots now+0 s to +4 s, leases to +34 s).
        assertThat(store().claim(OutboxClaim.of(
                        tenant, now.plusSeconds(40), "i", lease, horizon, 50, 3, ONE_PER_SECOND)))
                .hasSize(3);
    }

    @Test
    void aThrottledTenantIsNotClaimedUntilItsHoldEndsAndAnEarlierHoldChangesNothing() {
        TenantId tenant = Contracts.freshTenant("throttle");
        Instant now = Contracts.now();
        schedule(tenant, LONG_CODE, now.minusSeconds(60), 3, 1);

        store().throttle(tenant, now.plusSeconds(10));
        store().throttle(tenant, now.plusSeconds(5));

        assertThat(claim(tenant, now, Duration.ofSeconds(30), Duration.ofSeconds(60), 50))
                .isEmpty();
        assertThat(claim(tenant, now.plusSeconds(6), Duration.ofSeconds(30), Duration.ofSeconds(60), 50))
                .isEmpty();
        assertThat(claim(tenant, now.plusSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 50))
                .hasSize(3);
    }

    @Test
    void aClaimedMessageHasItsOwnerSlotLeaseAttemptMessageIdAndNextVersion() {
        TenantId tenant = Contracts.freshTenant("claimed");
        Instant now = Contracts.now();
        ScheduledMessage stored = store().insertIfAbsent(message(tenant, "k", LONG_CODE, now.minusSeconds(1), 1));

        ScheduledMessage claimed = store().claim(OutboxClaim.of(
                        tenant,
                        now,
                        "instance-7",
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(2),
                        50,
                        50,
                        ONE_PER_SECOND))
                .get(0);

        assertThat(claimed.state()).isEqualTo(OutboxState.CLAIMED);
        assertThat(claimed.leaseOwner()).hasValue("instance-7");
        assertThat(claimed.slotAt()).hasValue(now);
        assertThat(claimed.leaseUntil()).hasValue(now.plusSeconds(30));
        assertThat(claimed.attempts()).isEqualTo(stored.attempts() + 1);
        assertThat(claimed.version()).isEqualTo(stored.version() + 1);
        assertThat(claimed.messageId())
                .hasValueSatisfying(id -> assertThat(UUID.fromString(id)).isNotNull());
        assertThat(store().find(tenant, "k")).hasValue(claimed);

        // Scheduled again (its instance died before sending): claimed again, with the same message id.
        ScheduledMessage again = store().update(
                        claimed,
                        claimed.toBuilder()
                                .state(OutboxState.SCHEDULED)
                                .leaseOwner(null)
                                .leaseUntil(null)
                                .slotAt(null)
                                .build())
                .orElseThrow();
        ScheduledMessage reclaimed = claim(
                        tenant, now.plusSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2), 50)
                .get(0);
        assertThat(reclaimed.messageId()).isEqualTo(claimed.messageId());
        assertThat(reclaimed.attempts()).isEqualTo(2);
        assertThat(reclaimed.version()).isEqualTo(again.version() + 1);
    }

    @Test
    void aSecondClaimAtTheSameMomentTakesNoClaimedMessageAndFollowsTheMovedSlots() {
        TenantId tenant = Contracts.freshTenant("second");
        Instant now = Contracts.now();
        List<ScheduledMessage> stored = schedule(tenant, LONG_CODE, now.minusSeconds(60), 10, 1);

        List<ScheduledMessage> first = claim(tenant, now, Duration.ofSeconds(30), Duration.ofSeconds(2), 50);
        List<ScheduledMessage> same = claim(tenant, now, Duration.ofSeconds(30), Duration.ofSeconds(2), 50);
        List<ScheduledMessage> further = claim(tenant, now, Duration.ofSeconds(30), Duration.ofSeconds(5), 50);

        assertThat(ids(first)).containsExactlyElementsOf(ids(stored.subList(0, 3)));
        assertThat(same).as("the sender is busy until the horizon").isEmpty();
        assertThat(ids(further)).containsExactlyElementsOf(ids(stored.subList(3, 6)));
        assertThat(further)
                .extracting(m -> m.slotAt().orElseThrow())
                .containsExactly(now.plusSeconds(3), now.plusSeconds(4), now.plusSeconds(5));
    }

    @Test
    void onlyScheduledMessagesThatAreDueAreClaimed() {
        TenantId tenant = Contracts.freshTenant("due");
        Instant now = Contracts.now();
        ScheduledMessage due = store().insertIfAbsent(message(tenant, "due", LONG_CODE, now, 1));
        store().insertIfAbsent(message(tenant, "later", LONG_CODE, now.plusMillis(1), 1));
        ScheduledMessage canceled = store().insertIfAbsent(message(tenant, "canceled", LONG_CODE, now, 1));
        store().update(
                        canceled,
                        canceled.toBuilder().state(OutboxState.CANCELED).build())
                .orElseThrow();

        assertThat(claim(tenant, now, Duration.ofSeconds(30), Duration.ofHours(1), 50))
                .extracting(ScheduledMessage::id)
                .containsExactly(due.id());
    }

    @Test
    void expiredClaimsAreThoseWhoseLeaseEndedTheOldestFirst() {
        TenantId tenant = Contracts.freshTenant("expired");
        Instant now = Contracts.now();
        schedule(tenant, LONG_CODE, now.minusSeconds(60), 3, 1);
        List<ScheduledMessage> claimed = claim(tenant, now, Duration.ofSeconds(10), Duration.ofSeconds(2), 50);

        assertThat(store().expiredClaims(tenant, now.plusSeconds(10), 10))
                .as("a lease that ends at that very moment")
                .isEmpty();
        assertThat(store().expiredClaims(tenant, now.plusSeconds(11).plusMillis(1), 10))
                .containsExactlyElementsOf(claimed.subList(0, 2));
        assertThat(store().expiredClaims(tenant, now.plusSeconds(60), 10)).containsExactlyElementsOf(claimed);
        assertThat(store().expiredClaims(tenant, now.plusSeconds(60), 1)).containsExactly(claimed.get(0));
        assertThat(store().expiredClaims(tenant, now.plusSeconds(60), 0)).isEmpty();
    }

    @Test
    void theBacklogCountsWhatWaitsAndWhatIsDue() {
        TenantId tenant = Contracts.freshTenant("backlog");
        Instant now = Contracts.now();
        store().insertIfAbsent(message(tenant, "a", LONG_CODE, now.minusSeconds(30), 2).toBuilder()
                .expiresAt(now.plusSeconds(600))
                .build());
        store().insertIfAbsent(message(tenant, "b", LONG_CODE, now.minusSeconds(10), 3).toBuilder()
                .expiresAt(now.plusSeconds(300))
                .build());
        store().insertIfAbsent(message(tenant, "c", LONG_CODE, now.plusSeconds(60), 1).toBuilder()
                .expiresAt(now.plusSeconds(90))
                .build());
        ScheduledMessage sent = store().insertIfAbsent(message(tenant, "d", LONG_CODE, now.minusSeconds(60), 1));
        store().update(sent, sent.toBuilder().state(OutboxState.SENT).build()).orElseThrow();

        OutboxBacklog backlog = store().backlog(tenant, now);

        assertThat(backlog.tenantId()).isEqualTo(tenant);
        assertThat(backlog.scheduled()).isEqualTo(3);
        assertThat(backlog.due()).isEqualTo(2);
        assertThat(backlog.dueSegments()).isEqualTo(5);
        assertThat(backlog.oldestDue()).hasValue(now.minusSeconds(30));
        assertThat(backlog.earliestExpiry()).hasValue(now.plusSeconds(300));
        assertThat(backlog.at()).isEqualTo(now);
        assertThat(store().backlog(Contracts.freshTenant("empty"), now).scheduled())
                .isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // Consents

    @Test
    void aConsentIsRecordedReplacedAndFoundByNumber() {
        TenantId tenant = Contracts.freshTenant("consent");
        Instant given = Contracts.now().minusSeconds(86_400);
        Consent implied = Consent.builder(tenant, PATIENT)
                .kind(ConsentKind.IMPLIED_INQUIRY)
                .source(AWKWARD)
                .givenAt(given)
                .build();

        store().saveConsent(implied);
        assertThat(store().findConsent(tenant, PATIENT)).hasValue(implied);
        assertThat(store().findConsent(tenant, PhoneNumber.ofE164("+15815550199")))
                .isEmpty();

        Consent withdrawn = Consent.builder(tenant, PATIENT)
                .kind(ConsentKind.EXPRESS)
                .source("STOP")
                .givenAt(given.plusSeconds(60))
                .withdrawnAt(given.plusSeconds(120))
                .build();
        store().saveConsent(withdrawn);
        assertThat(store().findConsent(tenant, PATIENT)).hasValue(withdrawn);
        assertThat(store().findConsent(tenant, PATIENT).orElseThrow().expiresAt())
                .isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Tenants apart

    @Test
    void aTenantNeverSeesClaimsOrChangesAnotherTenantsMessagesOrConsents() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        Instant now = Contracts.now();
        ScheduledMessage ofB = store().insertIfAbsent(message(b, "k", LONG_CODE, now.minusSeconds(60), 1));
        store().saveConsent(Consent.builder(b, PATIENT).givenAt(now).build());
        store().throttle(b, now.plusSeconds(3_600));

        assertThat(store().find(a, "k")).isEmpty();
        assertThat(store().list(a, OutboxQuery.all())).isEmpty();
        assertThat(claim(a, now, Duration.ofSeconds(1), Duration.ofHours(1), 50))
                .isEmpty();
        assertThat(store().expiredClaims(a, now.plusSeconds(3_600), 10)).isEmpty();
        assertThat(store().backlog(a, now).scheduled()).isZero();
        assertThat(store().findConsent(a, PATIENT)).isEmpty();
        assertThat(store().update(
                                ofB.toBuilder().tenantId(a).build(),
                                ofB.toBuilder()
                                        .tenantId(a)
                                        .state(OutboxState.CANCELED)
                                        .build()))
                .as("B's message, claimed as A's")
                .isEmpty();

        ScheduledMessage ofA = message(a, "k", LONG_CODE, now.minusSeconds(60), 1);
        assertThat(store().insertIfAbsent(ofA)).isEqualTo(ofA);
        assertThat(claim(a, now, Duration.ofSeconds(1), Duration.ofHours(1), 50))
                .as("A is not throttled by B's hold")
                .extracting(ScheduledMessage::id)
                .containsExactly(ofA.id());
        assertThat(store().find(b, "k")).hasValue(ofB);
        assertThat(claim(b, now, Duration.ofSeconds(1), Duration.ofHours(1), 50))
                .isEmpty();
        assertThat(store().expiredClaims(b, now.plusSeconds(3_600), 10)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Instances racing

    @Test
    void twoInstancesClaimingOneTenantAtOnceNeverClaimAMessageTwiceNorShareASlot() throws Exception {
        TenantId tenant = Contracts.freshTenant("race-claim");
        Instant now = Contracts.now();
        List<String> senders = List.of(LONG_CODE, OTHER_LONG_CODE, SERVICE);
        int each = 40;
        for (String sender : senders) {
            schedule(tenant, sender, now.minusSeconds(60), each, 1);
        }
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();

        List<List<ScheduledMessage>> claimedByThread = Contracts.race(2, () -> {
            int mine = turn.incrementAndGet();
            OutboxStore instance = mine % 2 == 0 ? store() : otherInstance();
            List<ScheduledMessage> claimed = new ArrayList<>();
            for (int round = 0; round < 1_000 && taken.get() < 3 * each; round++) {
                List<ScheduledMessage> batch = instance.claim(OutboxClaim.of(
                        tenant,
                        now,
                        "instance-" + mine,
                        Duration.ofSeconds(30),
                        Duration.ofHours(1),
                        5,
                        1_000,
                        s -> 10.0));
                taken.addAndGet(batch.size());
                claimed.addAll(batch);
            }
            return claimed;
        });

        List<ScheduledMessage> claimed =
                claimedByThread.stream().flatMap(List::stream).toList();
        Set<String> distinct = new HashSet<>(ids(claimed));
        assertThat(distinct).as("messages claimed twice").hasSameSizeAs(claimed);
        assertThat(claimed).as("messages claimed").hasSize(3 * each);
        for (String sender : senders) {
            List<Instant> slots = claimed.stream()
                    .filter(m -> m.sender().equals(sender))
                    .map(m -> m.slotAt().orElseThrow())
                    .sorted()
                    .toList();
            for (int i = 1; i < slots.size(); i++) {
                assertThat(Duration.between(slots.get(i - 1), slots.get(i)))
                        .as("slots of %s", sender)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
            }
        }
        assertThat(store().list(tenant, OutboxQuery.inState(OutboxState.CLAIMED).limit(3 * each)))
                .as("every claim stored once")
                .hasSize(claimed.size())
                .allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
    }

    // ---------------------------------------------------------------------------------------------

    /** A message as the outbox first stores it: scheduled, version 0, sent from {@code sender}. */
    private static ScheduledMessage message(
            TenantId tenant, String clientKey, String sender, Instant due, int segments) {
        Instant created = Contracts.now();
        boolean service = sender.startsWith("MG");
        return ScheduledMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .clientKey(clientKey)
                .to(PATIENT)
                .from(service ? null : PhoneNumber.ofE164(sender))
                .messagingServiceSid(service ? sender : null)
                .sender(sender)
                .body("Rappel : rendez-vous demain à 9 h.")
                .segments(segments)
                .sendAt(due)
                .dueAt(due)
                .createdAt(created)
                .updatedAt(created)
                .build();
    }

    /** {@code message} with every optional value set, its body awkward to encode. */
    private static ScheduledMessage withEverything(ScheduledMessage message) {
        Instant now = Contracts.now();
        return message.toBuilder()
                .from(PhoneNumber.ofE164(OTHER_LONG_CODE))
                .messagingServiceSid(SERVICE)
                .sender(SERVICE)
                .body(AWKWARD)
                .segments(2)
                .sentBy("marie@clinique-a.example")
                .urgent(true)
                .dueAt(message.dueAt().plusSeconds(3_600))
                .heldForQuietHours(true)
                .expiresAt(now.plusSeconds(7_200))
                .state(OutboxState.FAILED)
                .leaseOwner("instance-3")
                .leaseUntil(now.plusSeconds(30))
                .slotAt(now.plusSeconds(1))
                .messageId(UUID.randomUUID().toString())
                .twilioSid("SM0123456789abcdef0123456789abcdef")
                .problem(ErrorCode.TWILIO_ERROR)
                .twilioErrorCode(21610)
                .attempts(2)
                .updatedAt(now.plusMillis(1))
                .build();
    }

    /** {@code count} messages of {@code sender}, due a millisecond apart from {@code firstDue}, in that order. */
    private List<ScheduledMessage> schedule(TenantId tenant, String sender, Instant firstDue, int count, int segments) {
        List<ScheduledMessage> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(store().insertIfAbsent(
                            message(tenant, sender + "-" + i, sender, firstDue.plusMillis(i), segments)));
        }
        return stored;
    }

    private TenantId tenantWithMessageDueAt(String name, Instant due) {
        TenantId tenant = Contracts.freshTenant(name);
        store().insertIfAbsent(message(tenant, "k", LONG_CODE, due, 1));
        return tenant;
    }

    /** A claim at one segment per second, of at most {@code max} messages, with no limit in flight. */
    private List<ScheduledMessage> claim(TenantId tenant, Instant now, Duration lease, Duration horizon, int max) {
        return store().claim(OutboxClaim.of(tenant, now, "instance-1", lease, horizon, max, 1_000, ONE_PER_SECOND));
    }

    private static List<String> ids(List<ScheduledMessage> messages) {
        return messages.stream().map(ScheduledMessage::id).toList();
    }
}
