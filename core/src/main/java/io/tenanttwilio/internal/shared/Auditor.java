package io.tenanttwilio.internal.shared;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.spi.AuditSink;
import io.tenanttwilio.spi.TenantResolver;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records audit events with the current actor; an audit sink that fails never stops the action. */
public final class Auditor {

    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private final AuditSink sink;
    private final TenantResolver resolver;
    private final Clock clock;

    public Auditor(AuditSink sink, TenantResolver resolver, Clock clock) {
        this.sink = sink;
        this.resolver = resolver;
        this.clock = clock;
    }

    public void success(
            AuditAction action, @Nullable TenantId tenant, @Nullable String actor, Consumer<AuditEvent.Builder> more) {
        AuditEvent.Builder event = start(action, tenant, actor);
        more.accept(event);
        emit(event.build());
    }

    public void failure(
            AuditAction action,
            @Nullable TenantId tenant,
            @Nullable String actor,
            TenantTwilioException error,
            Consumer<AuditEvent.Builder> more) {
        AuditEvent.Builder event = start(action, tenant, actor)
                .failure(error.errorCode())
                .twilioRequestId(error.twilioRequestId().orElse(null));
        error.twilioErrorCode().ifPresent(code -> event.detail("twilioError", code));
        more.accept(event);
        emit(event.build());
    }

    private AuditEvent.Builder start(AuditAction action, @Nullable TenantId tenant, @Nullable String actor) {
        String who =
                actor != null ? actor : resolver.currentActor().map(Actor::name).orElse(null);
        return AuditEvent.builder(action, clock.instant()).tenant(tenant).actor(who);
    }

    private void emit(AuditEvent event) {
        try {
            sink.record(event);
        } catch (RuntimeException e) {
            LOG.error(
                    "The audit sink failed to record {} ({})",
                    event.action(),
                    e.getClass().getSimpleName());
        }
    }
}
