package dev.gavel.gateway.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.gavel.gateway.protocol.UserDto;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Local-use sign in: a display name gets a signed token for a new user id. Exists only with
 * {@code gavel.auth.demo-tokens=true}; a real deployment takes tokens from its identity provider.
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

    record TokenRequest(String name) {}

    record TokenResponse(String token, UserDto user, long expiresAt) {}

    @PostMapping("/api/demo/token")
    TokenResponse token(@RequestBody TokenRequest request) {
        String name =
                request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        String id = "u-" + UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(auth.demoTokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(id)
                .claim("name", name)
                .issuedAt(now)
                .expiresAt(expiresAt);
        if (auth.issuer() != null) {
            claims.issuer(auth.issuer());
        }
        if (auth.audience() != null) {
            claims.audience(List.of(auth.audience()));
        }
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
        return new TokenResponse(token, new UserDto(id, name), expiresAt.toEpochMilli());
    }
}
