package dev.gavel.gateway.command;

import static dev.gavel.events.ModerationAction.CANCEL;
import static dev.gavel.events.ModerationAction.END;
import static dev.gavel.events.ModerationAction.REMOVE_BIDDER;
import static dev.gavel.gateway.testing.Requests.buyNow;
import static dev.gavel.gateway.testing.Requests.cancelAuction;
import static dev.gavel.gateway.testing.Requests.createAuction;
import static dev.gavel.gateway.testing.Requests.moderate;
import static dev.gavel.gateway.testing.Requests.placeBid;
import static dev.gavel.gateway.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.Role;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.testing.CommandLog;
import dev.gavel.gateway.testing.MutableClock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may send which command: every command type against every set of roles, under both selling policies. */
class PermissionsTest {

    private static final Set<Role> NONE = Set.of();
    private static final Set<Role> SELLER = Set.of(Role.SELLER);
    private static final Set<Role> MODERATOR = Set.of(Role.MODERATOR);
    private static final Set<Role> ADMIN = Set.of(Role.ADMIN, Role.MODERATOR);
    private static final List<Set<Role>> EVERY_ROLE_SET = List.of(NONE, SELLER, MODERATOR, ADMIN);

    private final MutableClock clock = new MutableClock();

    private CommandLog logWhere(boolean sellingNeedsRole) {
        return new CommandLog(clock, 100, new Permissions(sellingNeedsRole), new OpenAuctionLimit(100, seller -> 0));
    }

    /** Every command a client can send, with the roles that may send it when selling needs the seller role. */
    static Stream<Arguments> everyCommand() {
        return Stream.of(
                arguments(createAuction().build(), SELLER),
                arguments(placeBid("lamp", "12"), NONE, SELLER, MODERATOR, ADMIN),
                arguments(buyNow("lamp"), NONE, SELLER, MODERATOR, ADMIN),
                arguments(cancelAuction("lamp"), NONE, SELLER, MODERATOR, ADMIN),
                arguments(moderate("lamp", END, null), MODERATOR, ADMIN),
                arguments(moderate("lamp", CANCEL, null), MODERATOR, ADMIN),
                arguments(moderate("lamp", REMOVE_BIDDER, "u-bob"), MODERATOR, ADMIN));
    }

    @SafeVarargs
    private static Arguments arguments(ClientMessage.Command request, Set<Role>... allowed) {
        return Arguments.of(named(request.getClass().getSimpleName(), request), List.of(allowed));
    }

    @Test
    void everyCommandTypeIsCheckedHere() {
        Set<Class<?>> covered = everyCommand()
                .map(arguments -> ((Named<?>) arguments.get()[0]).getPayload().getClass())
                .collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrder(ClientMessage.Command.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void whenSellingNeedsTheRoleOnlyTheAllowedRolesReachTheLog(ClientMessage.Command request, List<Set<Role>> allowed) {
        for (Set<Role> roles : EVERY_ROLE_SET) {
            assertOutcome(logWhere(true), request, roles, allowed.contains(roles));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void whenAnyUserMaySellOnlyModeratingNeedsARole(ClientMessage.Command request, List<Set<Role>> allowed) {
        boolean moderating = request instanceof ClientMessage.ModerateAuction;
        for (Set<Role> roles : EVERY_ROLE_SET) {
            boolean mayModerate = roles.contains(Role.MODERATOR);
            assertOutcome(logWhere(false), request, roles, !moderating || mayModerate);
        }
    }

    private static void assertOutcome(CommandLog log, ClientMessage.Command request, Set<Role> roles, boolean allowed) {
        if (allowed) {
            log.gateway().submit(BOB, roles, request);
            assertThat(log.produced()).as("%s with %s", request, roles).hasSize(1);
        } else {
            ProtocolException refused = catchThrowableOfType(
                    ProtocolException.class, () -> log.gateway().submit(BOB, roles, request));
            assertThat(refused).as("%s with %s", request, roles).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(log.produced()).isEmpty();
        }
    }

    @Test
    void aModeratorsCommandIsStampedWithTheModeratorAndTheirRole() {
        CommandLog log = logWhere(false);

        log.gateway().submit(BOB, MODERATOR, moderate("lamp", REMOVE_BIDDER, "u-carol"));

        AuctionCommand.ModerateAuction command = (AuctionCommand.ModerateAuction) log.last();
        assertThat(command.moderator()).isEqualTo(BOB);
        assertThat(command.role()).isEqualTo(Role.MODERATOR);
        assertThat(command.bidderId()).isEqualTo("u-carol");
    }

    @Test
    void anAdminActsAsAdmin() {
        CommandLog log = logWhere(false);

        log.gateway().submit(BOB, EnumSet.of(Role.ADMIN, Role.MODERATOR), moderate("lamp", END, null));

        assertThat(((AuctionCommand.ModerateAuction) log.last()).role()).isEqualTo(Role.ADMIN);
    }
}
