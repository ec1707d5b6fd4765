package dev.gavel.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How users prove who they are ({@code gavel.auth.*}, or {@code GAVEL_AUTH_*} in the environment). Tokens are JWTs:
 * HS256 with a shared {@code jwtSecret}, or RS256 verified with the keys at {@code jwkSetUri} (or the issuer's).
 *
 * @param jwtSecret HS256 shared secret, at least 32 bytes
 * @param jwkSetUri RS256: where the signing keys are published
 * @param issuer when set, tokens must carry this {@code iss} (and, with no secret or JWK set, keys are discovered from
 *     it)
 * @param audience when set, tokens must list it in {@code aud}
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param anonymousViewers whether a WebSocket without a token may watch (it can never bid or create)
 * @param demoTokens whether {@code POST /api/demo/token} hands out tokens for a display name (local use only)
 * @param demoTokenTtl how long a demo token is valid
 * @param rolesClaim the claim that lists the user's roles ({@code seller}, {@code moderator}, {@code admin}): a list of
 *     strings or one space-separated string; a dotted path reaches into nested claims, e.g. {@code realm_access.roles}
 * @param sellers who may create auctions: {@code any} signed-in user, or only those with the {@code seller} {@code
 *     role}
 */
@ConfigurationProperties("gavel.auth")
public record AuthProperties(
        String jwtSecret,
        String jwkSetUri,
        String issuer,
        String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("false") boolean anonymousViewers,
        @DefaultValue("false") boolean demoTokens,
        @DefaultValue("12h") Duration demoTokenTtl,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("any") Sellers sellers) {

    /** Who may sell. */
    public enum Sellers {
        ANY,
        ROLE
    }

    static final int MIN_SECRET_BYTES = 32;

    public AuthProperties {
        jwtSecret = blankToNull(jwtSecret);
        jwkSetUri = blankToNull(jwkSetUri);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        rolesClaim = blankToNull(rolesClaim) == null ? "roles" : rolesClaim.strip();
        sellers = sellers == null ? Sellers.ANY : sellers;
        if (jwtSecret == null && jwkSetUri == null && issuer == null) {
            throw new IllegalArgumentException("no way to verify tokens: set GAVEL_AUTH_JWT_SECRET (HS256, at least "
                    + MIN_SECRET_BYTES + " bytes), or GAVEL_AUTH_JWK_SET_URI or GAVEL_AUTH_ISSUER (RS256)");
        }
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "GAVEL_AUTH_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes (256 bits) for HS256");
        }
        if (demoTokens && jwtSecret == null) {
            throw new IllegalArgumentException(
                    "gavel.auth.demo-tokens needs GAVEL_AUTH_JWT_SECRET: demo tokens are signed with it");
        }
    }

    byte[] secretBytes() {
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
