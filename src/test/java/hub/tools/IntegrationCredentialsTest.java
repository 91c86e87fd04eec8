package hub.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.api.tool.ToolServerCredentials;
import org.junit.jupiter.api.Test;

/** Integration credentials: what an operator sends becomes the headers sent to the tool server, and back. */
class IntegrationCredentialsTest {

    private final IntegrationCredentials credentials = new IntegrationCredentials(new ObjectMapper(), new hub.security.SecretCipher(new byte[32]));

    @Test
    void bearerTokensApiKeysAndHeadersBecomeRequestHeaders() {
        assertThat(credentials.fromRequest(new ToolServerCredentials("t0k", null, null, null)))
                .containsExactlyEntriesOf(Map.of("Authorization", "Bearer t0k"));
        assertThat(credentials.fromRequest(new ToolServerCredentials(null, "k3y", null, null)))
                .containsExactlyEntriesOf(Map.of("X-API-Key", "k3y"));
        assertThat(credentials.fromRequest(new ToolServerCredentials(null, "k3y", "X-Token", Map.of("X-Tenant", "7"))))
                .containsEntry("X-Token", "k3y").containsEntry("X-Tenant", "7").hasSize(2);
        assertThat(credentials.fromRequest(null)).isEmpty();
    }

    @Test
    void storedCredentialsReadBackAsTheSameHeaders() {
        String stored = credentials.store(Map.of("Authorization", "Bearer t0k", "X-Tenant", "7"));
        assertThat(credentials.headers(stored)).containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", "Bearer t0k", "X-Tenant", "7"));
        assertThat(credentials.store(Map.of())).isNull();
        assertThat(credentials.headers(null)).isEmpty();
        assertThat(credentials.headers("not json")).isEmpty();
    }
}
