package hub.security;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * With {@code management.server.port} set, the actuator endpoints (Hawtio, Jolokia, Prometheus, health) are served
 * by a second web server whose context is a child of the application's. Spring Boot puts the security chain in
 * front of it; this puts {@link RequestFirewallFilter} there too. It only applies in that child context, also when
 * component scanning finds it in the application's.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementPortFirewall.InManagementChildContext.class)
public class ManagementPortFirewall {

    @Bean
    FilterRegistrationBean<RequestFirewallFilter> managementRequestFirewallFilter(StrictHttpFirewall httpFirewall, SecurityErrors errors) {
        FilterRegistrationBean<RequestFirewallFilter> registration = new FilterRegistrationBean<>(new RequestFirewallFilter(httpFirewall, errors));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    static class InManagementChildContext implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}
