package hub.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Integration credentials: what an operator sends becomes the headers sent to the tool server, and back. */
class IntegrationCredentialsTest {

    private final IntegrationCredentials credentials = new IntegrationCredentials(new ObjectMapper(), new hub.security.SecretCipher(new byte[32]));

    @Test
    void bearerTokensApiKeysAndHeadersBecomeRequestHeaders() {
        assertThat(credentials.fromRequest(Map.of("bearerToken", "t0k"))).containsExactlyEntriesOf(Map.of("Authorization", "Bearer t0k"));
        assertThat(credentials.fromRequest(Map.of("apiKey", "k3y"))).containsExactlyEntriesOf(Map.of("X-API-Key", "k3y"));
        assertThat(credentials.fromRequest(Map.of("apiKey", "k3y", "apiKeyHeader", "X-Token", "headers", Map.of("X-Tenant", "7"))))
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
