package hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A deployment that keeps actuator off the public port ({@code management.server.port}): the operator endpoints
 * answer only on the management port, and there too only to the operator and only for plainly written paths.
 */
@AutoConfigureObservability
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
@ActiveProfiles("test")
@Import(TestDatabase.class)
class ManagementPortSecurityIT {

    private static final String OPERATOR = "Bearer test-admin-token";

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void actuatorAnswersOnlyOnTheManagementPortAndOnlyToTheOperator() throws IOException {
        assertThat(get(port, "/actuator/jolokia/version", OPERATOR)).startsWith("HTTP/1.1 404").doesNotContain("\"agent\"");
        assertThat(get(port, "/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=5", null))
                .startsWith("HTTP/1.1 200");

        assertThat(get(managementPort, "/actuator/jolokia/version", null)).startsWith("HTTP/1.1 401");
        assertThat(get(managementPort, "/actuator/jolokia/version", OPERATOR)).startsWith("HTTP/1.1 200").contains("\"agent\"");
        for (String path : new String[] {"//actuator/jolokia/version", "/%61ctuator/jolokia/version",
                "/actuator;x=1/jolokia/version", "/actuator/health/../jolokia/version"}) {
            assertThat(get(managementPort, path, OPERATOR)).as(path).startsWith("HTTP/1.1 400").contains("\"bad_request\"");
        }
        assertThat(get(managementPort, "/actuator/health", null)).contains("\"status\":\"UP\"").doesNotContain("components");
    }

    private static String get(int port, String path, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port
                    + "\r\nConnection: close\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
