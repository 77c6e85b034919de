package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.spi.TenantResolver;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The current tenant from Spring Security's authenticated principal: the claim of a JWT (resource
 * server), the attribute of an OAuth2/OIDC user, or else a granted authority with a prefix ({@code
 * TENANT_clinique-a}). The actor is the authentication's name. A user with authorities of several
 * tenants has no current tenant (the application must say which).
 *
 * <p>Thread-safe; reads the calling thread's security context.
 */
public final class SpringSecurityTenantResolver implements TenantResolver {

    private static final boolean OAUTH2_TOKENS = ClassUtils.isPresent(
            "org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
            null);
    private static final boolean OAUTH2_PRINCIPALS =
            ClassUtils.isPresent("org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal", null);

    private final String attribute;
    private final String authorityPrefix;

    /**
     * @param attribute the claim or attribute holding the tenant id
     * @param authorityPrefix the prefix of an authority naming the tenant
     */
    public SpringSecurityTenantResolver(String attribute, String authorityPrefix) {
        this.attribute = Objects.requireNonNull(attribute, "attribute");
        this.authorityPrefix = Objects.requireNonNull(authorityPrefix, "authorityPrefix");
    }

    @Override
    public Optional<TenantId> currentTenant() {
        Authentication authentication = authenticated();
        if (authentication == null) {
            return Optional.empty();
        }
        Object claimed = null;
        if (OAUTH2_TOKENS) {
            claimed = OAuth2.tokenAttribute(authentication, attribute);
        }
        if (claimed == null && OAUTH2_PRINCIPALS) {
            claimed = OAuth2.principalAttribute(authentication.getPrincipal(), attribute);
        }
        if (claimed != null) {
            return tenant(String.valueOf(claimed));
        }
        String found = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(authorityPrefix) && name.length() > authorityPrefix.length()) {
                String tenant = name.substring(authorityPrefix.length());
                if (found != null && !found.equals(tenant)) {
                    return Optional.empty(); // several tenants: ambiguous
                }
                found = tenant;
            }
        }
        return found == null ? Optional.empty() : tenant(found);
    }

    @Override
    public Optional<Actor> currentActor() {
        Authentication authentication = authenticated();
        String name = authentication == null ? null : authentication.getName();
        return name == null || name.isBlank() || name.strip().length() > 200
                ? Optional.empty()
                : Optional.of(Actor.of(name));
    }

    private static @Nullable Authentication authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication;
    }

    private static Optional<TenantId> tenant(String value) {
        try {
            return Optional.of(TenantId.of(value));
        } catch (TenantTwilioException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SpringSecurityTenantResolver[attribute=" + attribute + ", authorityPrefix=" + authorityPrefix + "]";
    }

    /** Kept apart: its classes are loaded only when the OAuth2 modules are present. */
    private static final class OAuth2 {
        private OAuth2() {}

        static @Nullable Object tokenAttribute(Authentication authentication, String name) {
            if (authentication
                    instanceof
                    org.springframework.security.oauth2.server.resource.authentication
                                            .AbstractOAuth2TokenAuthenticationToken<
                                    ?>
                            token) {
                return token.getTokenAttributes().get(name);
            }
            return null;
        }

        static @Nullable Object principalAttribute(@Nullable Object principal, String name) {
            if (principal instanceof org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal user) {
                return user.getAttribute(name);
            }
            return null;
        }
    }
}
