package io.tenanttwilio.example.clinic;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.example.clinic.AppointmentCsv.Rejected;
import io.tenanttwilio.example.clinic.ReminderPlan.Planned;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.outbox.Outbox;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.ScheduleBatch;
import io.tenanttwilio.outbox.ScheduleRequest;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Appointment reminders through the SDK's outbox: a list previewed (each line's text, or why the
 * line is refused), then scheduled in batches of at most {@value ScheduleBatch#MAX_SIZE}, listed
 * with where each reminder stands, and cancelled. The list is read as a stream every time; what a
 * page shows of it is capped at {@value #SHOWN} lines, with the counts of everything.
 */
@Component
class Reminders {

    /** The most lines of a list a page shows (each kind apart); the counts cover every line. */
    static final int SHOWN = 500;

    /** Reminders per page of the list. */
    static final int PAGE = 50;

    private final TenantTwilio twilio;
    private final ReminderNames names;
    private final MessageSource messages;
    private final PhoneNormalizer normalizer;
    private final int batchSize;

    Reminders(
            TenantTwilio twilio,
            ReminderNames names,
            MessageSource messages,
            @Value("${tenant-twilio.default-region:US}") String region,
            @Value("${clinic.reminders.batch-size:" + ScheduleBatch.MAX_SIZE + "}") int batchSize) {
        this.twilio = twilio;
        this.names = names;
        this.messages = messages;
        this.normalizer = PhoneNormalizer.forRegion(region);
        this.batchSize = Math.max(1, Math.min(batchSize, ScheduleBatch.MAX_SIZE));
    }

    private Outbox outbox() {
        return twilio.outbox();
    }

    /**
     * Who works on a list, and how it is shown to them.
     *
     * @param tenant the clinic
     * @param user the staff member
     * @param clinic the clinic's name, for {@code {clinique}}
     * @param zone the clinic's zone
     * @param locale the staff member's language
     * @param now the present
     */
    record Context(TenantId tenant, String user, String clinic, ZoneId zone, Locale locale, Instant now) {
        CommonModel.Formats formats() {
            return new CommonModel.Formats(locale, zone);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Preview

    /** A reminder as it will leave. */
    public record MessageLine(
            int line,
            String name,
            String number,
            String appointment,
            @Nullable String sendAt,
            String body,
            int segments) {}

    /** A refused line, with the reason in the reader's language. */
    public record ProblemLine(int line, String excerpt, String reason) {}

    /**
     * A list previewed: nothing scheduled.
     *
     * @param draftId the id under which the list waits to be scheduled
     * @param lines the lines read (blank lines and the header aside)
     * @param valid the reminders that would be scheduled
     * @param asap those of them whose time is past, which leave as soon as allowed
     * @param segments the SMS segments they take in all
     * @param messages the first {@value #SHOWN} reminders
     * @param problems the first {@value #SHOWN} refused lines
     */
    public record Preview(
            String draftId,
            int lines,
            int valid,
            int asap,
            long segments,
            List<MessageLine> messages,
            List<ProblemLine> problems) {

        public int rejected() {
            return lines - valid;
        }

        public boolean messagesCut() {
            return messages.size() < valid;
        }

        public boolean problemsCut() {
            return problems.size() < rejected();
        }
    }

    Preview preview(ReminderDrafts.Draft draft, Context context) throws IOException {
        CommonModel.Formats fmt = context.formats();
        List<MessageLine> shown = new ArrayList<>();
        List<ProblemLine> problems = new ArrayList<>();
        int[] valid = {0};
        int[] asap = {0};
        long[] segments = {0};
        ReminderPlan plan = plan(
                draft,
                context,
                planned -> {
                    valid[0]++;
                    segments[0] += planned.segments();
                    if (planned.asSoonAsAllowed()) {
                        asap[0]++;
                    }
                    if (shown.size() < SHOWN) {
                        shown.add(new MessageLine(
                                planned.line(),
                                planned.name(),
                                fmt.phone(planned.number()),
                                fmt.time(planned.appointment().toInstant()),
                                planned.sendAt() == null ? null : fmt.time(planned.sendAt()),
                                planned.body(),
                                planned.segments()));
                    }
                },
                rejected -> {
                    if (problems.size() < SHOWN) {
                        problems.add(new ProblemLine(rejected.line(), rejected.excerpt(), reason(rejected, context)));
                    }
                });
        int lines = read(draft, context, plan);
        return new Preview(draft.id(), lines, valid[0], asap[0], segments[0], shown, problems);
    }

    private ReminderPlan plan(
            ReminderDrafts.Draft draft,
            Context context,
            java.util.function.Consumer<Planned> planned,
            java.util.function.Consumer<Rejected> rejected) {
        ReminderForm settings = draft.settings();
        return new ReminderPlan(
                new ReminderPlan.Settings(
                        // In the language it was previewed in, whatever the page's is now.
                        ReminderTemplate.of(settings.getTemplate(), draft.language()),
                        settings.timingChoice(),
                        context.clinic(),
                        context.now()),
                planned,
                rejected);
    }

    private int read(ReminderDrafts.Draft draft, Context context, ReminderPlan plan) throws IOException {
        AppointmentCsv.Options options =
                new AppointmentCsv.Options(context.zone(), draft.settings().dayChoice(), context.now(), normalizer);
        try (Reader in = AppointmentCsv.open(draft.file())) {
            return AppointmentCsv.parse(in, options, plan);
        }
    }

    /** Why a line is refused, in the reader's language: the SDK's reason when it gave one. */
    String reason(Rejected rejected, Context context) {
        if (rejected.sdkError() instanceof TenantTwilioException e) {
            return e.userMessage(context.locale());
        }
        CommonModel.Formats fmt = context.formats();
        Object[] args = rejected.args().stream()
                .map(a -> a instanceof ZonedDateTime at ? fmt.time(at.toInstant()) : a)
                .toArray();
        return messages.getMessage("reminders.problem." + rejected.problem().name(), args, context.locale());
    }

    // ---------------------------------------------------------------------------------------------
    // Scheduling

    /** What became of a line when the list was scheduled. */
    public enum Result {
        SCHEDULED,
        ALREADY_SCHEDULED,
        REFUSED
    }

    /** A line of the list, scheduled or refused. */
    public record OutcomeLine(
            int line,
            String label,
            @Nullable String number,
            Result result,
            @Nullable String reason) {}

    /**
     * A list scheduled.
     *
     * @param scheduled the reminders scheduled now
     * @param alreadyScheduled those scheduled before (the same list, or the same appointment, again)
     * @param refused the lines refused, by the page or by the outbox
     * @param lines the first {@value #SHOWN} lines
     */
    public record Outcome(int scheduled, int alreadyScheduled, int refused, List<OutcomeLine> lines) {

        public int total() {
            return scheduled + alreadyScheduled + refused;
        }

        public boolean cut() {
            return lines.size() < total();
        }
    }

    /** Collects a list's lines in order, and schedules the reminders among them a batch at a time. */
    private final class Scheduler {
        private final Context context;
        private final List<Object> pending = new ArrayList<>();
        private final List<ScheduleRequest> requests = new ArrayList<>();
        private final List<OutcomeLine> lines = new ArrayList<>();
        private int scheduled;
        private int already;
        private int refused;

        Scheduler(Context context) {
            this.context = context;
        }

        private boolean shows(int more) {
            return lines.size() + pending.size() + more <= SHOWN;
        }

        void planned(Planned planned) {
            pending.add(planned);
            requests.add(planned.request(context.user()));
            if (requests.size() >= batchSize) {
                flush();
            }
        }

        void rejected(Rejected rejected) {
            refused++;
            if (shows(1)) {
                pending.add(rejected);
            }
        }

        void flush() {
            Map<String, ScheduleBatch.Item> outcomes = new LinkedHashMap<>();
            if (!requests.isEmpty()) {
                ScheduleBatch batch = outbox().scheduleAll(context.tenant(), List.copyOf(requests));
                for (ScheduleBatch.Item item : batch.items()) {
                    outcomes.put(item.clientKey(), item);
                }
            }
            // Already scheduled ones too: their name is kept only if none was (a crash after the batch).
            Map<String, String> names = new LinkedHashMap<>();
            CommonModel.Formats fmt = context.formats();
            for (Object line : pending) {
                if (line instanceof Rejected rejected) {
                    add(new OutcomeLine(
                            rejected.line(), rejected.excerpt(), null, Result.REFUSED, reason(rejected, context)));
                    continue;
                }
                Planned planned = (Planned) line;
                ScheduleBatch.Item item = outcomes.get(planned.clientKey());
                Result result;
                String why = null;
                if (item == null || item.error().isPresent()) {
                    result = Result.REFUSED;
                    refused++;
                    why = item == null ? null : item.error().get().userMessage(context.locale());
                } else {
                    result = item.wasAlreadyScheduled() ? Result.ALREADY_SCHEDULED : Result.SCHEDULED;
                    if (item.wasAlreadyScheduled()) {
                        already++;
                        // Where the earlier one stands: a reminder cancelled then is not scheduled again.
                        Status now = Status.of(item.message().get(), null);
                        why = messages.getMessage(
                                "reminders.result.now",
                                new Object[] {
                                    messages.getMessage("reminders.state." + now.name(), null, context.locale())
                                },
                                context.locale());
                    } else {
                        scheduled++;
                    }
                    names.put(planned.clientKey(), planned.name());
                }
                add(new OutcomeLine(
                        planned.line(),
                        planned.name() + " — " + fmt.time(planned.appointment().toInstant()),
                        fmt.phone(planned.number()),
                        result,
                        why));
            }
            Reminders.this.names.remember(context.tenant(), names);
            pending.clear();
            requests.clear();
        }

        private void add(OutcomeLine line) {
            if (lines.size() < SHOWN) {
                lines.add(line);
            }
        }
    }

    /**
     * Schedules the reminders of a list previewed before. What a failed batch had stored stays
     * stored: scheduling the list again only adds what is missing.
     *
     * @throws TenantTwilioException when the outbox fails as a whole (its store unreachable)
     */
    Outcome schedule(ReminderDrafts.Draft draft, Context context) throws IOException {
        Scheduler scheduler = new Scheduler(context);
        ReminderPlan plan = plan(draft, context, scheduler::planned, scheduler::rejected);
        read(draft, context, plan);
        scheduler.flush();
        return new Outcome(scheduler.scheduled, scheduler.already, scheduler.refused, scheduler.lines);
    }

    // ---------------------------------------------------------------------------------------------
    // The list of reminders

    /** Where a reminder stands, as the page says it. */
    public enum Status {
        SCHEDULED,
        WAITING_QUIET_HOURS,
        SENDING,
        SENT,
        DELIVERED,
        FAILED,
        CANCELED,
        EXPIRED;

        /**
         * Where {@code message} stands.
         *
         * @param message the outbox's message
         * @param sent its message in the conversation, once sent (for its delivery)
         * @return the status
         */
        static Status of(ScheduledMessage message, @Nullable SmsMessage sent) {
            switch (message.state()) {
                case SCHEDULED:
                    return message.isHeldForQuietHours() ? WAITING_QUIET_HOURS : SCHEDULED;
                case CLAIMED:
                    return SENDING;
                case SENT:
                    if (sent == null) {
                        return SENT;
                    }
                    if (sent.status().isFailure()) {
                        return FAILED;
                    }
                    return sent.status() == io.tenanttwilio.messaging.MessageStatus.DELIVERED
                                    || sent.status() == io.tenanttwilio.messaging.MessageStatus.READ
                            ? DELIVERED
                            : SENT;
                case FAILED:
                    return FAILED;
                case CANCELED:
                    return CANCELED;
                case EXPIRED:
                    return EXPIRED;
                default:
                    throw new IllegalStateException("unknown state " + message.state());
            }
        }

        /** {@return whether the reminder may still be cancelled} */
        public boolean cancellable() {
            return this == SCHEDULED || this == WAITING_QUIET_HOURS;
        }
    }

    /**
     * A reminder in the list.
     *
     * @param clientKey its key in the outbox
     * @param name the patient's name, when the page scheduled it
     * @param number the patient's number
     * @param appointment its appointment (when it expires)
     * @param dueAt when it leaves (or left)
     * @param status where it stands
     * @param reason why it failed or expired, in the reader's language
     * @param segments the SMS segments of its text
     */
    public record ReminderView(
            String clientKey,
            @Nullable String name,
            PhoneNumber number,
            @Nullable Instant appointment,
            Instant dueAt,
            Status status,
            @Nullable String reason,
            int segments) {}

    /**
     * A page of the clinic's reminders, the latest first.
     *
     * @param tenant the clinic
     * @param after the cursor of the previous page; {@code null}: the first
     * @param locale the reader's language
     * @return the page
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} for a cursor the SDK did not make
     */
    Page<ReminderView> list(TenantId tenant, @Nullable String after, Locale locale) {
        Cursor cursor = after == null ? null : Cursor.parse(after);
        Page<ScheduledMessage> page =
                outbox().list(tenant, OutboxQuery.all().limit(PAGE).after(cursor));
        Map<String, String> known = names.of(
                tenant, page.items().stream().map(ScheduledMessage::clientKey).toList());
        List<ReminderView> views = new ArrayList<>();
        for (ScheduledMessage message : page.items()) {
            SmsMessage sent = sent(tenant, message);
            Status status = Status.of(message, sent);
            views.add(new ReminderView(
                    message.clientKey(),
                    known.get(message.clientKey()),
                    message.to(),
                    message.expiresAt().orElse(null),
                    message.dueAt(),
                    status,
                    reason(message, sent, status, locale),
                    message.segments()));
        }
        return Page.of(views, page.nextCursor().orElse(null));
    }

    private @Nullable SmsMessage sent(TenantId tenant, ScheduledMessage message) {
        Optional<String> sid = message.twilioSid();
        if (sid.isEmpty()) {
            return null;
        }
        try {
            return twilio.client(tenant).message(sid.get()).orElse(null);
        } catch (TenantTwilioException e) {
            return null; // shown as sent, without its delivery
        }
    }

    private static @Nullable String reason(
            ScheduledMessage message, @Nullable SmsMessage sent, Status status, Locale locale) {
        if (status != Status.FAILED && status != Status.EXPIRED) {
            return null;
        }
        if (sent != null) {
            Optional<String> delivery = sent.failureReason(locale);
            if (delivery.isPresent()) {
                return delivery.get();
            }
        }
        return message.problem()
                .map(code -> new TenantTwilioException(code).userMessage(locale))
                .orElse(null);
    }

    /**
     * Cancels a reminder that has not started to leave.
     *
     * @throws TenantTwilioException {@link ErrorCode#ALREADY_DISPATCHED} when it is leaving or
     *     left, {@link ErrorCode#NOT_FOUND} when the clinic has no such reminder
     */
    ScheduledMessage cancel(TenantId tenant, String clientKey) {
        return outbox().cancel(tenant, clientKey);
    }
}
