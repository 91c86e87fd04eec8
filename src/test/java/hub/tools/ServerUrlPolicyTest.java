package hub.tools;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import hub.outbound.AddressGuard;
import hub.outbound.GuardedHttpClient;
import hub.web.ApiError;
import org.junit.jupiter.api.Test;

/** Tenants cannot save tool server URLs that point at the hub's own network. */
class ServerUrlPolicyTest {

    private static final GuardedHttpClient.Settings SETTINGS = GuardedHttpClient.Settings.withConnectTimeout(Duration.ofSeconds(1));

    private final ServerUrlPolicy policy = new ServerUrlPolicy(new GuardedHttpClient(SETTINGS, AddressGuard.publicInternetOnly()));

    @Test
    void onlyPublicHttpUrlsAreSaved() {
        assertThatCode(() -> policy.check("https://93.184.216.34/tools")).doesNotThrowAnyException();
        for (String internal : new String[] {"http://127.0.0.1:8080/tools", "http://10.0.0.7/mcp",
                "http://169.254.169.254/latest/meta-data", "http://localhost/mcp", "http://[::1]/mcp"}) {
            assertThatThrownBy(() -> policy.check(internal)).as(internal).isInstanceOf(ApiError.class)
                    .hasMessageContaining("public internet");
        }
        assertThatThrownBy(() -> policy.check("ftp://93.184.216.34/")).isInstanceOf(ApiError.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> policy.check("https://user:pw@93.184.216.34/")).hasMessageContaining("without user info");
    }

    @Test
    void privateNetworksCanBeAllowedOnPurpose() {
        ServerUrlPolicy open = new ServerUrlPolicy(new GuardedHttpClient(SETTINGS, AddressGuard.anyAddress()));
        assertThatCode(() -> open.check("http://127.0.0.1:8080/tools")).doesNotThrowAnyException();
    }
}
