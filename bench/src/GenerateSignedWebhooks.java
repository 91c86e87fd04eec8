import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes realistic single-message Meta webhook bodies with unique wamids, one per line as
 * "<X-Hub-Signature-256 value>\t<body>", for the load scripts.
 * Usage: java GenerateSignedWebhooks.java COUNT APP_SECRET PHONE_NUMBER_ID RUN_ID OUT_FILE
 */
public class GenerateSignedWebhooks {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String phoneNumberId = args[2];
        String runId = args[3];
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[4]))) {
            for (int i = 0; i < count; i++) {
                String from = "3460" + String.format("%07d", i % 5000);
                String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                        + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\""
                        + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Customer " + (i % 5000) + "\"},\"wa_id\":\"" + from
                        + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid." + runId + "." + i
                        + "\",\"timestamp\":\"" + (1764000000 + i / 100) + "\",\"text\":{\"body\":\"Hola, ¿a qué hora abren mañana? Necesito información sobre el plan pro.\"},"
                        + "\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
                String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
                out.write(signature);
                out.write('\t');
                out.write(body);
                out.write('\n');
            }
        }
    }
}
