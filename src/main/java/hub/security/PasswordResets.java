package hub.security;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import hub.config.HubProperties;
import hub.console.ConsoleTexts;
import hub.tools.Delivery;
import hub.tools.OwnerMail;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links to {@code /console/reset-password#<secret>}, where a person chooses a password, e-mailed to the person's
 * sign-in address; each works once, and a newer one replaces it.
 * <ul>
 * <li>"I forgot my password": good for an hour; one goes to a person at most every two minutes. Whether an address has
 * an account shows neither in the answer nor in its timing: the e-mail is sent on a thread of its own.</li>
 * <li>Sent by an owner's hand ({@link Given}): the invitation of a person just added, or with the initial password an
 * owner reset; good for 7 days, in the language of the organisation's first chatbot; at most 20 an hour for an
 * organisation.</li>
 * </ul>
 */
@Component
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    /** Why an owner's action e-mails a person a link: the e-mail's texts ({@code <prefix>.subject}, {@code .body}). */
    public enum Given {
        INVITATION("invitation_mail"), PASSWORD_RESET("reset_mail");

        private final String texts;

        Given(String texts) {
            this.texts = texts;
        }
    }

    // a new secret for an active person of an active organisation, unless one was asked for in the last two minutes
    // (an invitation's link, good for longer, is replaced at once)
    private static final String NEW_LINK = """
            INSERT INTO password_resets AS r (user_id, token_hash, expires_at)
            SELECT u.id, ?, now() + interval '1 hour' FROM users u JOIN organizations o ON o.id = u.organization_id
             WHERE lower(u.email) = lower(?) AND u.is_active AND o.is_active AND u.password_hash IS NOT NULL
            ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, requested_at = now(), expires_at = EXCLUDED.expires_at
             WHERE r.requested_at < now() - interval '2 minutes' OR r.expires_at > now() + interval '1 hour'
            RETURNING (SELECT email FROM users WHERE id = r.user_id)""";
    // a link an owner's action gives, unless the organisation sent 20 in the last hour; with what the e-mail says
    private static final String GIVEN_LINK = """
            INSERT INTO password_resets AS r (user_id, token_hash, expires_at)
            SELECT u.id, ?, now() + interval '7 days' FROM users u
             WHERE u.id = ? AND (SELECT count(*) FROM password_resets p JOIN users o ON o.id = p.user_id
                                  WHERE o.organization_id = u.organization_id AND p.requested_at > now() - interval '1 hour') < 20
            ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, requested_at = now(), expires_at = EXCLUDED.expires_at
            RETURNING (SELECT u.email FROM users u WHERE u.id = r.user_id),
                      (SELECT o.name FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = r.user_id),
                      (SELECT c.language FROM users u JOIN chatbots c ON c.organization_id = u.organization_id
                        WHERE u.id = r.user_id ORDER BY c.created_at LIMIT 1)""";
    private static final String HOLDER = """
            SELECT user_id FROM password_resets WHERE token_hash = ? AND expires_at > now()""";
    private static final String USE = "DELETE FROM password_resets WHERE token_hash = ? AND expires_at > now()";

    private final JdbcTemplate jdbc;
    private final OwnerMail mail;
    private final ConsoleTexts texts;
    private final HubProperties.Console console;
    // one sender; requests beyond its queue (a flood) are dropped: whoever really asked asks again
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100),
            runnable -> {
                Thread thread = new Thread(runnable, "password-reset-mail");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public PasswordResets(JdbcTemplate jdbc, OwnerMail mail, ConsoleTexts texts, HubProperties hub) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.texts = texts;
        this.console = hub.console();
        if (mail.available() && "localhost".equals(console.publicUrl().getHost())) {
            log.warn("hub.console.public-url is {}: the links the hub e-mails point there; set HUB_CONSOLE_PUBLIC_URL to the "
                    + "address people open the console at", console.publicUrl());
        }
    }

    /** Whether this hub can send the e-mail at all. */
    public boolean available() {
        return mail.available();
    }

    /** E-mails the person who signs in with {@code email}, if any, a link to choose a new password, in {@code language}. */
    public void request(String email, String language) {
        sender.execute(() -> {
            try {
                send(email, language);
            } catch (RuntimeException e) {
                log.warn("A password-reset link was not sent", e);
            }
        });
    }

    private void send(String email, String language) {
        String token = LinkSecrets.newSecret();
        Optional<String> to = jdbc.query(NEW_LINK, (rs, i) -> rs.getString(1), LinkSecrets.hash(token), email).stream().findFirst();
        if (to.isEmpty()) {
            return;
        }
        Delivery delivery = mail.send(to.get(), texts.text("password_mail.subject", language, Map.of()),
                texts.text("password_mail.body", language, Map.of("link", console.link("reset-password", token))));
        if (!delivery.sent()) {
            log.warn("A password-reset link was not sent: {}", delivery.error());
        }
    }

    /**
     * E-mails the person a link to choose their own password; false when it was not sent (no mail server, the
     * organisation's hourly limit, or the mail server refused it: the reason is logged).
     */
    public boolean give(UUID userId, Given why) {
        if (!mail.available()) {
            return false;
        }
        String token = LinkSecrets.newSecret();
        Optional<Recipient> recipient = jdbc.query(GIVEN_LINK, (rs, i) -> new Recipient(rs.getString(1), rs.getString(2),
                rs.getString(3) == null ? "en" : rs.getString(3)), LinkSecrets.hash(token), userId).stream().findFirst();
        if (recipient.isEmpty()) {
            log.warn("The link for person {} was not sent: the organisation sent 20 this hour", userId);
            return false;
        }
        Recipient to = recipient.get();
        Map<String, Object> values = Map.of("organization", to.organization(), "email", to.email(),
                "link", console.link("reset-password", token));
        Delivery delivery = mail.send(to.email(), texts.text(why.texts + ".subject", to.language(), values),
                texts.text(why.texts + ".body", to.language(), values));
        if (!delivery.sent()) {
            log.warn("The link for person {} was not sent: {}", userId, delivery.error());
        }
        return delivery.sent();
    }

    private record Recipient(String email, String organization, String language) {
    }

    /** The person a link with this secret was sent to, while it is good. */
    public Optional<UUID> holder(String token) {
        return jdbc.query(HOLDER, (rs, i) -> rs.getObject(1, UUID.class), (Object) LinkSecrets.hash(token)).stream().findFirst();
    }

    /** Uses the link up; false when it was used already (by a request that came first). */
    public boolean use(String token) {
        return jdbc.update(USE, (Object) LinkSecrets.hash(token)) == 1;
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
    }
}
