package dev.gavel.gateway.command;

import dev.gavel.events.Role;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import java.util.Set;

/**
 * Who may send which command, from the roles of their token. Any signed-in user may bid, buy and cancel (the rules
 * check that a cancel is the seller's); selling may need the {@code seller} role; moderating needs {@code moderator}
 * or {@code admin}. The processor checks a moderator's role again, since it trusts no record to come from here.
 */
public final class Permissions {

    private final boolean sellingNeedsRole;

    /** @param sellingNeedsRole whether only users with the {@code seller} role may create auctions */
    public Permissions(boolean sellingNeedsRole) {
        this.sellingNeedsRole = sellingNeedsRole;
    }

    /** @throws ProtocolException with {@link ErrorCode#FORBIDDEN} if {@code roles} do not allow {@code request} */
    public void check(Set<Role> roles, ClientMessage.Command request) {
        if (request instanceof ClientMessage.CreateAuction && sellingNeedsRole && !roles.contains(Role.SELLER)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "selling needs the seller role");
        }
        if (request instanceof ClientMessage.ModerateAuction && moderatingRole(roles) == null) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only moderators and admins can moderate auctions");
        }
    }

    /** @throws ProtocolException with {@link ErrorCode#FORBIDDEN} if {@code roles} do not allow {@code request} */
    public void check(Set<Role> roles, ClientMessage.ShowRequest request) {
        if (request instanceof ClientMessage.CreateShow && sellingNeedsRole && !roles.contains(Role.SELLER)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "hosting a show needs the seller role");
        }
    }

    /** The role a moderator acts in, stamped on their commands: admin before moderator; null for anyone else. */
    static Role moderatingRole(Set<Role> roles) {
        if (roles.contains(Role.ADMIN)) {
            return Role.ADMIN;
        }
        return roles.contains(Role.MODERATOR) ? Role.MODERATOR : null;
    }
}
