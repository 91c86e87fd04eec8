package hub.security;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.web.RequestBodies;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
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
 *       the health summary {@code GET /actuator/health} and its probes {@code /readiness} and {@code /liveness} (details
 *       only for the operator), the console's sign-in page,
 *       assets, {@code GET /console/session}, {@code POST /console/sign-in} ({@link ConsoleSignIn}) and sign-out;</li>
 *   <li>{@code /api/admin/**} and all other {@code /actuator/**} (Hawtio, Jolokia, Prometheus, routes): the
 *       operator token, as bearer token or HTTP Basic password;</li>
 *   <li>other {@code /api/**}: an organisation's API key as bearer token, or a person's console session (cookie
 *       {@code HUB_SESSION}, kept in PostgreSQL); {@link #OWNER_ONLY} paths refuse an agent's session;</li>
 *   <li>other {@code GET /console/**} pages: a person's session, else a redirect to the sign-in page;</li>
 *   <li>anything else: refused.</li>
 * </ul>
 * A request with a session cookie and no {@code Authorization} header that changes something needs the session's
 * CSRF token ({@code X-CSRF-TOKEN}); a bearer token is judged as before, without the session. The operator's
 * browser (Hawtio, HTTP Basic) is protected from other sites by {@link SameOriginCheck} and Jolokia's strict
 * origin checking.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    public static final String CSRF_HEADER = "X-CSRF-TOKEN";
    static final String SIGN_IN_PAGE = "/console/sign-in";
    /** API paths an agent's session may not use; an API key counts as an owner. */
    static final List<String> OWNER_ONLY = List.of("/api/people/**", "/api/api-keys/**", "/api/leads/**",
            "/api/organization/notifications/**");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Console pages load only the hub's own scripts, styles, images and connections, and no page frames them. */
    private static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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

    /** The firewall of the security chain and of {@link RequestFirewallFilter}. */
    @Bean
    StrictHttpFirewall httpFirewall() {
        return HubFirewall.create();
    }

    @Bean
    WebSecurityCustomizer firewallCustomizer(StrictHttpFirewall httpFirewall) {
        return web -> web.httpFirewall(httpFirewall);
    }

    /** Just in front of the security chain, whose path parsing comes before its own firewall. */
    @Bean
    FilterRegistrationBean<RequestFirewallFilter> requestFirewallFilter(StrictHttpFirewall httpFirewall, SecurityErrors errors) {
        FilterRegistrationBean<RequestFirewallFilter> registration = new FilterRegistrationBean<>(new RequestFirewallFilter(httpFirewall, errors));
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
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                    SecurityErrors errors, FailedAuthenticationLimiter limiter, PeopleRepository people,
                                    PasswordEncoder passwordEncoder, ConsoleSessions sessions, RequestBodies bodies,
                                    ObjectMapper mapper, HubProperties hub) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setHeaderName(CSRF_HEADER);
        SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
        ConsoleSignIn signIn = new ConsoleSignIn(new ProviderManager(new PersonAuthenticationProvider(people, passwordEncoder)),
                new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(),
                        new CsrfAuthenticationStrategy(csrfTokens))),
                contexts, people, sessions, bodies, mapper, errors, hub.console().sessionTimeout());
        RequestMatcher consolePages = path.matcher(HttpMethod.GET, "/console/**");
        http.authenticationManager(authenticationManager)
                .securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(SecurityConfig::cookieAuthenticatedChange))
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutRequestMatcher(path.matcher(HttpMethod.POST, "/console/sign-out"))
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SecurityErrors.CONSOLE,
                                new ContentSecurityPolicyHeaderWriter(CONSOLE_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .addFilterAfter(new SessionCallerRefresh(people), SecurityContextHolderFilter.class)
                .addFilterBefore(new SameOriginCheck(path.matcher("/actuator/**"), errors), BasicAuthenticationFilter.class)
                .addFilterBefore(new FailedAuthenticationThrottle(limiter, errors), BasicAuthenticationFilter.class)
                .addFilterBefore(signIn, BasicAuthenticationFilter.class)
                .addFilterAfter(bearerTokens(authenticationManager, errors), BasicAuthenticationFilter.class)
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor((request, response, e) -> response.sendRedirect(SIGN_IN_PAGE), consolePages)
                        .defaultAuthenticationEntryPointFor(errors, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(errors))
                .authorizeHttpRequests(requests -> requests
                        // the JSON error page of a request that was already let through
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(path.matcher(HttpMethod.GET, "/api/openapi.json"),
                                path.matcher(HttpMethod.GET, "/actuator/health"), path.matcher(HttpMethod.GET, "/actuator/health/readiness"),
                                path.matcher(HttpMethod.GET, "/actuator/health/liveness")).permitAll()
                        .requestMatchers(path.matcher(HttpMethod.GET, SIGN_IN_PAGE), path.matcher(HttpMethod.GET, "/console/assets/**"),
                                path.matcher(HttpMethod.GET, "/console/session"), path.matcher(HttpMethod.POST, "/console/sign-out"),
                                path.matcher(HttpMethod.GET, "/console/confirm-email"),
                                path.matcher(HttpMethod.POST, "/console/email-confirmation"),
                                path.matcher(HttpMethod.GET, "/console/forgot-password"), path.matcher(HttpMethod.GET, "/console/reset-password"),
                                path.matcher(HttpMethod.POST, "/console/password-reset"),
                                path.matcher(HttpMethod.POST, "/console/password-reset/complete")).permitAll()
                        .requestMatchers(consolePages, path.matcher(HttpMethod.POST, "/console/password"))
                            .hasRole(CallerAuthentication.PERSON)
                        .requestMatchers(path.matcher("/api/admin/**")).hasRole(CallerAuthentication.OPERATOR)
                        .requestMatchers(OWNER_ONLY.stream().map(path::matcher).toArray(RequestMatcher[]::new))
                            .hasRole(CallerAuthentication.OWNER)
                        .requestMatchers(path.matcher("/api/**")).hasRole(CallerAuthentication.ORGANIZATION)
                        .requestMatchers(path.matcher("/actuator/**")).hasRole(CallerAuthentication.OPERATOR)
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * Changes made with the session cookie need the session's CSRF token: every unsafe request to the console's
     * own endpoints, and unsafe API requests that carry a session cookie and no {@code Authorization} header
     * (a program's bearer token is not something another site can make a browser send).
     */
    private static boolean cookieAuthenticatedChange(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        return SecurityErrors.CONSOLE.matches(request)
                || request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getRequestedSessionId() != null;
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
