package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.inbound.DeliveryStatusListener;
import io.tenanttwilio.inbound.InboundEvent;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.messaging.SmsMessage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes "something changed in conversation X" to the open pages of the tenant (server-sent
 * events): a new inbound message, a delivery status, a message sent by a colleague. The pages then
 * reload the part that changed. Never another tenant's events; no message content in the event.
 */
@Component
public class LiveUpdates implements InboundMessageListener, DeliveryStatusListener, SmartLifecycle {

    private final Map<TenantId, List<SseEmitter>> emitters = new ConcurrentHashMap<>();
    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends the open streams first, so that the server's graceful shutdown does not wait for them. */
    @Override
    public void stop() {
        running = false;
        emitters.values().forEach(list -> list.forEach(SseEmitter::complete));
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // stopped before the web server
    }

    /** A stream for one page of {@code tenant}. */
    public SseEmitter subscribe(TenantId tenant) {
        SseEmitter emitter = new SseEmitter(0L);
        List<SseEmitter> list = emitters.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        emitter.onCompletion(() -> list.remove(emitter));
        emitter.onTimeout(() -> list.remove(emitter));
        emitter.onError(e -> list.remove(emitter));
        return emitter;
    }

    /** Tells the tenant's pages that a conversation changed. */
    public void changed(TenantId tenant, String conversationId) {
        for (SseEmitter emitter : emitters.getOrDefault(tenant, List.of())) {
            try {
                emitter.send(SseEmitter.event().name("conversation").data(conversationId));
            } catch (IOException | IllegalStateException e) {
                emitters.getOrDefault(tenant, List.of()).remove(emitter);
            }
        }
    }

    @Override
    public Optional<String> onMessage(InboundEvent event) {
        changed(event.tenant(), event.conversation().id());
        return Optional.empty();
    }

    @Override
    public void onStatus(TenantId tenant, SmsMessage message) {
        changed(tenant, message.conversationId());
    }
}
