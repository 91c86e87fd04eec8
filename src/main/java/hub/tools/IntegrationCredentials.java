package hub.tools;

import hub.security.SecretCipher;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.api.tool.ToolServerCredentials;
import org.springframework.stereotype.Component;

/**
 * The one place that reads and writes {@code org_integrations.credentials_encrypted}: an integration's
 * credentials are the HTTP headers sent to its tool server (header name → value), stored as JSON sealed
 * with the at-rest cipher ({@link SecretCipher}, AES-GCM).
 * Credentials are never logged, never returned by the API and never put into prompts or tool results.
 */
@Component
public record IntegrationCredentials(ObjectMapper mapper, SecretCipher cipher) {

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    /** The headers stored in the column; none when it is empty. An unreadable value counts as none. */
    public Map<String, String> headers(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(open(stored), HEADERS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** The column value for these headers; null when there are none. */
    public String store(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        try {
            return seal(mapper.writeValueAsString(new LinkedHashMap<>(headers)));
        } catch (Exception e) {
            throw new IllegalStateException("credentials could not be stored");
        }
    }

    /**
     * The headers for what the API was sent: {@code bearer_token} (Authorization: Bearer),
     * {@code api_key} (in {@code api_key_header}, X-API-Key by default) and/or {@code headers} as given.
     */
    public Map<String, String> fromRequest(ToolServerCredentials credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (credentials == null) {
            return headers;
        }
        if (credentials.headers() != null) {
            headers.putAll(credentials.headers());
        }
        if (credentials.bearerToken() != null) {
            headers.put("Authorization", "Bearer " + credentials.bearerToken());
        }
        if (credentials.apiKey() != null) {
            headers.put(credentials.apiKeyHeader() == null ? "X-API-Key" : credentials.apiKeyHeader(), credentials.apiKey());
        }
        return headers;
    }

    private String seal(String plain) {
        return cipher.encrypt(plain);
    }

    private String open(String stored) {
        return cipher.decrypt(stored);
    }
}
