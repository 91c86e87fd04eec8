package hub.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;

import hub.TestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class OwnerMailTest {

    @Test
    void aHubWithoutAMailServerSaysSoAndSendsNothing() {
        OwnerMail mail = new OwnerMail(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                TestProperties.hub(Map.of()));
        assertThat(mail.available()).isFalse();
        assertThat(mail.send("owner@example.com", "subject", "text").outcome()).isEqualTo(Delivery.Outcome.NO_MAIL_SERVER);
    }

    @Test
    void aMailServerThatDoesNotAnswerIsAFailureForTheLogNotAnException() throws Exception {
        JavaMailSenderImpl server = new JavaMailSenderImpl();
        server.setHost("127.0.0.1");
        try (ServerSocket closed = new ServerSocket(0)) {
            server.setPort(closed.getLocalPort());
        }
        server.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        OwnerMail mail = new OwnerMail(new StaticListableBeanFactory(Map.of("mail", server)).getBeanProvider(JavaMailSender.class),
                TestProperties.hub(Map.of()));
        assertThat(mail.available()).isTrue();
        Delivery delivery = mail.send("owner@example.com", "subject", "text");
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(delivery.error()).contains("127.0.0.1");
    }
}
