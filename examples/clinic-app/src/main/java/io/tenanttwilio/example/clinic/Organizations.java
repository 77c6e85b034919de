package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The platform's organizations (tenants) and their staff. A real platform keeps them in its own
 * database; the demo has three clinics, two staff users each, password {@code demo} — Clinique A
 * and B to try the two-clinic flow, Clinique C to set SMS up from scratch. {@code
 * clinic.more-organizations} (ids, comma-separated) adds more, each with the user {@code
 * staff@<id>.example}.
 */
@Component
public class Organizations {

    /** An organization: a tenant of tenant-twilio. */
    public record Organization(TenantId id, String name, List<String> staff) {}

    public static final String PASSWORD = "demo";

    private final List<Organization> organizations = new java.util.ArrayList<>(List.of(
            new Organization(
                    TenantId.of("clinique-a"),
                    "Clinique A",
                    List.of("marie@clinique-a.example", "julien@clinique-a.example")),
            new Organization(
                    TenantId.of("clinique-b"),
                    "Clinique B",
                    List.of("paul@clinique-b.example", "sophie@clinique-b.example")),
            new Organization(
                    TenantId.of("clinique-c"),
                    "Clinique C",
                    List.of("claire@clinique-c.example", "hugo@clinique-c.example"))));

    Organizations(
            @org.springframework.beans.factory.annotation.Value("${clinic.more-organizations:}") List<String> more) {
        for (String id : more) {
            if (!id.isBlank()) {
                organizations.add(new Organization(
                        TenantId.of(id.strip()), id.strip(), List.of("staff@" + id.strip() + ".example")));
            }
        }
    }

    public List<Organization> all() {
        return organizations;
    }

    public Optional<Organization> find(TenantId tenant) {
        return organizations.stream().filter(o -> o.id().equals(tenant)).findFirst();
    }

    public String name(TenantId tenant) {
        return find(tenant).map(Organization::name).orElse(tenant.value());
    }
}
