package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The lists previewed and not scheduled yet: each in a temporary file (a file of 100,000
 * appointments is not kept in memory or in the session), with the settings it was previewed with,
 * until it is scheduled or an hour has passed. Only the staff member who previewed it may
 * schedule it. One instance's files: behind a load balancer, preview and schedule must reach the
 * same instance (sticky sessions). Thread-safe.
 */
@Component
class ReminderDrafts implements DisposableBean {

    /** How long a preview may be scheduled. */
    static final Duration KEPT = Duration.ofHours(1);

    /** The most lists one staff member has waiting; the oldest goes first. */
    static final int PER_USER = 5;

    /**
     * A list waiting to be scheduled.
     *
     * @param id its id, in the preview's form
     * @param tenant the clinic
     * @param user who previewed it
     * @param file its text, as uploaded or pasted
     * @param settings the form's values it was previewed with
     * @param language the language its texts' dates and times are written in (the page's)
     * @param savedAt when it was saved
     */
    record Draft(
            String id,
            TenantId tenant,
            String user,
            Path file,
            ReminderForm settings,
            Locale language,
            Instant savedAt) {}

    private final Map<String, Draft> drafts = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile @Nullable Path directory;

    ReminderDrafts() {
        this(Clock.systemUTC());
    }

    ReminderDrafts(Clock clock) {
        this.clock = clock;
    }

    private synchronized Path directory() throws IOException {
        if (directory == null || !Files.isDirectory(directory)) {
            directory = Files.createTempDirectory("clinic-reminders-");
        }
        return directory;
    }

    /**
     * Saves a list.
     *
     * @param tenant the clinic
     * @param user who previews it
     * @param content its bytes, read to the end (not closed)
     * @param settings the form's values
     * @param language the language of its texts' dates and times
     * @return the draft
     */
    Draft save(TenantId tenant, String user, InputStream content, ReminderForm settings, Locale language) {
        expire();
        try {
            Path file = Files.createTempFile(directory(), "list-", ".csv");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            Draft draft =
                    new Draft(UUID.randomUUID().toString(), tenant, user, file, settings, language, clock.instant());
            drafts.put(draft.id(), draft);
            drafts.values().stream()
                    .filter(d -> d.tenant().equals(tenant) && d.user().equals(user))
                    .sorted(Comparator.comparing(Draft::savedAt).reversed())
                    .skip(PER_USER)
                    .forEach(this::remove);
            return draft;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the draft {@code id} of this clinic's user, if it is still kept} */
    Optional<Draft> find(TenantId tenant, String user, String id) {
        expire();
        Draft draft = drafts.get(id);
        if (draft == null || !draft.tenant().equals(tenant) || !draft.user().equals(user)) {
            return Optional.empty();
        }
        return Optional.of(draft);
    }

    void remove(Draft draft) {
        drafts.remove(draft.id());
        try {
            Files.deleteIfExists(draft.file());
        } catch (IOException e) {
            // a temporary file: the system's cleaning takes it
        }
    }

    private void expire() {
        Instant oldest = clock.instant().minus(KEPT);
        drafts.values().stream().filter(d -> d.savedAt().isBefore(oldest)).forEach(this::remove);
    }

    @Override
    public void destroy() {
        drafts.values().forEach(this::remove);
        Path dir = directory;
        if (dir != null) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // not empty (a file being written): left to the system's cleaning
            }
        }
    }
}
