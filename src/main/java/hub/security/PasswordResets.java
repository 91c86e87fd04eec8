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
 * "I forgot my password": a link to {@code /console/reset-password#<secret>} e-mailed to a person's sign-in address,
 * good for an hour and once; a newer one replaces it, and one goes to a person at most every two minutes. Whether an
 * address has an account shows neither in the answer nor in its timing: the e-mail is sent on a thread of its own.
 */
@Component
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    // a new secret for an active person of an active organisation, unless one was sent in the last two minutes
    private static final String NEW_LINK = """
            INSERT INTO password_resets AS r (user_id, token_hash)
            SELECT u.id, ? FROM users u JOIN organizations o ON o.id = u.organization_id
             WHERE lower(u.email) = lower(?) AND u.is_active AND o.is_active AND u.password_hash IS NOT NULL
            ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, requested_at = now()
             WHERE r.requested_at < now() - interval '2 minutes'
            RETURNING (SELECT email FROM users WHERE id = r.user_id)""";
    private static final String HOLDER = """
            SELECT user_id FROM password_resets WHERE token_hash = ? AND requested_at > now() - interval '1 hour'""";
    private static final String USE = "DELETE FROM password_resets WHERE token_hash = ? AND requested_at > now() - interval '1 hour'";

    private final JdbcTemplate jdbc;
    private final OwnerMail mail;
    private final ConsoleTexts texts;
    private final HubProperties.Console console;
    // one sender; a flood of requests beyond its queue is dropped, as each would be refused by the two minutes anyway
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
