package dev.gavel.gateway.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.gavel.events.Role;
import dev.gavel.gateway.protocol.UserDto;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Local-use sign in: a display name gets a signed token for a new user id, with the roles asked for (so that a local
 * page or test can act as a seller or a moderator). Exists only with {@code gavel.auth.demo-tokens=true}; a real
 * deployment takes tokens, and roles, from its identity provider.
 */
@RestController
@ConditionalOnBooleanProperty("gavel.auth.demo-tokens")
class DemoTokenController {

    static final int MAX_NAME_LENGTH = 32;

    private final JwtEncoder encoder;
    private final AuthProperties auth;
    private final Clock clock;

    DemoTokenController(AuthProperties auth, Clock clock) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(SecurityConfiguration.secretKey(auth)));
        this.auth = auth;
        this.clock = clock;
    }

    record TokenRequest(String name, List<String> roles) {}

    record TokenResponse(String token, UserDto user, List<String> roles, long expiresAt) {}

    @PostMapping("/api/demo/token")
    TokenResponse token(@RequestBody TokenRequest request) {
        String name =
                request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        List<String> roles = roles(request.roles());
        String id = "u-" + UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(auth.demoTokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(id)
                .claim("name", name)
                .issuedAt(now)
                .expiresAt(expiresAt);
        if (!roles.isEmpty()) {
            claims.claim(auth.rolesClaim().split("\\.")[0], rolesClaimValue(auth.rolesClaim(), roles));
        }
        if (auth.issuer() != null) {
            claims.issuer(auth.issuer());
        }
        if (auth.audience() != null) {
            claims.audience(List.of(auth.audience()));
        }
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
        return new TokenResponse(token, new UserDto(id, name), roles, expiresAt.toEpochMilli());
    }

    /** The roles asked for, each one Gavel knows, in lower case as tokens carry them. */
    private static List<String> roles(List<String> asked) {
        if (asked == null) {
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        for (String name : asked) {
            Role role = name == null
                    ? null
                    : Arrays.stream(Role.values())
                            .filter(known -> known.name().equalsIgnoreCase(name.strip()))
                            .findFirst()
                            .orElse(null);
            if (role == null) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "roles must be among seller, moderator and admin");
            }
            String lower = role.name().toLowerCase(Locale.ROOT);
            if (!roles.contains(lower)) {
                roles.add(lower);
            }
        }
        return roles;
    }

    /** The value of the top claim of {@code claimPath}: the roles, nested in maps when the path is dotted. */
    private static Object rolesClaimValue(String claimPath, List<String> roles) {
        String[] parts = claimPath.split("\\.");
        Object value = roles;
        for (int i = parts.length - 1; i > 0; i--) {
            value = Map.of(parts[i], value);
        }
        return value;
    }
}
