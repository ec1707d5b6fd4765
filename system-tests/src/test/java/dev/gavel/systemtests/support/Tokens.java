package dev.gavel.systemtests.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Tokens as an identity provider would issue them, and as an attacker would forge them. */
public final class Tokens {

    private Tokens() {}

    /** Claims of a valid token for a new user, valid for an hour. */
    public static JWTClaimsSet.Builder claims(String name) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject("u-" + UUID.randomUUID())
                .claim("name", name)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    public static String hs256(String secret, JWTClaimsSet claims) {
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String hs256(String secret, String name, UnaryOperator<JWTClaimsSet.Builder> change) {
        return hs256(secret, change.apply(claims(name)).build());
    }

    /** An unsigned token: {@code alg=none}. */
    public static String none(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** Signed with a fresh RSA key the gateway has never seen. */
    public static String rs256(JWTClaimsSet claims) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("attacker").generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
