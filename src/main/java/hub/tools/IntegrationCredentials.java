package hub.tools;

import hub.security.SecretCipher;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * The one place that reads and writes {@code org_integrations.credentials_encrypted}: an integration's
 * credentials are the HTTP headers sent to its tool server (header name → value), stored as JSON sealed
 * with the at-rest cipher ({@link SecretCipher}, AES-GCM).
 * Credentials are never logged, never returned by the API and never put into prompts or tool results.
 */
@Component
public class IntegrationCredentials {

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final SecretCipher cipher;

    public IntegrationCredentials(ObjectMapper mapper, SecretCipher cipher) {
        this.mapper = mapper;
        this.cipher = cipher;
    }

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
     * Headers from what an operator sends: {@code {"bearerToken": "..."}} (Authorization: Bearer),
     * {@code {"apiKey": "...", "apiKeyHeader": "X-API-Key"}} and/or {@code {"headers": {name: value}}}.
     */
    public Map<String, String> fromRequest(Map<?, ?> credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (credentials == null) {
            return headers;
        }
        if (credentials.get("headers") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k.toString(), v.toString());
                }
            });
        }
        if (credentials.get("bearerToken") instanceof String token && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (credentials.get("apiKey") instanceof String key && !key.isBlank()) {
            Object header = credentials.get("apiKeyHeader");
            headers.put(header instanceof String h && !h.isBlank() ? h : "X-API-Key", key);
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
