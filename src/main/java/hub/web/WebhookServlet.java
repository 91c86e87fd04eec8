package hub.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;

/**
 * Meta's webhook on a servlet of its own, mapped to exactly {@link #PATH}: its requests skip what Spring MVC does for
 * the API (a handler lookup over every route, and platform-http's asynchronous second dispatch through the filters)
 * and run their route on the container's thread. The routes still start from platform-http endpoints; their
 * consumers are served here, by HTTP method, while they run. Every filter (the firewall, the webhook's security
 * chain, the body limit, {@link WebhookRequestGuard}) stays in front of it.
 */
public class WebhookServlet extends HttpServlet {

    public static final String PATH = "/webhook";

    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();

    /** The consumer of a platform-http endpoint on {@link #PATH}, served by this servlet while it is started. */
    public Consumer consumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new Consumer(endpoint, processor);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Consumer consumer = consumers.get(request.getMethod());
        if (consumer == null) {
            // the route is stopped, or does not take this method: as Spring MVC answers for a path it has no route for
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            consumer.handleService(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    public final class Consumer extends SpringBootPlatformHttpConsumer {

        Consumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            for (String method : methods()) {
                consumers.put(method, this);
            }
        }

        @Override
        protected void doStop() throws Exception {
            for (String method : methods()) {
                consumers.remove(method, this);
            }
            super.doStop();
        }

        @Override
        protected void handleService(HttpServletRequest request, HttpServletResponse response) throws Exception {
            super.handleService(request, response);
        }

        private String[] methods() {
            String restrict = getEndpoint().getHttpMethodRestrict();
            return restrict == null ? new String[] {"GET", "POST"} : restrict.toUpperCase().split(",");
        }
    }
}
