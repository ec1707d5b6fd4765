package dev.gavel.gateway.auth;

import dev.gavel.events.Role;
import dev.gavel.events.UserRef;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a verified token says the user is: {@code sub} is the id, {@code name} the display name, and the roles it
 * grants (see {@link Roles}).
 */
public record Identity(UserRef user, Instant expiresAt, Set<Role> roles) {

    static final int MAX_NAME_LENGTH = 64;

    /** The identity behind a request's principal, or null for an anonymous viewer. */
    public static Identity of(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            return of(token.getToken(), Roles.of(token.getAuthorities()));
        }
        return null;
    }

    static Identity of(Jwt jwt, Set<Role> roles) {
        String id = jwt.getSubject();
        String name = jwt.getClaimAsString("name");
        if (name == null || name.isBlank()) {
            name = jwt.getClaimAsString("preferred_username");
        }
        if (name == null || name.isBlank()) {
            name = id;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH);
        }
        return new Identity(new UserRef(id, name), jwt.getExpiresAt(), Set.copyOf(roles));
    }
}
