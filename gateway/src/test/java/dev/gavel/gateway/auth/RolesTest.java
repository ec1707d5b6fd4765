package dev.gavel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.Role;
import dev.gavel.gateway.testing.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ResponseStatusException;

class RolesTest {

    private static final String SECRET = "s".repeat(AuthProperties.MIN_SECRET_BYTES);

    private static Jwt tokenWith(String claim, Object value) {
        return Jwt.withTokenValue("token")
                .header("alg", "HS256")
                .subject("u-mia")
                .claim(claim, value)
                .build();
    }

    private static AuthProperties auth(String rolesClaim) {
        return new AuthProperties(
                SECRET,
                null,
                null,
                null,
                Duration.ofSeconds(30),
                false,
                true,
                Duration.ofHours(1),
                rolesClaim,
                AuthProperties.Sellers.ANY);
    }

    @Test
    void areReadFromAListOfNamesWhateverTheirCase() {
        assertThat(Roles.read(tokenWith("roles", List.of("Seller", "MODERATOR")), "roles"))
                .containsExactlyInAnyOrder(Role.SELLER, Role.MODERATOR);
    }

    @Test
    void areReadFromASpaceSeparatedString() {
        assertThat(Roles.read(tokenWith("roles", "seller  moderator"), "roles"))
                .containsExactlyInAnyOrder(Role.SELLER, Role.MODERATOR);
    }

    @Test
    void areReadFromANestedClaimByItsDottedPath() {
        Jwt jwt = tokenWith("realm_access", Map.of("roles", List.of("moderator", "offline_access")));

        assertThat(Roles.read(jwt, "realm_access.roles")).containsExactly(Role.MODERATOR);
    }

    @Test
    void anAdminIsAModeratorToo() {
        assertThat(Roles.read(tokenWith("roles", List.of("admin")), "roles"))
                .containsExactlyInAnyOrder(Role.ADMIN, Role.MODERATOR);
    }

    @Test
    void namesGavelDoesNotKnowAndMissingClaimsGrantNothing() {
        assertThat(Roles.read(tokenWith("roles", List.of("superuser", "root")), "roles"))
                .isEmpty();
        assertThat(Roles.read(tokenWith("groups", List.of("admin")), "roles")).isEmpty();
        assertThat(Roles.read(tokenWith("roles", 42), "roles")).isEmpty();
    }

    @Test
    void becomeAuthoritiesAndAreReadBackFromThem() {
        Collection<GrantedAuthority> authorities = Roles.authorities(Set.of(Role.SELLER, Role.ADMIN));

        assertThat(authorities)
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_SELLER", "ROLE_ADMIN");
        assertThat(Roles.of(authorities)).containsExactlyInAnyOrder(Role.SELLER, Role.ADMIN);
    }

    @Test
    void aDemoTokenWithRolesIsVerifiedAndConvertedToThoseAuthorities() {
        AuthProperties auth = auth("app.roles");
        DemoTokenController demo = new DemoTokenController(auth, Clock.fixed(Times.NOW, ZoneOffset.UTC));
        DemoTokenController.TokenResponse minted =
                demo.token(new DemoTokenController.TokenRequest("mia", List.of("Admin")));

        Jwt verified = new SecurityConfiguration().jwtDecoder(auth).decode(minted.token());
        JwtAuthenticationToken authentication = (JwtAuthenticationToken)
                new RolesConfiguration().jwtAuthenticationConverter(auth).convert(verified);

        assertThat(minted.roles()).containsExactly("admin");
        assertThat(Identity.of(authentication).roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.MODERATOR);
    }

    @Test
    void aDemoTokenForAnUnknownRoleIsRefused() {
        DemoTokenController demo = new DemoTokenController(auth("roles"), Clock.fixed(Times.NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> demo.token(new DemoTokenController.TokenRequest("mia", List.of("root"))))
                .isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("roles must be among seller, moderator and admin");
    }
}
