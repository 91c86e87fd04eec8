package hub.web;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs platform-http routes on the servlet container's request thread instead of handing each
 * request to a second thread pool: the webhook blocks on the broker's acknowledgement either way,
 * and the hand-off doubled the threads and context switches per request.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformHttpSetup {

    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }
}
