package hub.web;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs platform-http routes on the servlet container's request thread instead of handing each
 * request to a second thread pool: the webhook blocks on the broker's acknowledgement either way,
 * and the hand-off doubled the threads and context switches per request. The webhook's routes are
 * served by {@link WebhookServlet}, the others through Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformHttpSetup {

    @Bean
    WebhookServlet webhookServlet() {
        return new WebhookServlet();
    }

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServletRegistration(WebhookServlet webhookServlet) {
        ServletRegistrationBean<WebhookServlet> registration = new ServletRegistrationBean<>(webhookServlet, WebhookServlet.PATH);
        registration.setName("webhook");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port, WebhookServlet webhookServlet) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run) {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                return WebhookServlet.PATH.equals(endpoint.getPath())
                        ? webhookServlet.consumer(endpoint, processor) : super.createConsumer(endpoint, processor);
            }
        };
    }
}
