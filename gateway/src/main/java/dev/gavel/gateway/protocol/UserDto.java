package dev.gavel.gateway.protocol;

import dev.gavel.events.UserRef;

public record UserDto(String id, String name) {

    public static UserDto of(UserRef user) {
        return user == null ? null : new UserDto(user.id(), user.name());
    }
}
