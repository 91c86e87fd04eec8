package hub.tools;

import java.util.regex.Pattern;

import hub.config.HubProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mails an organisation's owner (the owner notification settings) through the hub's mail server, which the
 * operator names with {@code spring.mail.*}; a hub without one sends no e-mail. Plain text, UTF-8, from
 * {@code hub.tools.mail-from}.
 */
@Component
public record OwnerMail(ObjectProvider<JavaMailSender> server, HubProperties hub) {

    // a subject is one line: a chatbot's name must not start a header of its own
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    /** Whether this hub has a mail server to send with. */
    public boolean available() {
        return server.getIfAvailable() != null;
    }

    /** Sends the e-mail; a failure's {@code error} names the mail server's answer, for the operator's log only. */
    public Delivery send(String to, String subject, String text) {
        JavaMailSender mail = server.getIfAvailable();
        if (mail == null) {
            return Delivery.NO_MAIL_SERVER;
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(hub.tools().mailFrom());
            helper.setTo(to);
            helper.setSubject(CONTROL.matcher(subject).replaceAll(" ").strip());
            helper.setText(text);
            mail.send(message);
            return Delivery.SENT;
        } catch (MessagingException | MailException e) {
            return Delivery.failed(e.getMessage());
        }
    }
}
