package hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A server on 127.0.0.1 that answers every request (any method, any path below the prefix) badly:
 * {@code /trickle...} sends its headers at once and then one byte per second, for ten minutes;
 * {@code /huge...} streams 1 GiB (chunked, generated as it goes); {@code /huge-declared...} the same with a
 * Content-Length of 1 GiB. It counts requests, bytes it managed to send and answers still being sent.
 */
public final class MisbehavingServer implements AutoCloseable {

    public static final long ONE_GIB = 1L << 30;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicLong bytesSent = new AtomicLong();
    public final AtomicInteger sending = new AtomicInteger();

    public MisbehavingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/trickle", exchange -> answer(exchange, () -> trickle(exchange)));
        server.createContext("/huge-declared", exchange -> answer(exchange, () -> huge(exchange, ONE_GIB)));
        server.createContext("/huge", exchange -> answer(exchange, () -> huge(exchange, 0)));
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private interface Answer {
        void send() throws IOException, InterruptedException;
    }

    private void answer(HttpExchange exchange, Answer answer) {
        requests.incrementAndGet();
        sending.incrementAndGet();
        try (exchange; InputStream request = exchange.getRequestBody()) {
            request.readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.send();
        } catch (IOException | InterruptedException closedByTheClient) {
            // the client gave up: that is the point
        } finally {
            sending.decrementAndGet();
        }
    }

    private void trickle(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write('{');
        out.flush();
        for (int second = 0; second < 600; second++) {
            Thread.sleep(1000);
            out.write(' ');
            out.flush();
            bytesSent.incrementAndGet();
        }
    }

    private void huge(HttpExchange exchange, long declaredLength) throws IOException {
        exchange.sendResponseHeaders(200, declaredLength);
        OutputStream out = exchange.getResponseBody();
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        for (long sent = 0; sent < ONE_GIB; sent += block.length) {
            out.write(block);
            bytesSent.addAndGet(block.length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
