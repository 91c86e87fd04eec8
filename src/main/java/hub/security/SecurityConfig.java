package hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The hub's one security filter chain, deny by default. Paths are judged as the servlet container will route
 * them (decoded), after {@link RequestFirewallFilter} has refused, with 400, paths not written plainly:
 * encoded slashes, dots and letters, traversal, {@code //}, {@code ;}, backslashes.
 * <ul>
 *   <li>public: {@code GET}/{@code POST /webhook} (Meta signs its calls; {@link #webhookSecurity}), {@code GET /api/openapi.json},
 *       the health summary {@code GET /actuator/health} (details only for the operator);</li>
 *   <li>{@code /api/admin/**} and all other {@code /actuator/**} (Hawtio, Jolokia, Prometheus, routes): the
 *       operator token, as bearer token or HTTP Basic password;</li>
 *   <li>other {@code /api/**}: an organisation's API key as bearer token;</li>
 *   <li>anything else: refused.</li>
 * </ul>
 * No sessions and no CSRF tokens: every request carries its credentials, none is a cookie; the operator's
 * browser (Hawtio, HTTP Basic) is protected from other sites by {@link SameOriginCheck} and Jolokia's strict
 * origin checking.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    AuthenticationManager hubAuthenticationManager(ApiKeyRepository apiKeys, HubProperties hub) {
        return new ProviderManager(new ApiKeyAuthenticationProvider(apiKeys),
                new OperatorTokenAuthenticationProvider(hub.admin().token()));
    }

    /** Also the {@code RequestRejectedHandler} the filter chain proxy picks up: firewall rejections answer 400. */
    @Bean
    SecurityErrors securityErrors(ObjectMapper mapper, FailedAuthenticationLimiter limiter) {
        return new SecurityErrors(mapper, limiter);
    }

    /** Just in front of the security chain, whose path parsing comes before its own firewall. */
    @Bean
    FilterRegistrationBean<RequestFirewallFilter> requestFirewallFilter(SecurityErrors errors) {
        FilterRegistrationBean<RequestFirewallFilter> registration = new FilterRegistrationBean<>(new RequestFirewallFilter(errors));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /**
     * Meta's webhook is public and proves itself by its signature (the handshake by the verify token), so its own
     * chain holds only what a public endpoint needs: the busiest path of the hub pays for no authentication.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(path.matcher(HttpMethod.GET, "/webhook"), path.matcher(HttpMethod.POST, "/webhook")))
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                    SecurityErrors errors, FailedAuthenticationLimiter limiter) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.authenticationManager(authenticationManager)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .addFilterBefore(new SameOriginCheck(path.matcher("/actuator/**"), errors), BasicAuthenticationFilter.class)
                .addFilterBefore(new FailedAuthenticationThrottle(limiter, errors), BasicAuthenticationFilter.class)
                .addFilterAfter(bearerTokens(authenticationManager, errors), BasicAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .authorizeHttpRequests(requests -> requests
                        // the JSON error page of a request that was already let through
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(path.matcher(HttpMethod.GET, "/api/openapi.json"),
                                path.matcher(HttpMethod.GET, "/actuator/health")).permitAll()
                        .requestMatchers(path.matcher("/api/admin/**")).hasRole(CallerAuthentication.OPERATOR)
                        .requestMatchers(path.matcher("/api/**")).hasRole(CallerAuthentication.ORGANIZATION)
                        .requestMatchers(path.matcher("/actuator/**")).hasRole(CallerAuthentication.OPERATOR)
                        .anyRequest().denyAll());
        return http.build();
    }

    /** {@code Authorization: Bearer <token>}: an organisation's API key or the operator token. */
    private static AuthenticationFilter bearerTokens(AuthenticationManager manager, SecurityErrors errors) {
        AuthenticationFilter filter = new AuthenticationFilter(manager, request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? new PresentedToken(header.substring(7).strip()) : null;
        });
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(errors));
        return filter;
    }
}
