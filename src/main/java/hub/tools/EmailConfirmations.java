package hub.tools;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import hub.config.HubProperties;
import hub.console.ConsoleTexts;
import hub.security.LinkSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The addresses an organisation's notices may be e-mailed to: each one confirmed by someone who opened the link the hub
 * sent there ({@code /console/confirm-email#<secret>}, good for 7 days). Until then the hub writes nothing else to it,
 * so an organisation cannot make the operator's mail server write to people who never asked for it. Links go out at
 * most once a minute to an address, and to at most five addresses of an organisation an hour.
 */
@Component
public class EmailConfirmations {

    private static final Logger log = LoggerFactory.getLogger(EmailConfirmations.class);

    /** What became of a request for a confirmation link. */
    public enum Request { SENT, LIMITED, NO_MAIL_SERVER, FAILED }

    /** A confirmed address and the organisation whose notices it takes. */
    public record Confirmed(String organization, String email) {
    }

    // a new secret for an address not confirmed (a confirmed one keeps its row as it is), unless one went there in the last minute or five went out this hour
    private static final String NEW_LINK = """
            INSERT INTO email_confirmations AS ec (organization_id, email, token_hash)
            SELECT ?, lower(?), ?
             WHERE (SELECT count(*) FROM email_confirmations r
                     WHERE r.organization_id = ? AND r.requested_at > now() - interval '1 hour') < 5
            ON CONFLICT (organization_id, email) DO UPDATE SET token_hash = EXCLUDED.token_hash, requested_at = now()
             WHERE ec.confirmed_at IS NULL AND ec.requested_at < now() - interval '1 minute'
            RETURNING (SELECT name FROM organizations WHERE id = ec.organization_id)""";
    // a link whose e-mail could not be sent counts for neither limit
    private static final String UNSENT = """
            UPDATE email_confirmations SET token_hash = NULL, requested_at = '-infinity'
             WHERE organization_id = ? AND email = lower(?) AND token_hash = ?""";
    private static final String CONFIRM = """
            UPDATE email_confirmations ec SET confirmed_at = now(), token_hash = NULL
             WHERE token_hash = ? AND confirmed_at IS NULL AND requested_at > now() - interval '7 days'
            RETURNING (SELECT name FROM organizations WHERE id = ec.organization_id), email""";

    private final JdbcTemplate jdbc;
    private final OwnerMail mail;
    private final ConsoleTexts texts;
    private final HubProperties.Console console;

    public EmailConfirmations(JdbcTemplate jdbc, OwnerMail mail, ConsoleTexts texts, HubProperties hub) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.texts = texts;
        this.console = hub.console();
    }

    /** Sends {@code email}, an address not confirmed yet, a link that confirms it for the organisation's notices, written in {@code language}. */
    public Request request(UUID organizationId, String email, String language) {
        if (!mail.available()) {
            return Request.NO_MAIL_SERVER;
        }
        String token = LinkSecrets.newSecret();
        byte[] hash = LinkSecrets.hash(token);
        Optional<String> organization = jdbc.query(NEW_LINK, (rs, i) -> rs.getString(1), organizationId, email, hash,
                organizationId).stream().findFirst();
        if (organization.isEmpty()) {
            return Request.LIMITED;
        }
        Map<String, Object> values = Map.of("organization", organization.get(), "link", console.link("confirm-email", token));
        Delivery delivery = mail.send(email, texts.text("owner_mail.confirm_subject", language, values),
                texts.text("owner_mail.confirm_body", language, values));
        if (!delivery.sent()) {
            jdbc.update(UNSENT, organizationId, email, hash);
            log.warn("The confirmation link for organisation {} was not sent: {}", organizationId, delivery.error());
            return delivery.outcome() == Delivery.Outcome.NO_MAIL_SERVER ? Request.NO_MAIL_SERVER : Request.FAILED;
        }
        return Request.SENT;
    }

    /** Confirms the address the link with this secret was sent to; empty when it was used, replaced or is too old. */
    public Optional<Confirmed> confirm(String token) {
        return jdbc.query(CONFIRM, (rs, i) -> new Confirmed(rs.getString(1), rs.getString(2)), (Object) LinkSecrets.hash(token))
                .stream().findFirst();
    }
}
