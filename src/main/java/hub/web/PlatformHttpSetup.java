package hub.web;

import java.util.Map;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

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

    /**
     * Spring Security looks up each request's Spring MVC handler before its chain runs (for its MVC request matchers):
     * this mapping, asked first, answers that lookup for the webhook at once instead of after a search through every
     * API route. It leads to the same servlet.
     */
    @Bean
    SimpleUrlHandlerMapping webhookHandlerMapping(WebhookServlet webhookServlet) {
        return new SimpleUrlHandlerMapping(Map.of(WebhookServlet.PATH, (HttpRequestHandler) webhookServlet::service),
                Ordered.HIGHEST_PRECEDENCE);
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
