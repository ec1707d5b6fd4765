package dev.gavel.gateway.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SecurityConfigurationTest {

    private static MockEnvironment ports(String server, String management) {
        return new MockEnvironment()
                .withProperty("server.port", server)
                .withProperty("management.server.port", management);
    }

    @Test
    void managementOnThePublicPortIsRefused() {
        assertThatThrownBy(() -> SecurityConfiguration.requireManagementPortOfItsOwn(ports("8080", "8080")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("management.server.port (GAVEL_GATEWAY_MANAGEMENT_PORT) must differ from");
    }

    @Test
    void managementWithoutAPortOfItsOwnIsRefused() {
        assertThatThrownBy(() -> SecurityConfiguration.requireManagementPortOfItsOwn(
                        new MockEnvironment().withProperty("server.port", "8080")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void managementOnAPortOfItsOwnOrOffIsAccepted() {
        assertThatCode(() -> SecurityConfiguration.requireManagementPortOfItsOwn(ports("8080", "8180")))
                .doesNotThrowAnyException();
        assertThatCode(() -> SecurityConfiguration.requireManagementPortOfItsOwn(ports("8080", "-1")))
                .doesNotThrowAnyException();
    }
}
