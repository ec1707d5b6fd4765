package dev.gavel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthPropertiesTest {

    private static final String SECRET = "s".repeat(AuthProperties.MIN_SECRET_BYTES);
    private static final String JWK_SET_URI = "https://id.example.com/.well-known/jwks.json";
    private static final String ISSUER = "https://id.example.com";

    private static AuthProperties verifiedBy(String jwtSecret, String jwkSetUri, String issuer, boolean demoTokens) {
        return new AuthProperties(
                jwtSecret,
                jwkSetUri,
                issuer,
                null,
                Duration.ofSeconds(30),
                false,
                demoTokens,
                Duration.ofHours(12),
                "roles",
                AuthProperties.Sellers.ANY);
    }

    @Test
    void acceptsASecretOfThirtyTwoBytes() {
        assertThat(verifiedBy(SECRET, null, null, false).jwtSecret()).isEqualTo(SECRET);
    }

    @Test
    void countsTheSecretInBytesNotCharacters() {
        String sixteenTwoByteCharacters = "é".repeat(16);

        assertThat(verifiedBy(sixteenTwoByteCharacters, null, null, false).jwtSecret())
                .isEqualTo(sixteenTwoByteCharacters);
    }

    @Test
    void refusesASecretShorterThanThirtyTwoBytes() {
        assertThatThrownBy(() -> verifiedBy("s".repeat(31), null, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GAVEL_AUTH_JWT_SECRET must be at least 32 bytes");
    }

    @Test
    void refusesToStartWithNoWayToVerifyTokens() {
        assertThatThrownBy(() -> verifiedBy(null, null, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no way to verify tokens")
                .hasMessageContaining("GAVEL_AUTH_JWT_SECRET")
                .hasMessageContaining("GAVEL_AUTH_JWK_SET_URI")
                .hasMessageContaining("GAVEL_AUTH_ISSUER");
    }

    @Test
    void treatsBlankSettingsAsUnset() {
        // An unset environment variable arrives as an empty string: ${GAVEL_AUTH_JWT_SECRET:}
        assertThatThrownBy(() -> verifiedBy("", " ", "\t", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no way to verify tokens");
    }

    @Test
    void acceptsAJwkSetAlone() {
        AuthProperties auth = verifiedBy("", JWK_SET_URI, null, false);

        assertThat(auth.jwtSecret()).isNull();
        assertThat(auth.jwkSetUri()).isEqualTo(JWK_SET_URI);
    }

    @Test
    void acceptsAnIssuerAlone() {
        assertThat(verifiedBy(null, null, ISSUER, false).issuer()).isEqualTo(ISSUER);
    }

    @Test
    void refusesDemoTokensWithoutASecretToSignThem() {
        assertThatThrownBy(() -> verifiedBy(null, JWK_SET_URI, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gavel.auth.demo-tokens needs GAVEL_AUTH_JWT_SECRET");
    }

    @Test
    void acceptsDemoTokensSignedWithTheSecret() {
        assertThat(verifiedBy(SECRET, null, null, true).demoTokens()).isTrue();
    }
}
