package routes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import hub.contract.ApiCall;
import hub.contract.ApiContract;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send: chunked bodies generated on
 * the fly, a Content-Length that does not match the body, paths exactly as written. The answer is read
 * while the body is still being sent, as a client of a server that answers early would.
 */
final class RawHttp {

    /** The answer, and how many body bytes the client managed to send before it came or the connection closed. */
    record Answer(int status, String contentType, String body, long bodyBytesSent) {
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** {@code method path} with a chunked body of {@code total} bytes of {@code fill}, sent in 64 KiB chunks. */
    Answer chunked(String method, String path, Map<String, String> headers, long total, byte fill) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, fill);
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, headers, "Transfer-Encoding: chunked\r\n"));
            CompletableFuture<Answer> answer = readAnswer(socket);
            long sent = 0;
            try {
                while (sent < total && !answer.isDone()) {
                    int n = (int) Math.min(chunk.length, total - sent);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk, 0, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += n;
                }
                if (!answer.isDone()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException closedByServer) {
                // the server answered and closed the connection while the body was still coming
            }
            Answer received = answer.get(30, TimeUnit.SECONDS);
            return checked(method, path, new Answer(received.status(), received.contentType(), received.body(), sent));
        }
    }

    /** {@code method path} announcing {@code contentLength} and sending {@code body}, whatever their lengths. */
    Answer declared(String method, String path, Map<String, String> headers, String contentLength, byte[] body)
            throws Exception {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, headers, "Content-Length: " + contentLength + "\r\n"));
            CompletableFuture<Answer> answer = readAnswer(socket);
            long sent = 0;
            try {
                for (int off = 0; off < body.length && !answer.isDone(); off += 64 * 1024) {
                    int n = Math.min(64 * 1024, body.length - off);
                    out.write(body, off, n);
                    sent += n;
                }
                out.flush();
            } catch (IOException closedByServer) {
                // answered early
            }
            Answer received = answer.get(30, TimeUnit.SECONDS);
            return checked(method, path, new Answer(received.status(), received.contentType(), received.body(), sent));
        }
    }

    /** The answer to a documented API operation must match /api/openapi.json (the streamed request is not checked). */
    private Answer checked(String method, String path, Answer answer) {
        ApiContract.verify("http://127.0.0.1:" + port, ApiCall.answerOnly(method, path, answer.status(), answer.contentType(), answer.body()));
        return answer;
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static byte[] head(String method, String path, Map<String, String> headers, String framing) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append(framing).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static CompletableFuture<Answer> readAnswer(Socket socket) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = socket.getInputStream();
                String statusLine = line(in);
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                long length = -1;
                boolean chunked = false;
                String contentType = null;
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).strip());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    } else if (lower.startsWith("content-type:")) {
                        contentType = header.substring(13).strip();
                    }
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                if (chunked) {
                    for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                        body.write(in.readNBytes(size));
                        line(in);
                    }
                } else if (length >= 0) {
                    body.write(in.readNBytes((int) length));
                } else {
                    body.write(in.readAllBytes()); // neither length nor chunks: the body ends with the connection
                }
                return new Answer(status, contentType, body.toString(StandardCharsets.UTF_8), 0);
            } catch (IOException e) {
                throw new IllegalStateException("no complete answer", e);
            }
        }, task -> new Thread(task, "raw-http-answer").start());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
