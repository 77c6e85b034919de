package io.tenanttwilio.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.util.CollectionUtils;

/**
 * Shows the health endpoint's details and components only to the roles of {@code
 * tenant-twilio.health.details-roles}, in the groups that include the {@code tenantTwilio} indicator
 * and would otherwise show them to every signed-in user: {@code show-details} (or {@code
 * show-components}) {@code when-authorized} without {@code roles}. In a multi-tenant application
 * every tenant's staff signs in, and the indicator's details (the store, the numbers needing
 * attention, whether Twilio answers for a sample of tenants) are the platform's. Groups with roles
 * of their own, {@code always} and {@code never} are left as configured; an empty {@code
 * details-roles} leaves every group as configured. The check itself is Spring Boot's ({@link
 * Show#isShown(SecurityContext, java.util.Collection)}): a role matches {@code ROLE_<role>} or an
 * authority of that exact name.
 */
final class HealthDetailsRoles implements HealthEndpointGroupsPostProcessor {

    /** The contributor name of {@link TenantTwilioHealthIndicator}'s bean. */
    static final String INDICATOR = "tenantTwilio";

    private static final Logger LOG = LoggerFactory.getLogger(HealthDetailsRoles.class);

    private final List<String> roles;
    private final ObjectProvider<HealthEndpointProperties> endpoint;

    HealthDetailsRoles(List<String> roles, ObjectProvider<HealthEndpointProperties> endpoint) {
        this.roles = roles.stream().filter(role -> !role.isBlank()).toList();
        this.endpoint = endpoint;
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointProperties properties = endpoint.getIfAvailable();
        if (roles.isEmpty() || properties == null) {
            return groups;
        }
        HealthEndpointGroup primary = groups.getPrimary();
        HealthEndpointGroup restrictedPrimary =
                restrict(primary, properties.getShowComponents(), properties.getShowDetails(), properties.getRoles());
        Map<String, HealthEndpointGroup> restricted = new LinkedHashMap<>();
        properties.getGroup().forEach((name, configured) -> {
            HealthEndpointGroup group = groups.get(name);
            if (group == null) {
                return;
            }
            HealthEndpointGroup replacement = restrict(
                    group,
                    configured.getShowComponents() != null
                            ? configured.getShowComponents()
                            : properties.getShowComponents(),
                    configured.getShowDetails() != null ? configured.getShowDetails() : properties.getShowDetails(),
                    !CollectionUtils.isEmpty(configured.getRoles()) ? configured.getRoles() : properties.getRoles());
            if (replacement != group) {
                restricted.put(name, replacement);
            }
        });
        if (restrictedPrimary == primary && restricted.isEmpty()) {
            return groups;
        }
        LOG.info(
                "Health details are shown to the roles {} only (tenant-twilio.health.details-roles), not to every"
                        + " signed-in user: management.endpoint.health.roles is not set",
                roles);
        return new Groups(groups, restrictedPrimary, restricted);
    }

    /** The group, or a copy that asks for one of the roles where it would ask for a sign-in only. */
    private HealthEndpointGroup restrict(
            HealthEndpointGroup group, @Nullable Show components, Show details, Set<String> configuredRoles) {
        if (!CollectionUtils.isEmpty(configuredRoles) || !group.isMember(INDICATOR)) {
            return group;
        }
        boolean restrictDetails = details == Show.WHEN_AUTHORIZED;
        boolean restrictComponents = (components != null ? components : details) == Show.WHEN_AUTHORIZED;
        return restrictDetails || restrictComponents
                ? new RoleGroup(group, restrictComponents, restrictDetails, roles)
                : group;
    }

    /** A group whose details, components or both need one of the roles. */
    private record RoleGroup(
            HealthEndpointGroup group, boolean restrictComponents, boolean restrictDetails, List<String> roles)
            implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return restrictComponents
                    ? Show.WHEN_AUTHORIZED.isShown(securityContext, roles)
                    : group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return restrictDetails
                    ? Show.WHEN_AUTHORIZED.isShown(securityContext, roles)
                    : group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }

    /**
     * The groups with some replaced; still maps the groups' additional paths, as the groups it
     * decorates do (Spring Boot finds that mapper on this bean).
     */
    private record Groups(
            HealthEndpointGroups groups, HealthEndpointGroup primary, Map<String, HealthEndpointGroup> restricted)
            implements HealthEndpointGroups, AdditionalPathsMapper {

        @Override
        public HealthEndpointGroup getPrimary() {
            return primary;
        }

        @Override
        public Set<String> getNames() {
            return groups.getNames();
        }

        @Override
        public @Nullable HealthEndpointGroup get(String name) {
            HealthEndpointGroup group = restricted.get(name);
            return group != null ? group : groups.get(name);
        }

        @Override
        public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
            return groups instanceof AdditionalPathsMapper mapper
                    ? mapper.getAdditionalPaths(endpointId, webServerNamespace)
                    : null;
        }
    }
}
