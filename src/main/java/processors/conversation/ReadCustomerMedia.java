package processors.conversation;

import java.time.Duration;
import java.util.Map;

import hub.alerts.Alert;
import hub.config.HubProperties;
import hub.conversation.ConversationRepository;
import hub.conversation.CustomerMedia;
import hub.conversation.Turn;
import hub.conversation.Turn.NotAnswered;
import hub.media.CustomerMediaReader;
import hub.media.MediaException;
import hub.security.SecretCipher;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the voice note, image or document of a message the agent answers ({@link CustomerMediaReader}),
 * within the message's time budget. A voice note's transcript is stored with the message (and a transcript
 * longer than the plan allows is {@code too_long}, like a text). Media that cannot be used (expired, too large,
 * not what it was declared as, the transcription provider down, an unreadable document) is answered with the
 * chatbot's please-write text, recorded as {@code media_unreadable}, and alerted once per chatbot and problem.
 */
@Component
public record ReadCustomerMedia(CustomerMediaReader reader, ConversationRepository conversations, SecretCipher cipher,
                                HubProperties hub) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ReadCustomerMedia.class);

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        if (!turn.answeredByAgent() || !turn.mediaUse().downloads()) {
            return;
        }
        var bot = turn.chatbot();
        Duration left = hub.conversation().turnTimeout().minusNanos(System.nanoTime() - turn.startedNanos());
        CustomerMedia media;
        try {
            media = reader.read(turn.inbound(), turn.mediaUse(), cipher.decrypt(bot.accessToken()), left);
        } catch (MediaException e) {
            log.info("The {} of message {} to chatbot {} could not be used ({}): {}", turn.inbound().type(),
                    turn.inbound().wamid(), bot.id(), e.problem(), e.getMessage());
            turn.notAnswered(NotAnswered.media_unreadable, bot.pleaseWriteMessage());
            conversations.markNotAnswered(turn.inboundMessageId(), NotAnswered.media_unreadable);
            Alert.raisedBy(exchange).add(new Alert(bot.organizationId(), bot.id(),
                    e.problem() == MediaException.Problem.TRANSCRIPTION_FAILED
                            ? Alert.Reason.TRANSCRIPTION_FAILED : Alert.Reason.MEDIA_UNUSABLE,
                    Alert.Severity.WARNING, "A customer's " + turn.inbound().type() + " could not be used: " + e.getMessage()
                            + "; the customer was asked to write instead",
                    Map.of("wamid", String.valueOf(turn.inbound().wamid()), "problem", e.problem().name(),
                            "media_type", String.valueOf(turn.inbound().type()), "detail", String.valueOf(e.getMessage())),
                    "media:" + bot.id() + ":" + e.problem()));
            return;
        }
        if (media instanceof CustomerMedia.Transcript transcript) {
            conversations.storeTranscript(turn.inboundMessageId(), transcript.text());
            if (transcript.text().length() > hub.plan(bot.planTier()).maxMessageLength()) {
                turn.notAnswered(NotAnswered.too_long, null);
                conversations.markNotAnswered(turn.inboundMessageId(), NotAnswered.too_long);
                return;
            }
        }
        turn.media(media);
    }
}
