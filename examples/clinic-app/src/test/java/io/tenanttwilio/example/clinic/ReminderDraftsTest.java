package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A previewed list waits for its "Planifier" in a temporary file: for the staff member who
 * previewed it only, for an hour, a few per person, and its file goes with it.
 */
class ReminderDraftsTest {

    private static final TenantId A = TenantId.of("clinique-a");
    private static final TenantId B = TenantId.of("clinique-b");

    private Instant now = Instant.parse("2026-12-07T15:00:00Z");
    private final ReminderDrafts drafts = new ReminderDrafts(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @AfterEach
    void cleanUp() {
        drafts.destroy();
    }

    private ReminderDrafts.Draft save(TenantId tenant, String user, String text) {
        return drafts.save(
                tenant,
                user,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ReminderForm(),
                Locale.FRENCH);
    }

    @Test
    void onlyTheStaffMemberWhoPreviewedAListFindsIt() throws Exception {
        ReminderDrafts.Draft draft = save(A, "marie", "Marie, 581-500-6712, 10:00");

        assertThat(Files.readString(draft.file())).isEqualTo("Marie, 581-500-6712, 10:00");
        assertThat(drafts.find(A, "marie", draft.id())).contains(draft);
        assertThat(drafts.find(A, "julien", draft.id())).as("a colleague").isEmpty();
        assertThat(drafts.find(B, "marie", draft.id())).as("another clinic").isEmpty();
        assertThat(drafts.find(A, "marie", "not-a-draft")).isEmpty();
    }

    @Test
    void aListWaitsAnHourAndItsFileGoesWithIt() {
        ReminderDrafts.Draft draft = save(A, "marie", "x");
        now = now.plus(ReminderDrafts.KEPT).minusSeconds(1);
        assertThat(drafts.find(A, "marie", draft.id())).isPresent();

        now = now.plus(Duration.ofSeconds(2));

        assertThat(drafts.find(A, "marie", draft.id())).isEmpty();
        assertThat(draft.file()).doesNotExist();
    }

    @Test
    void aPersonKeepsTheirLastFewListsAndARemovedOneIsGone() {
        List<ReminderDrafts.Draft> saved = new ArrayList<>();
        for (int i = 0; i <= ReminderDrafts.PER_USER; i++) {
            saved.add(save(A, "marie", "list " + i));
            now = now.plusSeconds(1);
        }
        ReminderDrafts.Draft colleagues = save(A, "julien", "his");

        assertThat(drafts.find(A, "marie", saved.get(0).id())).as("the oldest").isEmpty();
        assertThat(saved.get(0).file()).doesNotExist();
        for (ReminderDrafts.Draft kept : saved.subList(1, saved.size())) {
            assertThat(drafts.find(A, "marie", kept.id())).isPresent();
        }
        drafts.remove(colleagues);
        assertThat(drafts.find(A, "julien", colleagues.id())).isEmpty();
        assertThat(colleagues.file()).doesNotExist();
    }
}
