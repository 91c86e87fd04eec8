package hub.console;

import java.io.IOException;

import hub.config.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The console in the browser: its session cookie ({@code HUB_SESSION}: HttpOnly, SameSite=Lax, Secure when the
 * request came over https), the idle time after which a session ends ({@code hub.console.session-timeout}), and its
 * files from {@code classpath:/console/}: {@code /console/assets/**} as they are, every other path the single-page
 * app's {@code index.html}, which routes in the browser. Who may load which page is the security chain's decision.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfig implements WebMvcConfigurer {

    public static final String SESSION_COOKIE = "HUB_SESSION";

    @Bean
    CookieSerializer consoleSessionCookie() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(SESSION_COOKIE);
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        return cookie;
    }

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> consoleSessionTimeout(HubProperties hub) {
        return sessions -> sessions.setDefaultMaxInactiveInterval(hub.console().sessionTimeout());
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console", "/console/**")
                .addResourceLocations("classpath:/console/")
                .resourceChain(true)
                .addResolver(new SinglePageResolver());
    }

    /** A path that names no file is a page of the app, except under assets/, where it is a missing file. */
    private static final class SinglePageResolver extends PathResourceResolver {
        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource file = resourcePath.isEmpty() ? null : super.getResource(resourcePath, location);
            return file != null || resourcePath.startsWith("assets/") ? file : super.getResource("index.html", location);
        }
    }
}
