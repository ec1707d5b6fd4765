package dev.gavel.gateway.auth;

import jakarta.servlet.DispatcherType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request with a token must carry a valid one (else 401, and no WebSocket upgrade). Watching may be open to
 * anonymous viewers; changing anything needs a signed-in user. The signature algorithm is fixed by configuration, so
 * {@code alg=none} and HS/RS confusion are refused whatever a token's header says.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthProperties auth, Environment environment)
            throws Exception {
        requireManagementPortOfItsOwn(environment);
        DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
        // Browsers cannot set headers on a WebSocket handshake: they pass ?access_token= instead.
        tokens.setAllowUriQueryParameter(true);
        http.authorizeHttpRequests(requests -> {
                    // A REST command's reply is written on an async dispatch, after the request was authorized.
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                            .permitAll();
                    requests.requestMatchers(HttpMethod.POST, "/api/demo/token").permitAll();
                    // The management port is secured by where it listens (management.server.address), not by
                    // tokens: a scraper has none. Its endpoints are matched only on that port.
                    requests.requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll();
                    // The public port's only actuator paths: the probes, which say UP or not and nothing more.
                    requests.requestMatchers(EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, "health"))
                            .permitAll();
                    requests.requestMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/favicon.ico", "/error")
                            .permitAll();
                    requests.requestMatchers(
                                    HttpMethod.GET,
                                    "/api/auctions",
                                    "/api/auctions/*",
                                    "/api/shows",
                                    "/api/shows/*",
                                    "/api/stats")
                            .permitAll();
                    if (auth.anonymousViewers()) {
                        requests.requestMatchers(HttpMethod.GET, "/ws").permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(
                        server -> server.bearerTokenResolver(tokens).jwt(jwt -> {}))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * On the public port the management endpoints would be open to anyone who can reach it: refused. A management port
     * of -1 (no actuator over HTTP) is fine.
     */
    static void requireManagementPortOfItsOwn(Environment environment) {
        if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
            throw new IllegalStateException("management.server.port (GAVEL_GATEWAY_MANAGEMENT_PORT) must differ from"
                    + " server.port: the management endpoints must not be served on the public port");
        }
    }

    @Bean
    JwtDecoder jwtDecoder(AuthProperties auth) {
        NimbusJwtDecoder decoder;
        if (auth.jwtSecret() != null) {
            decoder = NimbusJwtDecoder.withSecretKey(secretKey(auth))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        } else if (auth.jwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(auth.issuer())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }
        decoder.setJwtValidator(validator(auth));
        return decoder;
    }

    static SecretKey secretKey(AuthProperties auth) {
        return new SecretKeySpec(auth.secretBytes(), "HmacSHA256");
    }

    private static OAuth2TokenValidator<Jwt> validator(AuthProperties auth) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(new JwtTimestampValidator(auth.clockSkew()));
        // A token without an expiry would never end.
        checks.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        checks.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        if (auth.issuer() != null) {
            checks.add(new JwtIssuerValidator(auth.issuer()));
        }
        if (auth.audience() != null) {
            checks.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, audiences -> audiences != null && audiences.contains(auth.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }
}
