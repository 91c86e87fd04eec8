package hub.whatsapp.graph;

import java.util.List;

/**
 * Outcome of a successful send: the outbound wamids ({@code messages[0].id} of each Graph API
 * response), one per part, in the order the parts were sent.
 */
public record SendResult(List<String> wamids) {

    public SendResult {
        wamids = List.copyOf(wamids);
        if (wamids.isEmpty()) {
            throw new IllegalArgumentException("a send result has at least one wamid");
        }
    }

    public int parts() {
        return wamids.size();
    }

    /** The wamid of the first part, the one that carries the reply context. */
    public String firstWamid() {
        return wamids.get(0);
    }

    public String lastWamid() {
        return wamids.get(wamids.size() - 1);
    }
}
