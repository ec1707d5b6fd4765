package dev.gavel.systemtests.support;

/** Signed-in users for tests. */
public final class Users {

    private Users() {}

    public record User(String id, String name, String token) {}
}
