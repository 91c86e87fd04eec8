package hub.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import hub.TestProperties;
import hub.web.ApiError;
import org.junit.jupiter.api.Test;

/** Tenants cannot point the hub's tool calls at its own network. */
class ServerUrlPolicyTest {

    private final ServerUrlPolicy policy = new ServerUrlPolicy(TestProperties.hub(Map.of()));

    @Test
    void onlyPublicHttpUrlsAreCalled() {
        assertThat(policy.refusal("https://93.184.216.34/tools")).isNull();
        assertThat(policy.refusal("http://127.0.0.1:8080/tools")).contains("public internet");
        assertThat(policy.refusal("http://10.0.0.7/mcp")).contains("public internet");
        assertThat(policy.refusal("http://169.254.169.254/latest/meta-data")).contains("public internet");
        assertThat(policy.refusal("http://localhost/mcp")).contains("public internet");
        assertThatThrownBy(() -> policy.check("ftp://93.184.216.34/")).isInstanceOf(ApiError.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> policy.check("https://user:pw@93.184.216.34/")).hasMessageContaining("without user info");
    }

    @Test
    void privateNetworksCanBeAllowedOnPurpose() {
        ServerUrlPolicy open = new ServerUrlPolicy(TestProperties.hub(Map.of("hub.tools.allow-private-networks", "true")));
        assertThat(open.refusal("http://127.0.0.1:8080/tools")).isNull();
    }
}
