package processors.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import hub.alerts.Alert;
import hub.config.HubProperties;
import hub.conversation.PendingReply;
import hub.conversation.ReplySender;
import hub.conversation.Turn;
import hub.conversation.UncertainReplies;
import hub.conversation.UncertainReplies.Uncertain;
import hub.conversation.Worker;
import hub.metrics.BusinessMetrics;
import hub.whatsapp.graph.GraphApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles replies whose send was cut: a status webhook that came back with the reply's key, or the reply's own rows,
 * prove it went out (it is recorded as sent, never sent twice); without a proof after
 * {@code hub.conversation.uncertain-send-wait} the stored reply is sent again. A reply that cannot go out (Meta refuses it, or a day has passed) is closed as not delivered with an
 * alert; one whose conversation a person took over meanwhile is not sent. The body becomes the number settled.
 */
@Component
public class ResolveUncertainReplies implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ResolveUncertainReplies.class);
    private static final int BATCH = 20;
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24); // the customer service window is closed by then
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(10);

    private final UncertainReplies uncertainReplies;
    private final ReplySender replySender;
    private final ProducerTemplate producer;
    private final HubProperties.Conversation settings;
    private final String worker;
    private final BusinessMetrics metrics;

    public ResolveUncertainReplies(UncertainReplies uncertainReplies, ReplySender replySender, ProducerTemplate producer,
                                   HubProperties hub, Worker worker, BusinessMetrics metrics) {
        this.uncertainReplies = uncertainReplies;
        this.replySender = replySender;
        this.producer = producer;
        this.settings = hub.conversation();
        this.worker = worker.id() + ":uncertain-replies";
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Set<UUID> settled = new HashSet<>();
        for (Uncertain uncertain : uncertainReplies.takeDue(worker, settings.lease(), settings.uncertainSendWait(), BATCH)) {
            if (settled.add(uncertain.reply().key())) { // a burst's events share one reply
                settle(uncertain);
            }
        }
        exchange.getMessage().setBody(settled.size());
    }

    private void settle(Uncertain uncertain) {
        PendingReply reply = uncertain.reply();
        if (uncertain.provedSent()) {
            log.info("Reply to {} was sent before its run stopped ({}); recorded as sent", reply.replyToWamid(),
                    uncertain.provedWamid() == null ? "its usage was logged" : "proved by " + uncertain.provedWamid());
            sent(reply, uncertain.provedWamid() == null ? List.of() : List.of(uncertain.provedWamid()));
            return;
        }
        if (uncertain.storedAccessToken() == null) {
            log.warn("Reply to {} is not sent again: its chatbot is gone", reply.replyToWamid());
            notSent(reply, Turn.NotAnswered.unknown_number, "the chatbot was deleted");
            return;
        }
        if (uncertain.manualMode()) {
            log.info("Reply to {} is not sent again: a person took the conversation over", reply.replyToWamid());
            notSent(reply, Turn.NotAnswered.manual_mode, null);
            return;
        }
        try {
            List<String> wamids = replySender.send(reply, uncertain.storedAccessToken());
            log.info("Reply to {} sent again: no status webhook proved the cut send went out", reply.replyToWamid());
            sent(reply, wamids);
        } catch (GraphApiException e) {
            boolean tooLate = uncertain.sendingAt() != null && uncertain.sendingAt().plus(GIVE_UP_AFTER).isBefore(Instant.now());
            if (e.retryable() && !tooLate) {
                Duration delay = settings.uncertainSendWait().multipliedBy(1L << Math.min(uncertain.resendAttempts(), 10));
                uncertainReplies.retryLater(reply, delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay, e.getMessage());
                log.warn("Reply to {} could not be sent again ({}); trying later", reply.replyToWamid(), e.getMessage());
                return;
            }
            log.warn("Reply to {} given up: {}", reply.replyToWamid(), e.getMessage());
            notSent(reply, Turn.NotAnswered.delivery_failed, e.getMessage());
            producer.sendBody("direct:alert", new Alert(reply.organizationId(), reply.chatbotId(), Alert.Reason.RESEND_FAILED,
                    Alert.Severity.ERROR, "A reply whose send was interrupted could not be sent again: " + e.getMessage(),
                    Map.of("wamid", reply.replyToWamid(), "detail", String.valueOf(e.getMessage())),
                    "send-failed:" + reply.phoneNumberId()));
        }
    }

    private void sent(PendingReply reply, List<String> wamids) {
        uncertainReplies.sent(reply, wamids);
        metrics.replySettled(reply, null);
    }

    private void notSent(PendingReply reply, Turn.NotAnswered reason, String error) {
        uncertainReplies.notSent(reply, reason, error);
        metrics.replySettled(reply, reason);
    }
}
