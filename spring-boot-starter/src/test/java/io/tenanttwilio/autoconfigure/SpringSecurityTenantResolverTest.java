package io.tenanttwilio.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;

class SpringSecurityTenantResolverTest {

    private final SpringSecurityTenantResolver resolver = new SpringSecurityTenantResolver("tenant_id", "TENANT_");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    @Test
    void nobodySignedInHasNoTenant() {
        assertThat(resolver.currentTenant()).isEmpty();
        assertThat(resolver.currentActor()).isEmpty();
    }

    @Test
    void readsTheTenantFromAnAuthorityWithThePrefix() {
        signIn(new TestingAuthenticationToken("marie", "n/a", "ROLE_STAFF", "TENANT_clinique-a"));

        assertThat(resolver.currentTenant()).contains(TenantId.of("clinique-a"));
        assertThat(resolver.currentActor()).contains(Actor.of("marie"));
    }

    @Test
    void aUserOfSeveralTenantsHasNoCurrentOne() {
        signIn(new TestingAuthenticationToken("admin", "n/a", "TENANT_clinique-a", "TENANT_clinique-b"));

        assertThat(resolver.currentTenant()).isEmpty();
    }

    @Test
    void readsTheTenantClaimOfABearerToken() {
        DefaultOAuth2AuthenticatedPrincipal principal = new DefaultOAuth2AuthenticatedPrincipal(
                "marie", Map.of("tenant_id", "clinique-b", "sub", "marie"), List.of());
        OAuth2AccessToken token = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                "opaque",
                Instant.now(),
                Instant.now().plusSeconds(60));
        signIn(new BearerTokenAuthentication(
                principal, token, List.of(new SimpleGrantedAuthority("TENANT_clinique-a"))));

        assertThat(resolver.currentTenant())
                .as("the claim wins over authorities")
                .contains(TenantId.of("clinique-b"));
    }

    @Test
    void anAnonymousUserHasNoTenant() {
        signIn(new AnonymousAuthenticationToken(
                "key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS", "TENANT_clinique-a")));

        assertThat(resolver.currentTenant()).isEmpty();
        assertThat(resolver.currentActor()).isEmpty();
    }

    @Test
    void anInvalidTenantValueIsNoTenant() {
        signIn(new TestingAuthenticationToken("marie", "n/a", "TENANT_ bad"));

        assertThat(resolver.currentTenant()).isEmpty();
    }
}
