package dev.gavel.gateway.auth;

import dev.gavel.events.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The roles a token grants, read from the configured claim and carried as the authorities {@code ROLE_SELLER},
 * {@code ROLE_MODERATOR} and {@code ROLE_ADMIN}. An admin is a moderator too. Names are matched without regard to
 * case; names Gavel does not know are ignored, so an identity provider's other roles do no harm.
 */
public final class Roles {

    static final String PREFIX = "ROLE_";

    private Roles() {}

    /** The roles in {@code claimPath} of {@code jwt}: a list of strings, or one space-separated string. */
    static Set<Role> read(Jwt jwt, String claimPath) {
        Object value = jwt.getClaims();
        for (String part : claimPath.split("\\.")) {
            value = value instanceof Map<?, ?> claims ? claims.get(part) : null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(name -> names.add(String.valueOf(name)));
        } else if (value instanceof String text) {
            names.addAll(Arrays.asList(text.strip().split("\\s+")));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    roles.add(role);
                }
            }
        }
        if (roles.contains(Role.ADMIN)) {
            roles.add(Role.MODERATOR);
        }
        return roles;
    }

    public static Collection<GrantedAuthority> authorities(Set<Role> roles) {
        return roles.stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(PREFIX + role.name()))
                .toList();
    }

    /** The roles among {@code authorities}, as {@link #authorities} wrote them. */
    public static Set<Role> of(Collection<? extends GrantedAuthority> authorities) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authorities) {
            for (Role role : Role.values()) {
                if ((PREFIX + role.name()).equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
