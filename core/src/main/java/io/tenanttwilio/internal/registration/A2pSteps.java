package io.tenanttwilio.internal.registration;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.events.v1.Sink;
import com.twilio.rest.events.v1.Subscription;
import com.twilio.rest.messaging.v1.BrandRegistration;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.UsAppToPerson;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.spi.NumberRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging half of the saga: Twilio's status events for the account, the brand (paced, found
 * again by its bundles), the tenant's Messaging Service with its numbers, and the campaign (paced,
 * one per service).
 */
final class A2pSteps {

    private static final Logger LOG = LoggerFactory.getLogger(A2pSteps.class);
    static final String EVENT_PREFIX = "com.twilio.messaging.compliance.";
    static final List<String> EVENT_TYPES = List.of(
            EVENT_PREFIX + "brand-registration.brand-registered",
            EVENT_PREFIX + "brand-registration.brand-failure",
            EVENT_PREFIX + "campaign-registration.campaign-approved",
            EVENT_PREFIX + "campaign-registration.campaign-failure",
            EVENT_PREFIX + "toll-free-verification.request-approved",
            EVENT_PREFIX + "toll-free-verification.request-rejected");

    private final Steps steps;
    private final Pacer pacer;
    private final NumberRegistry registry;
    private final @Nullable URI publicBaseUrl;

    A2pSteps(Steps steps, Pacer pacer, NumberRegistry registry, @Nullable URI publicBaseUrl) {
        this.steps = steps;
        this.pacer = pacer;
        this.registry = registry;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** Where Twilio sends the tenant's status events. */
    static String eventsUrl(URI base, TenantId tenant) {
        return base + "/events/" + URLEncoder.encode(tenant.value(), StandardCharsets.UTF_8);
    }

    /**
     * Subscribes the account's status events to the tenant's endpoint, once; a failure is logged
     * and left to the next pass (the scheduled job polls meanwhile).
     */
    boolean subscribeEvents(TenantId tenant, TwilioRestClient client) {
        if (publicBaseUrl == null) {
            return false;
        }
        String destination = eventsUrl(publicBaseUrl, tenant);
        try {
            String sinkSid = TwilioCalls.call(tenant, Operation.READ, () -> {
                for (Sink sink : Sink.reader().read(client)) {
                    if (sink.getSinkConfiguration() instanceof Map<?, ?> configuration
                            && destination.equals(configuration.get("destination"))) {
                        return sink.getSid();
                    }
                }
                return null;
            });
            if (sinkSid == null) {
                Map<String, Object> configuration = new LinkedHashMap<>();
                configuration.put("destination", destination);
                configuration.put("method", "POST");
                configuration.put("batch_events", false);
                sinkSid = TwilioCalls.call(
                        tenant,
                        Operation.CONFIGURE,
                        () -> Sink.creator("tenant-twilio compliance events", configuration, Sink.SinkType.WEBHOOK)
                                .create(client)
                                .getSid());
            }
            String sink = sinkSid;
            boolean subscribed = TwilioCalls.call(tenant, Operation.READ, () -> {
                for (Subscription subscription :
                        Subscription.reader().setSinkSid(sink).read(client)) {
                    return subscription.getSid() != null;
                }
                return false;
            });
            if (!subscribed) {
                List<Object> types = new ArrayList<>();
                for (String type : EVENT_TYPES) {
                    types.add(Map.of("type", type));
                }
                TwilioCalls.call(
                        tenant,
                        Operation.CONFIGURE,
                        () -> Subscription.creator("tenant-twilio compliance events", sink, types)
                                .create(client));
            }
            return true;
        } catch (TenantTwilioException e) {
            LOG.warn("Status events of tenant {} not subscribed ({}); the statuses are polled", tenant, e.errorCode());
            return false;
        }
    }

    /** Registers the brand once both profiles are approved, or submits a failed one again. */
    void brand(Run run) {
        String profile = run.current().sid(Resource.CUSTOMER_PROFILE).orElseThrow();
        String product = run.current().sid(Resource.TRUST_PRODUCT).orElseThrow();
        boolean existed = run.current().sid(Resource.BRAND).isPresent();
        String sid = steps.ensure(
                run,
                Resource.BRAND,
                () -> {
                    for (BrandRegistration brand : BrandRegistration.reader().read(run.client)) {
                        if (profile.equals(brand.getCustomerProfileBundleSid())
                                && product.equals(brand.getA2pProfileBundleSid())) {
                            return Optional.of(brand.getSid());
                        }
                    }
                    return Optional.empty();
                },
                () -> {
                    pacer.await(run.accountSid());
                    return BrandRegistration.creator(profile, product)
                            .create(run.client)
                            .getSid();
                });
        if (existed
                && run.current().has(Mark.RESUBMIT)
                && isFailed(run.current().brandStatus().orElse(""))) {
            pacer.await(run.accountSid());
            BrandRegistration again = steps.configure(
                    run, "resubmit-brand", () -> BrandRegistration.updater(sid).update(run.client));
            run.save(b -> b.brandStatus(String.valueOf(again.getStatus())).reasons(List.of()));
            steps.audited(run, "resubmit-brand", sid);
        } else if (!existed) {
            BrandRegistration brand = steps.call(
                    run,
                    "read-brand",
                    Operation.READ,
                    () -> BrandRegistration.fetcher(sid).fetch(run.client));
            run.save(b -> b.brandStatus(String.valueOf(brand.getStatus())));
        }
    }

    /** The tenant's Messaging Service, routed to the tenant, its inbound messages left to the numbers' webhooks. */
    String service(Run run) {
        String sid = steps.ensure(
                run,
                Resource.MESSAGING_SERVICE,
                () -> {
                    String tag = Steps.tag(run, Resource.MESSAGING_SERVICE);
                    for (Service service : Service.reader().read(run.client)) {
                        if (tag.equals(service.getFriendlyName())) {
                            return Optional.of(service.getSid());
                        }
                    }
                    return Optional.empty();
                },
                () -> Service.creator(Steps.tag(run, Resource.MESSAGING_SERVICE))
                        .setUseInboundWebhookOnNumber(true)
                        .create(run.client)
                        .getSid());
        Optional<TenantId> linked =
                Stores.call(run.tenant(), () -> registry.findTenantByMessagingService(run.accountSid(), sid));
        if (linked.isEmpty()) {
            Stores.run(run.tenant(), () -> registry.linkMessagingService(run.tenant(), run.accountSid(), sid));
        }
        return sid;
    }

    /** Puts every owned long code of the tenant in the service. */
    void numbers(Run run, String service) {
        List<NumberRecord> records = Stores.call(run.tenant(), () -> registry.findByTenant(run.tenant()));
        for (NumberRecord record : records) {
            attach(run.tenant(), record, service, run.client);
        }
        if (!run.current().has(Mark.NUMBERS_ATTACHED)) {
            run.save(b -> b.mark(Mark.NUMBERS_ATTACHED, true));
            steps.audited(run, "attach-numbers", service);
        }
    }

    /** Whether a number belongs in a campaign's service: an owned +1 long code. */
    static boolean belongs(NumberRecord record) {
        return record.state() == NumberState.ACTIVE
                || record.state() == NumberState.NEEDS_ATTENTION
                || record.state() == NumberState.CONFIGURED
                || record.state() == NumberState.PURCHASED;
    }

    /** Adds one number to the service; {@code true} when it is (now) there. */
    static boolean attach(TenantId tenant, NumberRecord record, String service, TwilioRestClient client) {
        if (!belongs(record)
                || record.twilioSid().isEmpty()
                || record.phoneNumber().isEmpty()
                || record.phoneNumber().get().countryCode() != 1
                || record.phoneNumber().get().isNorthAmericanTollFree()) {
            return false;
        }
        try {
            TwilioCalls.call(
                    tenant,
                    Operation.CONFIGURE,
                    () -> com.twilio.rest.messaging.v1.service.PhoneNumber.creator(
                                    service, record.twilioSid().get())
                            .create(client));
            return true;
        } catch (TenantTwilioException e) {
            int code = e.twilioErrorCode().orElse(0);
            if (code == 21710) {
                return true; // already there
            }
            if (code == 21712) {
                LOG.warn(
                        "Number {} of tenant {} is in another Messaging Service: left there",
                        record.phoneNumber().get().masked(),
                        tenant);
                return false;
            }
            throw e;
        }
    }

    /** Submits the campaign (again, when it failed and the details were corrected). */
    void campaign(Run run, String service) {
        String brand = run.current().sid(Resource.BRAND).orElseThrow();
        CampaignDetails details = run.current().campaign();
        Optional<String> existing = run.current().sid(Resource.CAMPAIGN);
        if (existing.isPresent()
                && run.current().has(Mark.RESUBMIT)
                && isFailed(run.current().campaignStatus().orElse(""))) {
            String old = existing.get();
            steps.configure(
                    run,
                    "delete-failed-campaign",
                    () -> UsAppToPerson.deleter(service, old).delete(run.client));
            run.save(b -> b.sid(Resource.CAMPAIGN, null).campaignStatus(null));
        }
        boolean existed = run.current().sid(Resource.CAMPAIGN).isPresent();
        String sid = steps.ensure(
                run,
                Resource.CAMPAIGN,
                () -> {
                    for (UsAppToPerson campaign : UsAppToPerson.reader(service).read(run.client)) {
                        return Optional.of(campaign.getSid());
                    }
                    return Optional.empty();
                },
                () -> {
                    pacer.await(run.accountSid());
                    return UsAppToPerson.creator(
                                    service,
                                    brand,
                                    details.description(),
                                    details.messageFlow(),
                                    details.samples(),
                                    details.useCase().name(),
                                    details.hasEmbeddedLinks(),
                                    details.hasEmbeddedPhone())
                            .create(run.client)
                            .getSid();
                });
        if (!existed) {
            UsAppToPerson campaign = steps.call(
                    run,
                    "read-campaign",
                    Operation.READ,
                    () -> UsAppToPerson.fetcher(service, sid).fetch(run.client));
            run.save(b -> b.campaignStatus(campaign.getCampaignStatus()).reasons(List.of()));
        }
    }

    static boolean isFailed(String status) {
        String upper = status.toUpperCase(Locale.ROOT);
        return upper.equals("FAILED") || upper.equals("DELETION_FAILED");
    }

    static boolean isSuspended(@Nullable String status) {
        return status != null && status.toUpperCase(Locale.ROOT).equals("SUSPENDED");
    }

    static Registration.State stateOf(Registration registration) {
        return registration.state();
    }
}
