package hub.conversation;

import java.net.InetAddress;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import hub.config.HubProperties;
import org.springframework.stereotype.Component;

/**
 * This hub process as a claimer of messages: {@code <instance>:<run>}. The instance name is stable
 * across restarts ({@code hub.instance-id}, default the host name), so on start the hub releases the
 * messages its previous run had claimed and not finished; Kafka redelivers them and they are taken over (a reply it
 * was sending waits as uncertain, see {@link UncertainReplies}).
 */
@Component
public class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private final String instance;
    private final String id;

    public Worker(@Value("${hub.instance-id:}") String instanceId, ConversationRepository conversations, HubProperties hub) {
        this.instance = instanceId == null || instanceId.isBlank() ? hostName() : instanceId;
        this.id = instance + ":" + UUID.randomUUID();
        int released = conversations.expireLeasesOfEarlierRuns(instance + ":", id, hub.conversation().uncertainSendWait());
        if (released > 0) {
            log.info("Released {} message(s) an earlier run of {} had not finished; they will be processed again", released, instance);
        }
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "hub";
        }
    }
}
