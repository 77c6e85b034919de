package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in staff member's organization, name and language, and tenant-twilio as that organization. */
@Component
public class Staff {

    private final TenantTwilio twilio;
    private final Organizations organizations;

    Staff(TenantTwilio twilio, Organizations organizations) {
        this.twilio = twilio;
        this.organizations = organizations;
    }

    /** The organization's client, from the tenant tenant-twilio resolves for this request. */
    public TenantTwilioClient client() {
        return twilio.currentClient();
    }

    public TenantId tenant() {
        return client().tenantId();
    }

    public String organizationName() {
        return organizations.name(tenant());
    }

    public String user() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    public Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    /** The organization's time zone (its policy's). */
    public ZoneId zone() {
        return twilio.policy(tenant()).timeZone();
    }

    /** The message of an SDK error for this person. */
    public String explain(TenantTwilioException e) {
        return e.userMessage(locale());
    }
}
