package hub;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The operator's mail server, for every hub the integration tests start: GreenMail taking SMTP on a free port of
 * 127.0.0.1, for as long as the test JVM runs. A test finds the e-mails it caused by their recipient.
 */
public final class FakeMail {

    private static final GreenMail SERVER = start();

    private FakeMail() {
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return server;
    }

    /** The e-mails received so far for {@code address}. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(SERVER.getReceivedMessages()).filter(m -> recipients(m).contains(address.toLowerCase())).toList();
    }

    /** Waits until {@code count} e-mails have arrived for {@code address}, and returns them. */
    public static List<MimeMessage> awaitTo(String address, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> to(address).size() >= count);
        return to(address);
    }

    /** Waits for a link to the console's {@code page} (confirm-email, reset-password) e-mailed to {@code address}; the newest one. */
    public static String awaitLink(String address, String page) {
        Pattern link = Pattern.compile("\\S+/console/" + page + "#[A-Za-z0-9_-]+");
        await().atMost(Duration.ofSeconds(10)).until(() -> to(address).stream().anyMatch(m -> link.matcher(text(m)).find()));
        List<MimeMessage> mails = to(address);
        for (int i = mails.size() - 1; ; i--) {
            Matcher found = link.matcher(text(mails.get(i)));
            if (found.find()) {
                return found.group();
            }
        }
    }

    /** An e-mail's text, decoded, its lines ending in \n as they were written (SMTP carries them as \r\n). */
    public static String text(MimeMessage message) {
        try {
            return ((String) message.getContent()).replace("\r\n", "\n");
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO)).toLowerCase();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points each hub of the integration tests at this server. */
    static final class Properties implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
            return new PointAtServer();
        }
    }

    private record PointAtServer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fake mail server",
                    Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", SERVER.getSmtp().getPort())));
        }
    }
}
