import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load that remembers what was acknowledged: CONNECTIONS workers post signed single-message
 * webhooks with unique wamids for SECONDS, and every wamid answered 200 is written to ACKED_FILE.
 * Refused connections and errors (the hub being killed) are counted and the workers go on.
 * With RATE (messages per second over all workers) the load is paced; without it, as fast as answered.
 * Usage: java AckedLoad.java URL APP_SECRET PHONE_NUMBER_ID[,PHONE_NUMBER_ID...] RUN_ID CONNECTIONS SECONDS ACKED_FILE [RATE]
 * Messages go to the phone number ids in turn. Environment:
 *   SENDERS=unique  every message comes from its own customer number (7 + 10 digits of its sequence)
 *   SENDERS=N       conversations: N customers (8 + 10 digits), message i from customer i mod N, so each customer
 *                   writes several messages, every N-th one, in the order of their sequence numbers
 *                   default: 5,000 customers
 *   COPIES=N        every webhook is delivered N times like Meta's retries: the first copy at once, the
 *                   others concurrently from other threads within 1.5 s, interleaved with other messages;
 *                   a message counts as acknowledged when any copy got 200
 */
public class AckedLoad {
    /** Posts one copy; false when the connection was refused (the hub is down). */
    static boolean post(HttpClient client, HttpRequest request, String wamid, java.util.Set<String> ackedOnce,
                        ConcurrentLinkedQueue<String> acked, AtomicLong failed, AtomicLong refused) {
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                if (ackedOnce.add(wamid)) {
                    acked.add(wamid);
                }
            } else {
                failed.incrementAndGet();
            }
        } catch (java.net.ConnectException e) {
            refused.incrementAndGet();
            return false;
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String secret = args[1], runId = args[3];
        String[] phoneNumberIds = args[2].split(",");
        int connections = Integer.parseInt(args[4]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));
        Path ackedFile = Path.of(args[6]);
        double rate = args.length > 7 ? Double.parseDouble(args[7]) : 0;
        long start = System.nanoTime();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        AtomicLong sequence = new AtomicLong(), failed = new AtomicLong(), refused = new AtomicLong();
        String senders = System.getenv().getOrDefault("SENDERS", "");
        boolean uniqueSenders = "unique".equals(senders);
        long conversations = senders.matches("[0-9]+") ? Long.parseLong(senders) : 0;
        int copies = Integer.parseInt(System.getenv().getOrDefault("COPIES", "1"));
        java.util.Set<String> ackedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ScheduledExecutorService retries = Executors.newScheduledThreadPool(Math.max(1, connections / 2));
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        for (int w = 0; w < connections; w++) {
            workers.submit(() -> {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                while (System.nanoTime() < deadline) {
                    long i = sequence.incrementAndGet();
                    if (rate > 0) {
                        long due = start + (long) ((i - 1) * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        if (System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                    String wamid = "wamid." + runId + "." + i;
                    String phoneNumberId = phoneNumberIds[(int) (i % phoneNumberIds.length)];
                    String from = uniqueSenders ? "7" + String.format("%010d", i)
                            : conversations > 0 ? "8" + String.format("%010d", i % conversations)
                            : "3460" + String.format("%07d", i % 5000);
                    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":"
                            + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"1\",\"phone_number_id\":\"" + phoneNumberId
                            + "\"},\"contacts\":[{\"profile\":{\"name\":\"C\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\"" + from
                            + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1764000000\",\"type\":\"text\",\"text\":{\"body\":\"hola\"}}]}}]}]}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                    for (int copy = 2; copy <= copies; copy++) {
                        retries.schedule(() -> post(client, request, wamid, ackedOnce, acked, failed, refused),
                                java.util.concurrent.ThreadLocalRandom.current().nextLong(1500), TimeUnit.MILLISECONDS);
                    }
                    if (!post(client, request, wamid, ackedOnce, acked, failed, refused)) {
                        Thread.sleep(100);
                    }
                }
                return null;
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
        retries.shutdown();
        retries.awaitTermination(1, TimeUnit.MINUTES);
        try (BufferedWriter out = Files.newBufferedWriter(ackedFile)) {
            for (String wamid : acked) {
                out.write(wamid);
                out.write('\n');
            }
        }
        System.out.println("LOAD sent=" + sequence.get() * copies + " acknowledged=" + acked.size()
                + " failed_or_cut=" + failed.get() + " refused=" + refused.get());
    }
}
