package dev.gavel.gateway.testing;

import dev.gavel.events.UserRef;

/** The people of the test stories. */
public final class Users {

    public static final UserRef SAM_THE_SELLER = new UserRef("u-sam", "Sam");
    public static final UserRef BOB = new UserRef("u-bob", "Bob");
    public static final UserRef CAROL = new UserRef("u-carol", "Carol");

    private Users() {}
}
