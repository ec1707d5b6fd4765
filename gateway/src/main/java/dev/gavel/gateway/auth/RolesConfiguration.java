package dev.gavel.gateway.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** Spring Security's resource server uses this converter for every verified token: the roles become authorities. */
@Configuration(proxyBeanMethods = false)
class RolesConfiguration {

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(AuthProperties auth) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> Roles.authorities(Roles.read(jwt, auth.rolesClaim())));
        return converter;
    }
}
