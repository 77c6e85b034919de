package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Which of Spring Boot's health groups need {@code tenant-twilio.health.details-roles}: those that
 * show details to any signed-in user, and no other. The same check through a real server and
 * Spring Security is in {@link HealthDetailsEndToEndTest}.
 */
class HealthDetailsRolesTest {

    private static final SecurityContext ANONYMOUS = SecurityContext.NONE;
    private static final SecurityContext STAFF = signedIn("ROLE_STAFF", "TENANT_clinique-a");
    private static final SecurityContext OPERATOR = signedIn("ROLE_TWILIO_OPERATOR");
    private static final SecurityContext OPERATOR_AUTHORITY = signedIn("TWILIO_OPERATOR");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TenantTwilioAutoConfiguration.class,
                    TenantTwilioHealthAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class))
            .withPropertyValues("tenant-twilio.public-base-url=https://app.example.com/twilio");

    private final ApplicationContextRunner whenAuthorized =
            runner.withPropertyValues("management.endpoint.health.show-details=when-authorized");

    /** A signed-in user with these authorities, as Spring Security and a servlet request show it. */
    private static SecurityContext signedIn(String... authorities) {
        UsernamePasswordAuthenticationToken user = UsernamePasswordAuthenticationToken.authenticated(
                "someone@clinique-a.example", null, AuthorityUtils.createAuthorityList(authorities));
        return new SecurityContext() {
            @Override
            public @Nullable Principal getPrincipal() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return List.of(authorities).contains("ROLE_" + role);
            }
        };
    }

    private static boolean shows(HealthEndpointGroup group, SecurityContext user) {
        boolean details = group.showDetails(user);
        assertThat(group.showComponents(user))
                .as("components are shown exactly when details are")
                .isEqualTo(details);
        return details;
    }

    @Test
    void detailsShownWhenAuthorizedWithoutRolesNeedTheOperatorRole() {
        whenAuthorized.run(context -> {
            HealthEndpointGroup primary =
                    context.getBean(HealthEndpointGroups.class).getPrimary();
            assertThat(shows(primary, ANONYMOUS)).isFalse();
            assertThat(shows(primary, STAFF)).as("a tenant's staff").isFalse();
            assertThat(shows(primary, OPERATOR)).isTrue();
            assertThat(shows(primary, OPERATOR_AUTHORITY)).isTrue();
        });
    }

    @Test
    void theRolesAreConfigurable() {
        whenAuthorized
                .withPropertyValues("tenant-twilio.health.details-roles=PLATFORM_ADMIN,SUPPORT")
                .run(context -> {
                    HealthEndpointGroup primary =
                            context.getBean(HealthEndpointGroups.class).getPrimary();
                    assertThat(shows(primary, signedIn("ROLE_SUPPORT"))).isTrue();
                    assertThat(shows(primary, OPERATOR)).isFalse();
                    assertThat(shows(primary, STAFF)).isFalse();
                });
    }

    @Test
    void rolesTheApplicationConfiguredAreLeftAsTheyAre() {
        whenAuthorized
                .withPropertyValues("management.endpoint.health.roles=STAFF")
                .run(context -> {
                    HealthEndpointGroup primary =
                            context.getBean(HealthEndpointGroups.class).getPrimary();
                    assertThat(shows(primary, STAFF)).isTrue();
                    assertThat(shows(primary, OPERATOR)).isFalse();
                });
    }

    @Test
    void alwaysAndNeverAreLeftAsTheyAre() {
        runner.withPropertyValues("management.endpoint.health.show-details=always")
                .run(context -> assertThat(shows(
                                context.getBean(HealthEndpointGroups.class).getPrimary(), ANONYMOUS))
                        .isTrue());
        runner.run(context -> assertThat(
                        shows(context.getBean(HealthEndpointGroups.class).getPrimary(), OPERATOR))
                .as("never, Spring Boot's default")
                .isFalse());
    }

    @Test
    void componentsShownToAnyoneStayShownWhileTheDetailsNeedTheRole() {
        whenAuthorized
                .withPropertyValues("management.endpoint.health.show-components=always")
                .run(context -> {
                    HealthEndpointGroup primary =
                            context.getBean(HealthEndpointGroups.class).getPrimary();
                    assertThat(primary.showComponents(ANONYMOUS)).isTrue();
                    assertThat(primary.showDetails(STAFF)).isFalse();
                    assertThat(primary.showDetails(OPERATOR)).isTrue();
                });
    }

    @Test
    void groupsFollowTheirOwnSettingsAndOnlyThoseWithTheIndicatorChange() {
        whenAuthorized
                .withPropertyValues(
                        "management.endpoint.health.group.platform.include=tenantTwilio",
                        "management.endpoint.health.group.platform.additional-path=server:/platformz",
                        "management.endpoint.health.group.support.include=tenantTwilio",
                        "management.endpoint.health.group.support.roles=STAFF",
                        "management.endpoint.health.group.pings.include=ping",
                        "management.endpoint.health.group.open.include=tenantTwilio",
                        "management.endpoint.health.group.open.show-details=always")
                .run(context -> {
                    HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                    assertThat(shows(groups.get("platform"), STAFF)).isFalse();
                    assertThat(shows(groups.get("platform"), OPERATOR)).isTrue();
                    assertThat(shows(groups.get("support"), STAFF)).isTrue();
                    assertThat(shows(groups.get("pings"), STAFF))
                            .as("a group without the indicator")
                            .isTrue();
                    assertThat(groups.get("open").showDetails(ANONYMOUS)).isTrue();
                    assertThat(context.getBean(AdditionalPathsMapper.class)
                                    .getAdditionalPaths(EndpointId.of("health"), WebServerNamespace.SERVER))
                            .as("the groups' additional paths are still mapped")
                            .containsExactly("/platformz");
                });
    }

    @Test
    void emptyRolesGiveBackSpringBootsDefault() {
        whenAuthorized
                .withPropertyValues("tenant-twilio.health.details-roles=")
                .run(context -> assertThat(shows(
                                context.getBean(HealthEndpointGroups.class).getPrimary(), STAFF))
                        .isTrue());
    }

    @Test
    void theApplicationsOwnBeanWinsAndNoIndicatorMeansNoChange() {
        whenAuthorized
                .withBean(
                        "tenantTwilioHealthDetailsRoles",
                        HealthEndpointGroupsPostProcessor.class,
                        () -> groups -> groups)
                .run(context -> assertThat(shows(
                                context.getBean(HealthEndpointGroups.class).getPrimary(), STAFF))
                        .isTrue());
        whenAuthorized
                .withPropertyValues("management.health.tenantTwilio.enabled=false")
                .run(context -> assertThat(shows(
                                context.getBean(HealthEndpointGroups.class).getPrimary(), STAFF))
                        .isTrue());
    }
}
